package dev.autonomy.learning.tool;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.learning.component.Learner;
import dev.autonomy.learning.component.LearningComponent;
import dev.autonomy.learning.core.Feedback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MCP tool {@code learn_feedback}: a person rates a result or a provider on a scale of 1 (bad) to 5 (good), 3 being
 * neutral. A result is named by the request id every tool result carries in {@code _meta["dev.autonomy/requestId"]},
 * and only a recent result of the caller's own session can be rated; a rating of a routed result counts for the
 * agent that served it. A provider must be a tool or agent that runs, or one learning has seen. A session gives at
 * most {@value Learner#MAX_RATINGS_PER_MINUTE} ratings a minute; the call never waits long for the store (it
 * answers "busy" instead). Ratings shape the learned preferences.
 */
@Component(service = Tool.class)
public final class LearnFeedbackTool implements Tool {

    private static final Map<String, Object> SCHEMA = schema();

    private final Learner learner;

    @Activate
    public LearnFeedbackTool(@Reference LearningComponent component) {
        this.learner = component.learner();
    }

    private static Map<String, Object> schema() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("requestId", Map.of("type", "string", "maxLength", 200, "description",
                "The rated result's request id, from its _meta \"dev.autonomy/requestId\" (a recent result of "
                        + "this session)"));
        p.put("provider", Map.of("type", "string", "maxLength", 200, "description",
                "Or the rated provider: tool:<name> or agent:<id> (one that runs, or that learning has seen)"));
        p.put("rating", Map.of("type", "integer", "minimum", 1, "maximum", 5, "description",
                "1 = bad, 2 = poor, 3 = neutral, 4 = good, 5 = excellent"));
        p.put("comment", Map.of("type", "string", "maxLength", Feedback.MAX_COMMENT, "description",
                "Why (optional; stored only if the operator keeps raw values)"));
        return Map.of("type", "object", "properties", p, "required", List.of("rating"),
                "additionalProperties", false);
    }

    @Override
    public String name() {
        return "learn_feedback";
    }

    @Override
    public String description() {
        return "Rates a result or a provider from 1 (bad) to 5 (excellent), 3 being neutral. Name the result by its "
                + "request id (each result's _meta \"dev.autonomy/requestId\"; recent results of this session "
                + "only), or the provider (tool:<name>, agent:<id>). At most " + Learner.MAX_RATINGS_PER_MINUTE
                + " ratings a minute per session. Learning turns ratings into preferences.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("learning", "feedback");
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Give feedback", false, false, false, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        Object rating = call.arguments().get("rating");
        if (!(rating instanceof Number) || ((Number) rating).doubleValue() != Math.rint(((Number) rating)
                .doubleValue())) {
            return ToolResult.error("rating must be a whole number 1..5 (1 = bad, 3 = neutral, 5 = good)");
        }
        Map<String, Object> out;
        try {
            out = learner.feedback(call.context().request().sessionId(), call.stringArgument("requestId", null),
                    call.stringArgument("provider", null), ((Number) rating).intValue(),
                    call.stringArgument("comment", null));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ToolResult.error(e.getMessage());
        }
        return ToolResult.structured(out, "Thank you: rating " + out.get("rating") + " of 5 recorded for "
                + out.get("provider") + ".");
    }
}
