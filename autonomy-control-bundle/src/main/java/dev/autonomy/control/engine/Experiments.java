package dev.autonomy.control.engine;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditEntry.Type;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.Lease;
import dev.autonomy.control.core.Reasons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applied actions after their decision: validations (which renew a lease on new evidence), rollbacks, releases and
 * leases that run out.
 */
final class Experiments {

    private final GovernorState st;

    Experiments(GovernorState st) {
        this.st = st;
    }

    // ------------------------------------------------------------------ experiments

    void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence, boolean done) {
        List<AuditEntry> expired = new ArrayList<>();
        List<AuditEntry> out = new ArrayList<>(3);
        try {
            validate(proposalId, improved, evidence, done, expired, out);
        } finally {
            st.journal.appendQuietly(expired); // a lease that ran out before this report ended before it, too
        }
        st.journal.appendQuietly(out);
    }

    private void validate(String proposalId, boolean improved, Map<String, ?> evidence, boolean done,
                          List<AuditEntry> expired, List<AuditEntry> out) {
        synchronized (st.lock) {
            long now = st.now();
            expired.addAll(expireLeasesDue(now)); // so that a lease past its time is not renewed
            AppliedAction rec = st.ledger.applied(proposalId);
            if (rec == null) {
                throw new IllegalArgumentException("no applied action " + proposalId);
            }
            ProposedAction a = rec.action();
            Map<String, ?> ev = evidence == null ? Map.of() : evidence;
            int streak = st.runaways.validated(a.capability(), improved, st.settings, out);
            String renewal = "";
            if (done && rec.open()) {
                close(rec, AppliedAction.State.CLOSED, now);
            } else if (!done && rec.open() && !ev.isEmpty() && ev.hashCode() != rec.evidenceHash()) {
                renewal = renew(rec, ev.hashCode(), now);
            }
            out.add(0, GovernorJournal.entry(Type.VALIDATED, a, a.requestedBy(), (improved ? "improved" : "no gain")
                    + (done ? ", done" : "") + renewal, Map.of("improved", improved, "done", done,
                    "noGainStreak", streak, "evidence", ev)));
        }
    }

    /** Renews the lease of an open experiment after new evidence, within the maximum; returns a note. Locked. */
    private String renew(AppliedAction rec, int evidenceHash, long now) {
        long until = Lease.renewedUntil(rec.leaseExpiresAt(), rec.appliedAt(), now, st.settings.leaseSeconds() * 1000,
                st.settings.maxLeaseSeconds() * 1000);
        if (until <= rec.leaseExpiresAt() || !st.leases.renew(rec.lease(), rec.renewed(until, evidenceHash).lease())) {
            st.ledger.put(rec.renewed(rec.leaseExpiresAt(), evidenceHash));
            return "";
        }
        st.ledger.put(rec.renewed(until, evidenceHash));
        return "; lease renewed until " + Reasons.time(until);
    }

    ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        List<AuditEntry> expired = new ArrayList<>();
        try {
            return rollback(proposalId, reason, actor, expired);
        } finally {
            st.journal.appendQuietly(expired);
        }
    }

    private ExecutionResult rollback(String proposalId, String reason, Actor actor, List<AuditEntry> expired) {
        AppliedAction rec;
        ActionExecutor executor;
        synchronized (st.lock) {
            long now = st.now();
            expired.addAll(expireLeasesDue(now));
            rec = st.ledger.applied(proposalId);
            if (rec == null) {
                return ExecutionResult.failed(FailureCode.NOT_APPLIED, "no applied action " + proposalId);
            }
            if (!rec.action().reversible()) {
                return ExecutionResult.failed(FailureCode.NOT_REVERSIBLE, "action " + proposalId
                        + " is not reversible");
            }
            if (rec.state() == AppliedAction.State.ROLLED_BACK) {
                return ExecutionResult.failed(FailureCode.ALREADY_ROLLED_BACK, "action " + proposalId
                        + " was already rolled back");
            }
            Optional<Lease> other = st.leases.heldByOther(rec.action().target(), proposalId, now);
            if (other.isPresent()) {
                // undoing it would overwrite the newer change that holds the target now
                return ExecutionResult.failed(FailureCode.TARGET_LEASED, Reasons.leased(other.get(), now));
            }
            executor = st.executors.get(rec.action().capability());
            if (executor == null) {
                return ExecutionResult.failed(FailureCode.NO_EXECUTOR, Reasons.noExecutor(rec.action().capability()));
            }
            if (!st.execution.startRollback(proposalId)) {
                return ExecutionResult.failed(FailureCode.ROLLBACK_RUNNING, "a rollback of " + proposalId
                        + " is already running");
            }
        }
        ProposedAction a = rec.action();
        ExecutionResult result = st.execution.rollback(a, executor, rec.result());
        List<AuditEntry> out = new ArrayList<>(2);
        String why = reason == null ? "" : reason;
        synchronized (st.lock) {
            st.execution.endRollback(proposalId);
            long now = st.now();
            if (result.success()) {
                AppliedAction current = st.ledger.applied(proposalId);
                close(current == null ? rec : current, AppliedAction.State.ROLLED_BACK, now);
                out.add(GovernorJournal.entry(Type.ROLLED_BACK, a, actor, why.isEmpty() ? result.message() : why,
                        Map.of("reason", why, "message", result.message(), "effect", result.effect())));
                st.runaways.rolledBack(a.capability(), a.target(), now, st.settings, out);
            } else {
                out.add(GovernorJournal.entry(Type.ROLLBACK_FAILED, a, actor, result.message(), Map.of("reason", why,
                        "message", result.message())));
            }
        }
        st.journal.appendQuietly(out);
        return result;
    }

    void release(String proposalId) {
        List<AuditEntry> expired = new ArrayList<>();
        AppliedAction rec;
        try {
            rec = releaseLocked(proposalId, expired);
        } finally {
            st.journal.appendQuietly(expired);
        }
        if (rec == null) {
            return; // closed already
        }
        st.journal.appendQuietly(List.of(GovernorJournal.entry(Type.RELEASED, rec.action(), rec.action().requestedBy(),
                "released " + rec.action().target(), Map.of())));
    }

    /** Closes the open action {@code proposalId}; returns it, or null if it was closed already. */
    private AppliedAction releaseLocked(String proposalId, List<AuditEntry> expired) {
        synchronized (st.lock) {
            long now = st.now();
            expired.addAll(expireLeasesDue(now));
            AppliedAction rec = st.ledger.applied(proposalId);
            if (rec == null) {
                throw new IllegalArgumentException("no applied action " + proposalId);
            }
            if (!rec.open()) {
                return null;
            }
            close(rec, AppliedAction.State.CLOSED, now);
            return rec;
        }
    }

    /** Closes an applied action and frees its lease. Under the lock. */
    private void close(AppliedAction rec, AppliedAction.State state, long now) {
        st.ledger.put(rec.closed(state, now));
        if (rec.leaseExpiresAt() > 0) {
            st.leases.remove(rec.lease());
        }
    }

    /** Ends the leases (and experiments) whose time is up; returns their journal entries. Under the lock. */
    List<AuditEntry> expireLeasesDue(long now) {
        List<Lease> due = st.leases.expireDue(now);
        if (due.isEmpty()) {
            return List.of();
        }
        List<AuditEntry> out = new ArrayList<>();
        for (Lease l : due) {
            AppliedAction rec = st.ledger.applied(l.proposalId());
            if (rec != null && rec.open()) {
                st.ledger.put(rec.closed(AppliedAction.State.CLOSED, now));
                out.add(GovernorJournal.entry(Type.EXPIRED, rec.action(), Governor.GOVERNOR, "lease on " + l.target()
                        + " expired after " + (l.expiresAt() - rec.appliedAt()) / 1000 + " s",
                        Map.of("leaseExpiredAt", Reasons.time(l.expiresAt()))));
            }
        }
        return out;
    }
}
