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

    /**
     * Until when a lease runs after its holder reported new evidence at {@code now}: another {@code leaseMillis}
     * from now, but never past {@code appliedAt + maxTotalMillis}, and never shorter than it ran already.
     * Example: applied at 0, lease 600 s, maximum 1,800 s; renewed at 500 s → 1,100 s; at 1,500 s → 1,800 s.
     */
    public static long renewedUntil(long expiresAt, long appliedAt, long now, long leaseMillis, long maxTotalMillis) {
        long cap = appliedAt + Math.max(leaseMillis, maxTotalMillis);
        return Math.max(expiresAt, Math.min(now + leaseMillis, cap));
    }
}
