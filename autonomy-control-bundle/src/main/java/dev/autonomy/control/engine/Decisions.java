package dev.autonomy.control.engine;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditEntry.Type;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.Lease;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.control.core.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How proposals are decided: one admission path for new proposals ({@link #submit}) and a person's approvals
 * ({@link #approve}) — halt → paused → mode off → duplicate → lease on the target → budgets → executor present — then
 * mode suggest queues and mode auto applies; rejecting and withdrawing take a proposal out of the queue.
 */
final class Decisions {

    private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);

    /**
     * The admission path's answer: a refusal, or (refusal empty) the executor to run the proposal and what the
     * settings say about it.
     */
    private record Admission(Optional<Refusal> refusal, ActionExecutor executor, ModeBook.Resolved resolved) {

        static Admission refused(Refusal r) {
            return new Admission(Optional.of(r), null, null);
        }

        boolean admitted() {
            return refusal.isEmpty();
        }
    }

    private final GovernorState st;
    private final Experiments experiments;

    Decisions(GovernorState st, Experiments experiments) {
        this.st = st;
        this.experiments = experiments;
    }

    // ------------------------------------------------------------------ the admission path

    /**
     * The first check that fails, or the executor and settings of an admitted proposal. {@code submitting}: a new
     * proposal (the mode and its id are checked) rather than a person's approval of a queued one. Under the lock.
     */
    private Admission admit(ProposedAction a, boolean submitting, long now) {
        ModeBook.Resolved r = st.modes.resolved(a.capability(), a.kind());
        if (st.halt != null) {
            return Admission.refused(new Refusal(FailureCode.HALTED, Reasons.halted(st.halt.reason(),
                    st.halt.actor(), st.halt.since())));
        }
        String pausedWhy = st.runaways.pausedWhy(a.capability());
        if (pausedWhy != null) {
            return Admission.refused(new Refusal(FailureCode.PAUSED, Reasons.paused(a.capability(), pausedWhy)));
        }
        if (submitting && r.mode() == Mode.OFF) {
            return Admission.refused(new Refusal(FailureCode.MODE_OFF, Reasons.off(a.capability(), a.kind(),
                    r.modeKey())));
        }
        if (submitting && (st.queue.contains(a.id()) || st.applying.containsKey(a.id())
                || st.ledger.known(a.id()))) {
            return Admission.refused(new Refusal(FailureCode.DUPLICATE, "proposal id " + a.id()
                    + " was already submitted"));
        }
        Optional<Refusal> leased = st.leases.check(a.target(), false, Integer.MAX_VALUE, now);
        if (leased.isPresent()) {
            return Admission.refused(leased.get());
        }
        Optional<Refusal> budget = st.budgets.check(r, now);
        if (budget.isPresent()) {
            return Admission.refused(budget.get());
        }
        Optional<Refusal> tooMany = st.leases.check(a.target(), a.reversible(),
                st.settings.maxConcurrentExperiments(), now);
        if (tooMany.isPresent()) {
            return Admission.refused(tooMany.get());
        }
        ActionExecutor executor = st.executors.get(a.capability());
        if (executor == null) {
            return Admission.refused(new Refusal(FailureCode.NO_EXECUTOR, Reasons.noExecutor(a.capability())));
        }
        return new Admission(Optional.empty(), executor, r);
    }

    /** Counts an admitted action against its budgets and, if reversible, leases its target. Under the lock. */
    private Lease reserve(ProposedAction a, ModeBook.Resolved r, long now) {
        st.store.recordAction(st.budgets.record(a.capability(), a.kind(), r, now));
        st.applying.put(a.id(), a.capability()); // until applyApproved records what the executor did
        if (!a.reversible()) {
            return null;
        }
        Lease lease = new Lease(a.target(), a.id(), a.capability(), now + st.settings.leaseSeconds() * 1000);
        st.leases.put(lease);
        return lease;
    }

    // ------------------------------------------------------------------ decisions

    Decision submit(ProposedAction action) {
        Objects.requireNonNull(action, "action");
        List<AuditEntry> expired;
        Admission admission;
        Decision.Outcome outcome;
        String reason;
        Lease lease = null;
        long now;
        synchronized (st.lock) {
            now = st.now();
            expired = experiments.expireLeasesDue(now);
            admission = admit(action, true, now);
            if (!admission.admitted()) {
                outcome = Decision.Outcome.REJECTED;
                reason = admission.refusal().get().reason();
            } else if (admission.resolved().mode() == Mode.SUGGEST) {
                if (st.queue.full()) {
                    admission = Admission.refused(new Refusal(FailureCode.QUEUE_FULL, "the approvals queue is full ("
                            + ApprovalQueue.MAX_QUEUED + " proposals wait)"));
                    outcome = Decision.Outcome.REJECTED;
                    reason = admission.refusal().get().reason();
                } else {
                    st.queue.add(action, now);
                    outcome = Decision.Outcome.QUEUED;
                    reason = admission.resolved().reason();
                }
            } else {
                lease = reserve(action, admission.resolved(), now);
                outcome = Decision.Outcome.APPROVED;
                reason = admission.resolved().reason();
            }
        }
        st.journal.appendQuietly(expired);
        try {
            st.journal.append(List.of(GovernorJournal.proposed(action), GovernorJournal.entry(type(outcome), action,
                    Governor.GOVERNOR, reason, Map.of("reason", reason))));
        } catch (RuntimeException e) {
            LOG.error("Audit journal unavailable; proposal {} of {} rejected", action.id(), action.capability(), e);
            undo(action, outcome, lease);
            return Decision.rejected(action.id(), FailureCode.JOURNAL_UNAVAILABLE,
                    "the audit journal is unavailable; nothing was done");
        }
        if (!admission.admitted()) {
            FailureCode code = admission.refusal().get().code();
            if (code != FailureCode.DUPLICATE) { // a duplicate must not overwrite what the first decision recorded
                synchronized (st.lock) { // only once journaled: an unjournaled refusal did nothing, not even this
                    st.ledger.end(action.id(), action.capability(), ActionState.REJECTED, now);
                }
            }
            return Decision.rejected(action.id(), code, reason);
        }
        if (outcome == Decision.Outcome.QUEUED) {
            return Decision.queued(action.id(), reason);
        }
        return Decision.approved(action.id(), reason, applyApproved(action, admission.executor(),
                lease, now, Governor.GOVERNOR));
    }

    private static Type type(Decision.Outcome o) {
        switch (o) {
            case APPROVED:
                return Type.APPROVED;
            case QUEUED:
                return Type.QUEUED;
            default:
                return Type.REJECTED;
        }
    }

    /** Takes back what {@link #submit} did when its decision could not be journaled. */
    private void undo(ProposedAction action, Decision.Outcome outcome, Lease lease) {
        synchronized (st.lock) {
            if (outcome == Decision.Outcome.QUEUED) {
                st.queue.remove(action.id());
            }
            st.applying.remove(action.id());
            if (lease != null) {
                st.leases.remove(lease);
            }
        }
    }

    /** Runs an approved action outside the lock and records what it did. */
    private ExecutionResult applyApproved(ProposedAction a, ActionExecutor executor, Lease lease, long now,
                                          Actor actor) {
        ExecutionResult result = st.execution.apply(a, executor, st::halted);
        synchronized (st.lock) {
            st.applying.remove(a.id());
            if (result.success()) {
                boolean holds = st.leases.holds(lease);
                st.ledger.put(new AppliedAction(a, result, now, lease == null ? 0 : lease.expiresAt(),
                        holds ? AppliedAction.State.OPEN : AppliedAction.State.CLOSED, holds ? 0 : now));
            } else {
                if (lease != null) {
                    st.leases.remove(lease);
                }
                st.ledger.end(a.id(), a.capability(), ActionState.APPLY_FAILED, now);
            }
        }
        st.execution.journalApply(a, actor, result);
        return result;
    }

    // ------------------------------------------------------------------ approvals

    Decision approve(String proposalId, Actor operator) {
        Objects.requireNonNull(operator, "operator");
        List<AuditEntry> expired;
        QueuedProposal q;
        Admission admission = null;
        Lease lease = null;
        long now;
        synchronized (st.lock) {
            now = st.now();
            expired = experiments.expireLeasesDue(now);
            q = st.queue.get(proposalId);
            if (q != null) {
                admission = admit(q.action(), false, now);
                if (admission.admitted()) {
                    st.queue.remove(proposalId);
                    lease = reserve(q.action(), admission.resolved(), now);
                }
            }
        }
        st.journal.appendQuietly(expired);
        if (q == null) {
            return Decision.rejected(proposalId, FailureCode.NOT_QUEUED, "no queued proposal " + proposalId);
        }
        ProposedAction a = q.action();
        if (!admission.admitted()) {
            Refusal refusal = admission.refusal().get();
            String why = "not approved now: " + refusal.reason() + "; the proposal stays queued";
            st.journal.appendQuietly(List.of(GovernorJournal.entry(Type.REJECTED, a, operator, why,
                    Map.of("reason", refusal.reason(), "stillQueued", true))));
            return Decision.rejected(proposalId, refusal.code(), why);
        }
        String approved = "approved by " + operator;
        try {
            st.journal.append(List.of(GovernorJournal.entry(Type.APPROVED, a, operator, approved, Map.of())));
        } catch (RuntimeException e) {
            LOG.error("Audit journal unavailable; approval of {} not carried out", proposalId, e);
            synchronized (st.lock) {
                st.applying.remove(proposalId);
                st.queue.restore(q);
                if (lease != null) {
                    st.leases.remove(lease);
                }
            }
            return Decision.rejected(proposalId, FailureCode.JOURNAL_UNAVAILABLE,
                    "the audit journal is unavailable; the proposal stays queued");
        }
        return Decision.approved(proposalId, approved, applyApproved(a, admission.executor(), lease,
                now, operator));
    }

    Decision reject(String proposalId, String reason, Actor operator) {
        Objects.requireNonNull(operator, "operator");
        QueuedProposal q = dequeue(proposalId, ActionState.REJECTED);
        if (q == null) {
            return Decision.rejected(proposalId, FailureCode.NOT_QUEUED, "no queued proposal " + proposalId);
        }
        String why = "rejected by " + operator + (reason == null || reason.isBlank() ? "" : ": " + reason);
        st.journal.appendQuietly(List.of(GovernorJournal.entry(Type.REJECTED, q.action(), operator, why,
                Map.of("reason", reason == null ? "" : reason))));
        return Decision.rejected(proposalId, FailureCode.REJECTED_BY_OPERATOR, why);
    }

    boolean withdraw(String proposalId, String reason) {
        QueuedProposal q = dequeue(proposalId, ActionState.WITHDRAWN);
        if (q == null) {
            return false;
        }
        String why = "withdrawn by " + q.action().requestedBy()
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        st.journal.appendQuietly(List.of(GovernorJournal.entry(Type.REJECTED, q.action(), q.action().requestedBy(), why,
                Map.of("reason", reason == null ? "" : reason, "withdrawn", true))));
        return true;
    }

    /** Takes a proposal out of the queue as ended in {@code state}; null if it was not queued. */
    private QueuedProposal dequeue(String proposalId, ActionState state) {
        synchronized (st.lock) {
            QueuedProposal q = st.queue.remove(proposalId);
            if (q != null) {
                st.ledger.end(proposalId, q.action().capability(), state, st.now());
            }
            return q;
        }
    }
}
