package dev.autonomy.creator.tool;

import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.Json;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Component;

import java.util.Map;

/** MCP tool {@code agent_spec_schema}: the JSON Schema of an agent spec, and a complete example. */
@Component(service = Tool.class)
public final class AgentSpecSchemaTool implements Tool {

    @Override
    public String name() {
        return "agent_spec_schema";
    }

    @Override
    public String description() {
        return "The JSON Schema of the 'spec' argument of agent_create, and a complete example spec.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public ToolAnnotations annotations() {
        return ToolAnnotations.PURE;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Map<String, Object> out = Map.of("schema", AgentSpecs.schema(),
                "example", AgentSpecs.toJson(AgentSpecs.example()));
        return ToolResult.structured(out, Json.write(out));
    }
}
