package dev.autonomy.learning.tool;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.learning.component.Learner;
import dev.autonomy.learning.component.LearningComponent;
import dev.autonomy.learning.core.PatternsJson;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MCP tool {@code learn_patterns}: what learning finds in its experiences now — success and failure rates per
 * provider, latency trends, preferences, routing by agent, repeated calls — and the actionable knowledge drawn from
 * it, analysed on demand (at most a few seconds old), with when the next cycle, which proposes adaptations, runs.
 */
@Component(service = Tool.class)
public final class LearnPatternsTool implements Tool {

    private final Learner learner;

    @Activate
    public LearnPatternsTool(@Reference LearningComponent component) {
        this.learner = component.learner();
    }

    @Override
    public String name() {
        return "learn_patterns";
    }

    @Override
    public String description() {
        return "The patterns learning finds in its experiences now, at most a few seconds old (success and failure "
                + "rates by provider with their confidence intervals, latency percentiles and changes, ratings, "
                + "routing by agent, repeated calls) and the actionable knowledge drawn from them; adaptations are "
                + "proposed at the next cycle (nextCycle). Optionally only providers containing 'provider'.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("provider", Map.of("type", "string", "maxLength", 200,
                "description", "only providers (tool:<name>, agent:<id>, capability:<name>) containing this")),
                "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("learning");
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Learned patterns", true, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        Learner.Analyzed a = learner.patterns();
        Learner.Snapshot s = learner.snapshot();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("at", a.at() == null ? "" : a.at().toString());
        all.put("cycles", s.cycles());
        all.put("lastCycle", s.at() == null ? "" : s.at().toString());
        all.putAll(learner.nextCycle());
        all.putAll(PatternsJson.of(a.patterns(), a.knowledge()));
        String filter = call.stringArgument("provider", "");
        if (!filter.isEmpty()) {
            for (String key : List.of("providers", "preferences", "repetition", "knowledge")) {
                all.put(key, only((List<?>) all.get(key), filter, key.equals("knowledge") ? "target" : "provider"));
            }
            all.put("routing", only((List<?>) all.get("routing"), filter.startsWith("capability:")
                    ? filter.substring("capability:".length()) : filter, "capability"));
        }
        return ToolResult.structured(all, JsonText.write(all));
    }

    private static List<Object> only(List<?> rows, String filter, String key) {
        List<Object> out = new ArrayList<>();
        for (Object r : rows) {
            if (r instanceof Map && String.valueOf(((Map<?, ?>) r).get(key)).contains(filter)) {
                out.add(r);
            }
        }
        return out;
    }
}
