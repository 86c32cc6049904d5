package dev.autonomy.control.core;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.ActionState;

import java.util.Objects;

/**
 * An action the governor applied, kept (across restarts) so that it can be validated, released or rolled back. A
 * reversible one is an open experiment holding a lease on its target until it is closed.
 *
 * @param result         what {@code apply} returned (its effect is what rollback gets)
 * @param appliedAt      epoch milliseconds
 * @param leaseExpiresAt epoch milliseconds; 0 for an action that holds no lease
 * @param state          open (experiment running), closed (kept) or rolled back
 * @param closedAt       epoch milliseconds, 0 while open
 * @param evidenceHash   hash of the evidence last reported for it (0: none yet); a report with other evidence
 *                       renews the lease
 */
public record AppliedAction(ProposedAction action, ExecutionResult result, long appliedAt, long leaseExpiresAt,
                            State state, long closedAt, int evidenceHash) {

    public enum State { OPEN, CLOSED, ROLLED_BACK }

    public AppliedAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(state, "state");
    }

    public AppliedAction(ProposedAction action, ExecutionResult result, long appliedAt, long leaseExpiresAt,
                         State state, long closedAt) {
        this(action, result, appliedAt, leaseExpiresAt, state, closedAt, 0);
    }

    public boolean open() {
        return state == State.OPEN;
    }

    public Lease lease() {
        return new Lease(action.target(), action.id(), action.capability(), leaseExpiresAt);
    }

    public AppliedAction closed(State newState, long at) {
        return new AppliedAction(action, result, appliedAt, leaseExpiresAt, newState, at, evidenceHash);
    }

    /** The same action with its lease renewed until {@code expiresAt} after evidence with this hash. */
    public AppliedAction renewed(long expiresAt, int hash) {
        return new AppliedAction(action, result, appliedAt, expiresAt, state, closedAt, hash);
    }

    /** Where it stands for {@code state(id)} at {@code now}. */
    public ActionState actionState(long now) {
        switch (state) {
            case ROLLED_BACK:
                return ActionState.ROLLED_BACK;
            case OPEN:
                return leaseExpiresAt > now ? ActionState.APPLIED_LEASED : ActionState.APPLIED_RELEASED;
            default:
                return ActionState.APPLIED_RELEASED;
        }
    }
}
