package ${package}.tool;

import ${package}.core.Names;
import ${package}.core.TimeoutPlan;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the tools answer, as pure functions: structured content for programs and text for models and people. A
 * decision is never a tool error: the call worked, the answer is the governor's. Callers branch on
 * {@code outcome} and {@code failure} (the governor's {@code FailureCode}), never on the text.
 */
final class Answers {

    /** One plan handed to the governor, and its decision. */
    record Proposed(TimeoutPlan plan, Decision decision) {
    }

    private Answers() {
    }

    /** {@code {"plans": [{tool, timeoutMs, reason}]}}. */
    static ToolResult plans(List<TimeoutPlan> plans) {
        List<Map<String, Object>> list = new ArrayList<>();
        StringBuilder text = new StringBuilder(plans.isEmpty() ? "No slow tools: nothing planned." : "");
        for (TimeoutPlan p : plans) {
            Map<String, Object> m = new LinkedHashMap<>(p.payload());
            m.put("reason", p.reason());
            list.add(m);
            text.append(text.length() == 0 ? "" : "\n").append(p.tool()).append(": ").append(p.timeoutMs())
                    .append(" ms (").append(p.reason()).append(')');
        }
        return ToolResult.structured(Map.of("plans", list), text.toString());
    }

    /** {@code {"proposals": [{tool, timeoutMs, proposalId, outcome, failure, reason, approveWith?}]}}. */
    static ToolResult proposed(List<Proposed> proposed) {
        List<Map<String, Object>> list = new ArrayList<>();
        StringBuilder text = new StringBuilder(proposed.isEmpty() ? "No slow tools: nothing to propose." : "");
        for (Proposed p : proposed) {
            Decision d = p.decision();
            String outcome = d.applied() ? "applied"
                    : d.approved() ? "failed" : d.outcome().name().toLowerCase(Locale.ROOT);
            Map<String, Object> m = new LinkedHashMap<>(p.plan().payload());
            m.put("proposalId", d.proposalId());
            m.put("outcome", outcome);
            m.put("failure", d.failure().name());
            m.put("reason", d.reason());
            if (d.outcome() == Decision.Outcome.QUEUED) {
                m.put("approveWith", "autonomy:approve " + d.proposalId());
            }
            list.add(m);
            text.append(text.length() == 0 ? "" : "\n").append(p.plan().tool()).append(" -> ")
                    .append(p.plan().timeoutMs()).append(" ms: ").append(outcome).append(" (").append(d.reason())
                    .append(')').append(d.outcome() == Decision.Outcome.QUEUED ? "; the operator approves with "
                            + "autonomy:approve " + d.proposalId() : "");
        }
        return ToolResult.structured(Map.of("proposals", list), text.toString());
    }

    /** No governor: autonomy is off and nothing is proposed (fail closed). */
    static ToolResult autonomyOff() {
        return refused(FailureCode.NO_GOVERNOR, "autonomy is off: no governor is running (the "
                + "autonomy-control-bundle is stopped or missing), and without one " + Names.CAPABILITY
                + " proposes nothing");
    }

    /** The capability is halted: it proposes nothing until the operator resumes autonomy. */
    static ToolResult halted() {
        return refused(FailureCode.HALTED, Names.CAPABILITY + " is halted and proposes nothing until the "
                + "operator runs autonomy:resume");
    }

    private static ToolResult refused(FailureCode failure, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proposals", List.of());
        m.put("failure", failure.name());
        m.put("reason", reason);
        return ToolResult.structured(m, reason + ". Nothing was proposed.");
    }
}
