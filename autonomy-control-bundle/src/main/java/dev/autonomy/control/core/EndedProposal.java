package dev.autonomy.control.core;

import dev.autonomy.api.governor.ActionState;

import java.util.Objects;

/**
 * A proposal that ended without being applied (rejected, withdrawn, expired, or applying it failed): kept for a
 * while so that its proposer can ask {@code state(id)}, also after a restart.
 *
 * @param endedAt epoch milliseconds
 */
public record EndedProposal(String id, String capability, ActionState state, long endedAt) {

    public EndedProposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(state, "state");
        if (!state.endedUnapplied()) {
            throw new IllegalArgumentException("an ended proposal is rejected, withdrawn, expired or failed to "
                    + "apply, was " + state);
        }
    }
}
