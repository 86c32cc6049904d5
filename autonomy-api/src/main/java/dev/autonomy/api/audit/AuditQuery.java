package dev.autonomy.api.audit;

import java.time.Instant;
import java.util.Optional;

/** Which entries to read: every filter is optional; newest first, at most {@code limit}. */
public record AuditQuery(Optional<String> capability, Optional<String> target, Optional<String> proposalId,
                         Optional<Instant> from, Optional<Instant> to, int limit) {

    public static final AuditQuery LATEST = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), 50);

    public AuditQuery {
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("limit must be 1..100000, was " + limit);
        }
    }

    public AuditQuery withCapability(String c) {
        return new AuditQuery(Optional.ofNullable(c), target, proposalId, from, to, limit);
    }

    public AuditQuery withTarget(String t) {
        return new AuditQuery(capability, Optional.ofNullable(t), proposalId, from, to, limit);
    }

    public AuditQuery withProposalId(String p) {
        return new AuditQuery(capability, target, Optional.ofNullable(p), from, to, limit);
    }

    public AuditQuery withTimes(Instant f, Instant t) {
        return new AuditQuery(capability, target, proposalId, Optional.ofNullable(f), Optional.ofNullable(t), limit);
    }

    public AuditQuery withLimit(int l) {
        return new AuditQuery(capability, target, proposalId, from, to, l);
    }
}
