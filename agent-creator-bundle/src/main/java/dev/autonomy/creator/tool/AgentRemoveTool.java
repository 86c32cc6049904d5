package dev.autonomy.creator.tool;

import dev.autonomy.api.action.Decision;
import dev.autonomy.creator.component.Creator;
import dev.autonomy.creator.component.CreatorComponent;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** MCP tool {@code agent_remove}: proposes to stop serving a generated agent (reversible with agent_rollback). */
@Component(service = Tool.class)
public final class AgentRemoveTool implements Tool {

    private final Creator creator;

    @Activate
    public AgentRemoveTool(@Reference CreatorComponent component) {
        this.creator = component.creator();
    }

    @Override
    public String name() {
        return "agent_remove";
    }

    @Override
    public String description() {
        return "Remove a generated agent (through the governor; agent_rollback brings it back).";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string",
                "description", "the agent's id")), "required", List.of("id"), "additionalProperties", false);
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        Decision d = creator.remove(call.stringArgument("id", ""), Clients.actor(call));
        return Decisions.result(d, "removed");
    }
}
