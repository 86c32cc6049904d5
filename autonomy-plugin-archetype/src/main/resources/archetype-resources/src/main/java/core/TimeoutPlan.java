package ${package}.core;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.config.ConfigTarget;
import dev.autonomy.api.config.ConfigValues;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A planned time limit for one tool: the pipeline's result, and the payload of the {@link ProposedAction} that the
 * governor decides on. The executor applies it from the payload alone (an approval may come after a restart), so
 * the payload holds everything: {@code {"tool": "text_word_count", "timeoutMs": 1900}}.
 *
 * @param tool      the tool whose time limit changes
 * @param timeoutMs the time limit, 1..3600000 ms
 * @param reason    why, for people (the proposal's expected effect)
 */
public record TimeoutPlan(String tool, long timeoutMs, String reason) {

    static final String TOOL = "tool";

    public TimeoutPlan {
        if (tool == null || !Tool.NAME_PATTERN.matcher(tool).matches()) {
            throw new IllegalArgumentException("tool must be a tool name (" + Tool.NAME_PATTERN + "), was '" + tool
                    + "'");
        }
        if (timeoutMs < 1 || timeoutMs > Settings.MAX_MS) {
            throw new IllegalArgumentException("timeoutMs must be 1.." + Settings.MAX_MS + ", was " + timeoutMs);
        }
        reason = reason == null ? "" : reason.strip();
    }

    /** The payload, as the executor reads it back with {@code fromPayload}. */
    public Map<String, Object> payload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TOOL, tool);
        m.put(ToolPolicyKeys.TIMEOUT_MS, timeoutMs);
        return m;
    }

    /** The plan a payload holds, checked again: it may have waited for hours, or come from an older version. */
    public static TimeoutPlan fromPayload(Map<String, ?> payload) {
        Object tool = payload.get(TOOL);
        Object timeout = payload.get(ToolPolicyKeys.TIMEOUT_MS);
        if (!(timeout instanceof Number) || ((Number) timeout).doubleValue() != ((Number) timeout).longValue()) {
            throw new IllegalArgumentException(ToolPolicyKeys.TIMEOUT_MS + " must be a whole number, was " + timeout);
        }
        return new TimeoutPlan(tool instanceof String ? (String) tool : null, ((Number) timeout).longValue(), "");
    }

    /** What changes: the governor's leases keep two changes of one target apart. */
    public String target() {
        return "tool:" + tool;
    }

    /** The configuration of autonomy's policy of the tool (the foundation clamps it to the operator's bounds). */
    public ConfigTarget config() {
        return ConfigTarget.factory(ToolPolicyKeys.AUTONOMY_FACTORY_PID, tool);
    }

    /** That configuration after the change: what was there, with the tool and the new time limit over it. */
    public Map<String, Object> applyTo(Map<String, ?> previous) {
        Map<String, Object> out = new LinkedHashMap<>(ConfigValues.own(previous));
        out.put(ToolPolicyKeys.TOOL, tool);
        out.put(ToolPolicyKeys.TIMEOUT_MS, timeoutMs);
        return out;
    }

    /** What it should do, in words, for whoever reads the approvals queue and the journal. */
    public String expectedEffect() {
        return tool + " runs with a time limit of " + timeoutMs + " ms" + (reason.isEmpty() ? "" : ": " + reason);
    }

    /** The proposal to hand to the governor: reversible, the executor restores what was there before. */
    public ProposedAction toProposal(String id, Actor requestedBy, Instant now) {
        return new ProposedAction(id, Names.CAPABILITY, Names.KIND, target(), payload(), true, expectedEffect(),
                requestedBy, now);
    }
}
