package dev.autonomy.control.core;

import dev.autonomy.api.action.ProposedAction;

import java.util.Objects;

/**
 * A proposal waiting for a person's approval (mode {@code suggest}); kept across restarts.
 *
 * @param queuedAt epoch milliseconds
 * @param order    position in the queue (ascending = older)
 */
public record QueuedProposal(ProposedAction action, long queuedAt, long order) {

    public QueuedProposal {
        Objects.requireNonNull(action, "action");
    }
}
