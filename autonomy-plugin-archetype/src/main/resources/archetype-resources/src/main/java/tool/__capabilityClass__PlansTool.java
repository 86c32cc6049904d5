package ${package}.tool;

import ${package}.component.${capabilityClass}Component;
import ${package}.core.Names;
import ${package}.core.TimeoutPlan;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** MCP tool {@code ${toolPrefix}_plans}: the time limits the pipeline plans now for the slow tools. Changes nothing. */
@Component(service = Tool.class)
public final class ${capabilityClass}PlansTool implements Tool {

    private final ${capabilityClass}Component component;

    @Activate
    public ${capabilityClass}PlansTool(@Reference ${capabilityClass}Component component) {
        this.component = component;
    }

    @Override
    public String name() {
        return Names.TOOL_PREFIX + "_plans";
    }

    @Override
    public String description() {
        return "Lists the tools whose recent calls were slow (p95 over the configured threshold) and the time limit "
                + "planned for each (p95 x headroom). Read-only: proposing is " + Names.TOOL_PREFIX + "_propose.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("autonomy", Names.CAPABILITY);
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Planned time limits", true, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        return Answers.plans(component.plans());
    }
}
