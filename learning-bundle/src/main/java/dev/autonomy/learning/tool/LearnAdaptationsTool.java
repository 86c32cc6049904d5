package dev.autonomy.learning.tool;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.learning.component.Learner;
import dev.autonomy.learning.component.LearningComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MCP tool {@code learn_adaptations}: every change learning proposed, newest first — its kind, target, status
 * (proposed, active, kept, reverted, rejected), the rationale, and the evidence of its experiment.
 */
@Component(service = Tool.class)
public final class LearnAdaptationsTool implements Tool {

    static final List<String> STATUSES = List.of("proposed", "active", "kept", "reverted", "rejected");

    private final Learner learner;

    @Activate
    public LearnAdaptationsTool(@Reference LearningComponent component) {
        this.learner = component.learner();
    }

    @Override
    public String name() {
        return "learn_adaptations";
    }

    @Override
    public String description() {
        return "The adaptations learning proposed, newest first: routing among agents, retries, time limits and "
                + "caches of tools, learned preferences; each with its status (proposed, active, kept, reverted, "
                + "rejected), rationale and the treatment-versus-holdout evidence of its experiment.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(
                        "status", Map.of("type", "string", "enum", STATUSES, "description", "only this status"),
                        "limit", Map.of("type", "integer", "minimum", 1, "maximum", 500, "default", 20)),
                "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("learning");
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Learned adaptations", true, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        String status = call.stringArgument("status", null);
        Object l = call.arguments().get("limit");
        int limit = l instanceof Number ? Math.max(1, Math.min(500, ((Number) l).intValue())) : 20;
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> a : learner.adaptations()) {
            if (status == null || status.equals(a.get("status"))) {
                out.add(a);
            }
            if (out.size() >= limit) {
                break;
            }
        }
        Map<String, Object> result = Map.of("adaptations", out);
        return ToolResult.structured(result, JsonText.write(result));
    }
}
