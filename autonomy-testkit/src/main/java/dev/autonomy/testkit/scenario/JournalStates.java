package dev.autonomy.testkit.scenario;

import dev.autonomy.api.governor.ActionState;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a proposal stands, rebuilt from its journal entries (types and data flags, never summaries): what a client
 * outside the container can know, where {@code AutonomyGovernor.state(id)} is not reachable. Pure.
 */
public final class JournalStates {

    private JournalStates() {
    }

    /** The state after these entries of one proposal (any order); empty if none says anything. */
    public static Optional<ActionState> stateOf(List<JournalLine> lines) {
        ActionState state = null;
        boolean reversible = true;
        boolean applied = false;
        for (JournalLine l : lines.stream().sorted(Comparator.comparingLong(JournalLine::sequence)).toList()) {
            switch (l.type()) {
                case PROPOSED -> reversible = !Boolean.FALSE.equals(l.data().get("reversible"));
                case QUEUED -> state = ActionState.QUEUED;
                case APPLIED -> {
                    applied = true;
                    // only a reversible action holds a lease on its target
                    state = reversible ? ActionState.APPLIED_LEASED : ActionState.APPLIED_RELEASED;
                }
                case APPLY_FAILED -> state = ActionState.APPLY_FAILED;
                case RELEASED -> state = ActionState.APPLIED_RELEASED;
                case VALIDATED -> state = l.flag("done") && state == ActionState.APPLIED_LEASED
                        ? ActionState.APPLIED_RELEASED : state;
                case EXPIRED -> state = applied ? ActionState.APPLIED_RELEASED : ActionState.EXPIRED;
                case ROLLED_BACK -> state = ActionState.ROLLED_BACK;
                case REJECTED -> state = l.flag("stillQueued") ? ActionState.QUEUED
                        : l.flag("withdrawn") ? ActionState.WITHDRAWN : ActionState.REJECTED;
                default -> {
                    // APPROVED (applying follows), ROLLBACK_FAILED (nothing changed) and the rest: no new state
                }
            }
        }
        return Optional.ofNullable(state);
    }
}
