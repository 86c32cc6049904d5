package dev.autonomy.creator.tool;

import dev.autonomy.creator.component.Creator;
import dev.autonomy.creator.component.CreatorComponent;
import dev.autonomy.creator.spec.Json;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** MCP tool {@code agent_creation_history}: every creation attempt, newest first, and the open opportunities. */
@Component(service = Tool.class)
public final class AgentCreationHistoryTool implements Tool {

    private final Creator creator;

    @Activate
    public AgentCreationHistoryTool(@Reference CreatorComponent component) {
        this.creator = component.creator();
    }

    @Override
    public String name() {
        return "agent_creation_history";
    }

    @Override
    public String description() {
        return "Agent creation history (built, queued, deployed, failed with stage and reason, removed, rolled back), "
                + "newest first, and capabilities asked for that no agent offers.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(
                "id", Map.of("type", "string", "description", "only this agent"),
                "limit", Map.of("type", "integer", "minimum", 1, "maximum", 500, "default", 20)),
                "additionalProperties", false);
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations(null, true, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        String id = call.stringArgument("id", null);
        int limit = ((Number) call.arguments().getOrDefault("limit", 20L)).intValue();
        List<Object> entries = new ArrayList<>();
        for (Map<String, Object> e : creator.history(id == null ? limit : 500)) {
            if (id == null || id.equals(e.get("id"))) {
                entries.add(e);
            }
            if (entries.size() >= limit) {
                break;
            }
        }
        List<Object> opportunities = new ArrayList<>();
        creator.opportunities().forEach(o -> opportunities.add(Map.of("capability", o.capability(),
                "demand", o.demand(), "status", o.statusText())));
        Map<String, Object> out = Map.of("history", entries, "opportunities", opportunities);
        return ToolResult.structured(out, Json.write(out));
    }
}
