package dev.autonomy.api.action;

import java.util.Objects;
import java.util.Optional;

/**
 * The governor's answer to a proposal.
 *
 * @param proposalId the proposal
 * @param outcome    approved (and executed), queued for a person's approval, or rejected
 * @param reason     why, in words, for people (the mode, a budget, a lease holder, a halt …)
 * @param execution  for an approved proposal: what executing it did
 * @param failure    why it was rejected, or why its execution failed, as a code to branch on; {@link
 *                   FailureCode#NONE} for a queued proposal and one applied successfully
 */
public record Decision(String proposalId, Outcome outcome, String reason, Optional<ExecutionResult> execution,
                       FailureCode failure) {

    public enum Outcome { APPROVED, QUEUED, REJECTED }

    public Decision {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(execution, "execution");
        if (failure == null) {
            failure = derived(outcome, execution);
        }
        if (outcome == Outcome.REJECTED && failure == FailureCode.NONE) {
            throw new IllegalArgumentException("a rejected decision needs a failure code, was NONE");
        }
    }

    /** A decision whose failure code follows from the outcome and the execution (the form of release 1.0). */
    public Decision(String proposalId, Outcome outcome, String reason, Optional<ExecutionResult> execution) {
        this(proposalId, outcome, reason, execution, null);
    }

    private static FailureCode derived(Outcome outcome, Optional<ExecutionResult> execution) {
        if (outcome == Outcome.REJECTED) {
            return FailureCode.OTHER;
        }
        return execution.map(ExecutionResult::failure).orElse(FailureCode.NONE);
    }

    /** Rejected for a reason its maker did not classify ({@link FailureCode#OTHER}). */
    public static Decision rejected(String proposalId, String reason) {
        return new Decision(proposalId, Outcome.REJECTED, reason, Optional.empty(), FailureCode.OTHER);
    }

    public static Decision rejected(String proposalId, FailureCode failure, String reason) {
        return new Decision(proposalId, Outcome.REJECTED, reason, Optional.empty(), failure);
    }

    public static Decision queued(String proposalId, String reason) {
        return new Decision(proposalId, Outcome.QUEUED, reason, Optional.empty(), FailureCode.NONE);
    }

    public static Decision approved(String proposalId, String reason, ExecutionResult execution) {
        return new Decision(proposalId, Outcome.APPROVED, reason, Optional.of(execution), execution.failure());
    }

    public boolean approved() {
        return outcome == Outcome.APPROVED;
    }

    /** Approved and applied successfully. */
    public boolean applied() {
        return approved() && execution.map(ExecutionResult::success).orElse(false);
    }
}
