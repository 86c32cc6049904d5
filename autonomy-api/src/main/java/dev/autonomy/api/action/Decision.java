package dev.autonomy.api.action;

import java.util.Objects;
import java.util.Optional;

/**
 * The governor's answer to a proposal.
 *
 * @param proposalId the proposal
 * @param outcome    approved (and executed), queued for a person's approval, or rejected
 * @param reason     why, in words (the mode, a budget, a lease holder, a halt …)
 * @param execution  for an approved proposal: what executing it did
 */
public record Decision(String proposalId, Outcome outcome, String reason, Optional<ExecutionResult> execution) {

    public enum Outcome { APPROVED, QUEUED, REJECTED }

    public Decision {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(execution, "execution");
    }

    public static Decision rejected(String proposalId, String reason) {
        return new Decision(proposalId, Outcome.REJECTED, reason, Optional.empty());
    }

    public static Decision queued(String proposalId, String reason) {
        return new Decision(proposalId, Outcome.QUEUED, reason, Optional.empty());
    }

    public boolean approved() {
        return outcome == Outcome.APPROVED;
    }

    /** Approved and applied successfully. */
    public boolean applied() {
        return approved() && execution.map(ExecutionResult::success).orElse(false);
    }
}
