package dev.autonomy.control.core;

import java.util.Objects;

/**
 * The exclusive hold of one proposal on its target while its experiment runs, so that two loops never change the
 * same thing at once.
 *
 * @param expiresAt epoch milliseconds; the lease is over at that instant
 */
public record Lease(String target, String proposalId, String capability, long expiresAt) {

    public Lease {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(capability, "capability");
    }

    public boolean activeAt(long now) {
        return now < expiresAt;
    }
}
