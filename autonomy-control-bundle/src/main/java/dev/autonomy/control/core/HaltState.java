package dev.autonomy.control.core;

import java.util.Objects;

/**
 * The halt in force.
 *
 * @param reason why
 * @param actor  who halted, as {@code kind:name}
 * @param since  epoch milliseconds
 */
public record HaltState(String reason, String actor, long since) {

    public HaltState {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
    }
}
