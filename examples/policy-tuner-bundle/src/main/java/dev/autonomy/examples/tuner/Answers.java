package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code tuner_propose} answers, as pure functions: structured content for programs and a sentence for models
 * and people. Outcomes: {@code approved} (applied at once), {@code queued} (waits for the operator),
 * {@code rejected} (with the reason), {@code failed} (approved, but applying it failed) and {@code off} (no
 * governor: nothing was proposed). None is a tool error: the call worked, the answer is the governor's.
 */
final class Answers {

    static final String APPROVED = "approved";
    static final String QUEUED = "queued";
    static final String REJECTED = "rejected";
    static final String FAILED = "failed";
    static final String OFF = "off";

    private Answers() {
    }

    /** The command the operator types to approve a queued proposal. */
    static String approveCommand(String proposalId) {
        return "autonomy:approve " + proposalId;
    }

    /** The governor's decision on {@code change}. */
    static ToolResult of(Decision decision, PolicyChange change) {
        Map<String, Object> m = new LinkedHashMap<>();
        String id = decision.proposalId();
        String text;
        switch (decision.outcome()) {
            case QUEUED -> {
                m.put("outcome", QUEUED);
                m.put("proposalId", id);
                m.put("approveWith", approveCommand(id));
                text = "Queued as proposal " + id + ": " + decision.reason() + ". Nothing changes until the "
                        + "operator runs, in the container's shell: " + approveCommand(id);
            }
            case REJECTED -> {
                m.put("outcome", REJECTED);
                m.put("proposalId", id);
                text = "Rejected: " + decision.reason() + ". Nothing changed.";
            }
            case APPROVED -> {
                Optional<ExecutionResult> result = decision.execution();
                if (decision.applied()) {
                    m.put("outcome", APPROVED);
                    m.put("proposalId", id);
                    m.put("applied", Map.of("tool", change.tool(), "settings", change.settings()));
                    text = "Applied: " + result.map(ExecutionResult::message).orElse(change.describe()) + "; "
                            + decision.reason() + ". It holds from the next call on.";
                } else {
                    m.put("outcome", FAILED);
                    m.put("proposalId", id);
                    text = "Approved, but applying it failed: "
                            + result.map(ExecutionResult::message).orElse("no result") + ". Nothing changed.";
                }
            }
            default -> throw new AssertionError(decision.outcome());
        }
        m.put("reason", decision.reason());
        return ToolResult.structured(m, text);
    }

    /** No governor: autonomy is off, and the tuner proposes nothing (fail closed). */
    static ToolResult autonomyOff() {
        String reason = "autonomy is off: no governor is running (the autonomy-control-bundle is stopped or "
                + "missing), and without one the tuner proposes nothing";
        return ToolResult.structured(outcome(OFF, reason), reason + ". Nothing changed.");
    }

    /** The capability is halted: it proposes nothing until the operator resumes autonomy. */
    static ToolResult halted() {
        String reason = PolicyTunerCapability.NAME + " is halted and proposes nothing until the operator runs "
                + "autonomy:resume";
        return ToolResult.structured(outcome(REJECTED, reason), "Rejected: " + reason + ". Nothing changed.");
    }

    /** {@code {"outcome": .., "reason": ..}}, in this order. */
    private static Map<String, Object> outcome(String outcome, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome);
        m.put("reason", reason);
        return m;
    }
}
