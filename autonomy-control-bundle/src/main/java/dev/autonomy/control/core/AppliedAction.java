package dev.autonomy.control.core;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;

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
 */
public record AppliedAction(ProposedAction action, ExecutionResult result, long appliedAt, long leaseExpiresAt,
                            State state, long closedAt) {

    public enum State { OPEN, CLOSED, ROLLED_BACK }

    public AppliedAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(state, "state");
    }

    public boolean open() {
        return state == State.OPEN;
    }

    public Lease lease() {
        return new Lease(action.target(), action.id(), action.capability(), leaseExpiresAt);
    }

    public AppliedAction closed(State newState, long at) {
        return new AppliedAction(action, result, appliedAt, leaseExpiresAt, newState, at);
    }
}
