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
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.BudgetView;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.GovernorStatus;
import dev.autonomy.control.core.HaltState;
import dev.autonomy.control.core.Keys;
import dev.autonomy.control.core.Lease;
import dev.autonomy.control.core.Modes;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.control.core.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The governor: decides on every proposal through one admission path (halt → paused → mode off → duplicate → lease
 * on the target → budgets → executor present; then mode suggest queues it and mode auto applies it), runs approved
 * actions through their owner's {@link ActionExecutor} ({@link Execution}), and writes every step to the journal.
 *
 * <p>Its state lives in small parts — {@link ModeBook}, {@link Budgets}, {@link Leases}, {@link ApprovalQueue},
 * {@link Ledger}, {@link Runaways} — all guarded by the one {@code lock}; executors and the journal run outside it.
 * A decision allocates a few small objects and takes no I/O until the journal append.
 */
public final class Governor implements AutonomyGovernor {

    /** The actor of the governor's own decisions. */
    public static final Actor GOVERNOR = new Actor(Actor.Kind.SYSTEM, "governor");
    /** At most this many proposals wait for approval; more are rejected. */
    public static final int MAX_QUEUED = ApprovalQueue.MAX_QUEUED;
    static final long HOUR = Budgets.HOUR;

    private static final Logger LOG = LoggerFactory.getLogger(Governor.class);

    /** An admitted proposal: the executor to run it and what the settings say about it. */
    private record Admitted(ActionExecutor executor, ModeBook.Resolved resolved) {
    }

    /** Guards every part below; never held while an executor or the journal runs. */
    private final Object lock = new Object();
    private final Clock clock;
    private final ControlStore store;
    private final GovernorJournal journal;
    private final Execution execution;
    private final Supplier<? extends Collection<AutonomousCapability>> capabilities;

    // ---- guarded by lock
    private GovernorSettings settings;
    private HaltState halt;
    private final ModeBook modes;
    private final Budgets budgets;
    private final Leases leases = new Leases();
    private final ApprovalQueue queue;
    private final Ledger ledger;
    private final Runaways runaways;
    private Map<String, ActionExecutor> executors = Map.of();
    private long lastNow;

    public Governor(Clock clock, ControlStore store, Journal journal,
                    Supplier<? extends Collection<AutonomousCapability>> capabilities, GovernorSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.journal = new GovernorJournal(Objects.requireNonNull(journal, "journal"));
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.execution = new Execution(this.journal);
        synchronized (lock) {
            this.settings = Objects.requireNonNull(settings, "settings");
            long now = now();
            halt = store.halt().orElse(null);
            modes = new ModeBook(settings, store.modes());
            budgets = new Budgets(settings, store.actionsAfter(now - HOUR));
            queue = new ApprovalQueue(store);
            ledger = new Ledger(store);
            runaways = new Runaways(store);
            for (AppliedAction a : ledger.allApplied()) {
                if (a.open() && a.leaseExpiresAt() > 0) {
                    leases.put(a.lease());
                }
            }
        }
    }

    /** Applies new settings at once: modes, budgets and limits. */
    public void update(GovernorSettings newSettings) {
        synchronized (lock) {
            settings = Objects.requireNonNull(newSettings, "settings");
            modes.settings(newSettings);
            budgets.settings(newSettings);
        }
    }

    public GovernorSettings settings() {
        synchronized (lock) {
            return settings;
        }
    }

    /** The current time (epoch ms), never going back: windows and the journal stay monotonic. Under the lock. */
    private long now() {
        long t = clock.millis();
        if (t < lastNow) {
            t = lastNow;
        }
        lastNow = t;
        return t;
    }

    // ------------------------------------------------------------------ executors and capabilities

    /** The current executors by capability (the component keeps the highest ranked per capability). */
    public void executors(Map<String, ActionExecutor> current) {
        synchronized (lock) {
            Map<String, ActionExecutor> previous = executors;
            executors = Map.copyOf(current);
            queue.executorsChanged(previous.keySet(), executors.keySet(), now());
        }
    }

    /** A capability appeared: if autonomy is halted, it is halted at once too. */
    public void capabilityAdded(AutonomousCapability capability) {
        if (isHalted()) {
            Halting.haltQuietly(capability);
        }
    }

    // ------------------------------------------------------------------ the admission path

    /**
     * The first check that fails, or the executor and settings of an admitted proposal. {@code submitting}: a new
     * proposal (the mode and its id are checked) rather than a person's approval of a queued one. Under the lock.
     */
    private Object admit(ProposedAction a, boolean submitting, long now) {
        ModeBook.Resolved r = modes.resolved(a.capability(), a.kind());
        if (halt != null) {
            return new Refusal(FailureCode.HALTED, Reasons.halted(halt.reason(), halt.actor(), halt.since()));
        }
        String pausedWhy = runaways.pausedWhy(a.capability());
        if (pausedWhy != null) {
            return new Refusal(FailureCode.PAUSED, Reasons.paused(a.capability(), pausedWhy));
        }
        if (submitting && r.mode() == Mode.OFF) {
            return new Refusal(FailureCode.MODE_OFF, Reasons.off(a.capability(), a.kind(), r.modeKey()));
        }
        if (submitting && (queue.contains(a.id()) || ledger.known(a.id()))) {
            return new Refusal(FailureCode.DUPLICATE, "proposal id " + a.id() + " was already submitted");
        }
        Optional<Refusal> leased = leases.check(a.target(), false, Integer.MAX_VALUE, now);
        if (leased.isPresent()) {
            return leased.get();
        }
        Optional<Refusal> budget = budgets.check(r, now);
        if (budget.isPresent()) {
            return budget.get();
        }
        Optional<Refusal> experiments = leases.check(a.target(), a.reversible(), settings.maxConcurrentExperiments(),
                now);
        if (experiments.isPresent()) {
            return experiments.get();
        }
        ActionExecutor executor = executors.get(a.capability());
        if (executor == null) {
            return new Refusal(FailureCode.NO_EXECUTOR, Reasons.noExecutor(a.capability()));
        }
        return new Admitted(executor, r);
    }

    /** Counts an admitted action against its budgets and, if reversible, leases its target. Under the lock. */
    private Lease reserve(ProposedAction a, ModeBook.Resolved r, long now) {
        store.recordAction(budgets.record(a.capability(), a.kind(), r, now));
        if (!a.reversible()) {
            return null;
        }
        Lease lease = new Lease(a.target(), a.id(), a.capability(), now + settings.leaseSeconds() * 1000);
        leases.put(lease);
        return lease;
    }

    // ------------------------------------------------------------------ decisions

    @Override
    public Decision submit(ProposedAction action) {
        Objects.requireNonNull(action, "action");
        List<AuditEntry> expired;
        Object admission;
        Decision.Outcome outcome;
        String reason;
        Lease lease = null;
        long now;
        synchronized (lock) {
            now = now();
            expired = expireLeasesDue(now);
            admission = admit(action, true, now);
            if (admission instanceof Refusal) {
                outcome = Decision.Outcome.REJECTED;
                reason = ((Refusal) admission).reason();
                if (((Refusal) admission).code() != FailureCode.DUPLICATE) {
                    ledger.end(action.id(), action.capability(), ActionState.REJECTED, now);
                }
            } else if (((Admitted) admission).resolved().mode() == Mode.SUGGEST) {
                if (queue.full()) {
                    admission = new Refusal(FailureCode.QUEUE_FULL, "the approvals queue is full (" + MAX_QUEUED
                            + " proposals wait)");
                    outcome = Decision.Outcome.REJECTED;
                    reason = ((Refusal) admission).reason();
                    ledger.end(action.id(), action.capability(), ActionState.REJECTED, now);
                } else {
                    queue.add(action, now);
                    outcome = Decision.Outcome.QUEUED;
                    reason = ((Admitted) admission).resolved().reason();
                }
            } else {
                lease = reserve(action, ((Admitted) admission).resolved(), now);
                outcome = Decision.Outcome.APPROVED;
                reason = ((Admitted) admission).resolved().reason();
            }
        }
        journal.appendQuietly(expired);
        try {
            journal.append(List.of(GovernorJournal.proposed(action), GovernorJournal.entry(type(outcome), action,
                    GOVERNOR, reason, Map.of("reason", reason))));
        } catch (RuntimeException e) {
            LOG.error("Audit journal unavailable; proposal {} of {} rejected", action.id(), action.capability(), e);
            undo(action, outcome, lease);
            return Decision.rejected(action.id(), FailureCode.JOURNAL_UNAVAILABLE,
                    "the audit journal is unavailable; nothing was done");
        }
        if (admission instanceof Refusal) {
            return Decision.rejected(action.id(), ((Refusal) admission).code(), reason);
        }
        if (outcome == Decision.Outcome.QUEUED) {
            return Decision.queued(action.id(), reason);
        }
        return Decision.approved(action.id(), reason, applyApproved(action, ((Admitted) admission).executor(),
                lease, now, GOVERNOR));
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
        synchronized (lock) {
            if (outcome == Decision.Outcome.QUEUED) {
                queue.remove(action.id());
            }
            if (lease != null) {
                leases.remove(lease);
            }
        }
    }

    /** Runs an approved action outside the lock and records what it did. */
    private ExecutionResult applyApproved(ProposedAction a, ActionExecutor executor, Lease lease, long now,
                                          Actor actor) {
        ExecutionResult result = execution.apply(a, executor, this::isHalted);
        synchronized (lock) {
            if (result.success()) {
                boolean holds = leases.holds(lease);
                ledger.put(new AppliedAction(a, result, now, lease == null ? 0 : lease.expiresAt(),
                        holds ? AppliedAction.State.OPEN : AppliedAction.State.CLOSED, holds ? 0 : now));
            } else {
                if (lease != null) {
                    leases.remove(lease);
                }
                ledger.end(a.id(), a.capability(), ActionState.APPLY_FAILED, now);
            }
        }
        execution.journalApply(a, actor, result);
        return result;
    }

    // ------------------------------------------------------------------ approvals

    public Decision approve(String proposalId, Actor operator) {
        Objects.requireNonNull(operator, "operator");
        List<AuditEntry> expired;
        QueuedProposal q;
        Object admission = null;
        Lease lease = null;
        long now;
        synchronized (lock) {
            now = now();
            expired = expireLeasesDue(now);
            q = queue.get(proposalId);
            if (q != null) {
                admission = admit(q.action(), false, now);
                if (admission instanceof Admitted) {
                    queue.remove(proposalId);
                    lease = reserve(q.action(), ((Admitted) admission).resolved(), now);
                }
            }
        }
        journal.appendQuietly(expired);
        if (q == null) {
            return Decision.rejected(proposalId, FailureCode.NOT_QUEUED, "no queued proposal " + proposalId);
        }
        ProposedAction a = q.action();
        if (admission instanceof Refusal) {
            Refusal refusal = (Refusal) admission;
            String why = "not approved now: " + refusal.reason() + "; the proposal stays queued";
            journal.appendQuietly(List.of(GovernorJournal.entry(Type.REJECTED, a, operator, why,
                    Map.of("reason", refusal.reason(), "stillQueued", true))));
            return Decision.rejected(proposalId, refusal.code(), why);
        }
        String approved = "approved by " + operator;
        try {
            journal.append(List.of(GovernorJournal.entry(Type.APPROVED, a, operator, approved, Map.of())));
        } catch (RuntimeException e) {
            LOG.error("Audit journal unavailable; approval of {} not carried out", proposalId, e);
            synchronized (lock) {
                queue.restore(q);
                if (lease != null) {
                    leases.remove(lease);
                }
            }
            return Decision.rejected(proposalId, FailureCode.JOURNAL_UNAVAILABLE,
                    "the audit journal is unavailable; the proposal stays queued");
        }
        return Decision.approved(proposalId, approved, applyApproved(a, ((Admitted) admission).executor(), lease,
                now, operator));
    }

    public Decision reject(String proposalId, String reason, Actor operator) {
        Objects.requireNonNull(operator, "operator");
        QueuedProposal q = dequeue(proposalId, ActionState.REJECTED);
        if (q == null) {
            return Decision.rejected(proposalId, FailureCode.NOT_QUEUED, "no queued proposal " + proposalId);
        }
        String why = "rejected by " + operator + (reason == null || reason.isBlank() ? "" : ": " + reason);
        journal.appendQuietly(List.of(GovernorJournal.entry(Type.REJECTED, q.action(), operator, why,
                Map.of("reason", reason == null ? "" : reason))));
        return Decision.rejected(proposalId, FailureCode.REJECTED_BY_OPERATOR, why);
    }

    @Override
    public boolean withdraw(String proposalId, String reason) {
        QueuedProposal q = dequeue(proposalId, ActionState.WITHDRAWN);
        if (q == null) {
            return false;
        }
        String why = "withdrawn by " + q.action().requestedBy()
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        journal.appendQuietly(List.of(GovernorJournal.entry(Type.REJECTED, q.action(), q.action().requestedBy(), why,
                Map.of("reason", reason == null ? "" : reason, "withdrawn", true))));
        return true;
    }

    /** Takes a proposal out of the queue as ended in {@code state}; null if it was not queued. */
    private QueuedProposal dequeue(String proposalId, ActionState state) {
        synchronized (lock) {
            QueuedProposal q = queue.remove(proposalId);
            if (q != null) {
                ledger.end(proposalId, q.action().capability(), state, now());
            }
            return q;
        }
    }

    @Override
    public List<ProposedAction> pending() {
        synchronized (lock) {
            return queue.all().stream().map(QueuedProposal::action).toList();
        }
    }

    /** The approvals queue with the time each proposal was queued, oldest first. */
    public List<QueuedProposal> queued() {
        synchronized (lock) {
            return queue.all();
        }
    }

    @Override
    public Optional<ProposedAction> proposal(String proposalId) {
        synchronized (lock) {
            QueuedProposal q = queue.get(proposalId);
            if (q != null) {
                return Optional.of(q.action());
            }
            AppliedAction a = ledger.applied(proposalId);
            return a == null ? Optional.empty() : Optional.of(a.action());
        }
    }

    @Override
    public Optional<ActionState> state(String proposalId) {
        synchronized (lock) {
            if (queue.contains(proposalId)) {
                return Optional.of(ActionState.QUEUED);
            }
            return ledger.state(proposalId, now());
        }
    }

    public Optional<AppliedAction> applied(String proposalId) {
        synchronized (lock) {
            return Optional.ofNullable(ledger.applied(proposalId));
        }
    }

    /** Ids of the applied actions the governor still knows (for rollback and release by id or prefix). */
    public List<String> appliedIds() {
        synchronized (lock) {
            return ledger.appliedIds();
        }
    }

    // ------------------------------------------------------------------ experiments

    @Override
    public void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence, boolean done) {
        List<AuditEntry> out = new ArrayList<>(3);
        synchronized (lock) {
            long now = now();
            AppliedAction rec = ledger.applied(proposalId);
            if (rec == null) {
                throw new IllegalArgumentException("no applied action " + proposalId);
            }
            ProposedAction a = rec.action();
            Map<String, ?> ev = evidence == null ? Map.of() : evidence;
            int streak = runaways.validated(a.capability(), improved, settings, out);
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
        journal.appendQuietly(out);
    }

    /** Renews the lease of an open experiment after new evidence, within the maximum; returns a note. Under the lock. */
    private String renew(AppliedAction rec, int evidenceHash, long now) {
        long until = Lease.renewedUntil(rec.leaseExpiresAt(), rec.appliedAt(), now, settings.leaseSeconds() * 1000,
                settings.maxLeaseSeconds() * 1000);
        if (until <= rec.leaseExpiresAt() || !leases.renew(rec.lease(), rec.renewed(until, evidenceHash).lease())) {
            ledger.put(rec.renewed(rec.leaseExpiresAt(), evidenceHash));
            return "";
        }
        ledger.put(rec.renewed(until, evidenceHash));
        return "; lease renewed until " + Reasons.time(until);
    }

    @Override
    public ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        AppliedAction rec;
        ActionExecutor executor;
        synchronized (lock) {
            long now = now();
            rec = ledger.applied(proposalId);
            if (rec == null) {
                return ExecutionResult.failed(FailureCode.NOT_APPLIED, "no applied action " + proposalId);
            }
            Optional<Lease> other = leases.heldByOther(rec.action().target(), proposalId, now);
            if (other.isPresent()) {
                // undoing it would overwrite the newer change that holds the target now
                return ExecutionResult.failed(FailureCode.TARGET_LEASED, Reasons.leased(other.get(), now));
            }
            if (!rec.action().reversible()) {
                return ExecutionResult.failed(FailureCode.NOT_REVERSIBLE, "action " + proposalId
                        + " is not reversible");
            }
            if (rec.state() == AppliedAction.State.ROLLED_BACK) {
                return ExecutionResult.failed(FailureCode.ALREADY_ROLLED_BACK, "action " + proposalId
                        + " was already rolled back");
            }
            executor = executors.get(rec.action().capability());
            if (executor == null) {
                return ExecutionResult.failed(FailureCode.NO_EXECUTOR, Reasons.noExecutor(rec.action().capability()));
            }
            if (!execution.startRollback(proposalId)) {
                return ExecutionResult.failed(FailureCode.ROLLBACK_RUNNING, "a rollback of " + proposalId
                        + " is already running");
            }
        }
        ProposedAction a = rec.action();
        ExecutionResult result = execution.rollback(a, executor, rec.result());
        List<AuditEntry> out = new ArrayList<>(2);
        String why = reason == null ? "" : reason;
        synchronized (lock) {
            execution.endRollback(proposalId);
            long now = now();
            if (result.success()) {
                AppliedAction current = ledger.applied(proposalId);
                close(current == null ? rec : current, AppliedAction.State.ROLLED_BACK, now);
                out.add(GovernorJournal.entry(Type.ROLLED_BACK, a, actor, why.isEmpty() ? result.message() : why,
                        Map.of("reason", why, "message", result.message(), "effect", result.effect())));
                runaways.rolledBack(a.capability(), a.target(), now, settings, out);
            } else {
                out.add(GovernorJournal.entry(Type.ROLLBACK_FAILED, a, actor, result.message(), Map.of("reason", why,
                        "message", result.message())));
            }
        }
        journal.appendQuietly(out);
        return result;
    }

    @Override
    public void release(String proposalId) {
        AppliedAction rec;
        synchronized (lock) {
            rec = ledger.applied(proposalId);
            if (rec == null) {
                throw new IllegalArgumentException("no applied action " + proposalId);
            }
            if (!rec.open()) {
                return;
            }
            close(rec, AppliedAction.State.CLOSED, now());
        }
        journal.appendQuietly(List.of(GovernorJournal.entry(Type.RELEASED, rec.action(), rec.action().requestedBy(),
                "released " + rec.action().target(), Map.of())));
    }

    /** Closes an applied action and frees its lease. Under the lock. */
    private void close(AppliedAction rec, AppliedAction.State state, long now) {
        ledger.put(rec.closed(state, now));
        if (rec.leaseExpiresAt() > 0) {
            leases.remove(rec.lease());
        }
    }

    /** Ends the leases (and experiments) whose time is up; returns their journal entries. Under the lock. */
    private List<AuditEntry> expireLeasesDue(long now) {
        List<Lease> due = leases.expireDue(now);
        if (due.isEmpty()) {
            return List.of();
        }
        List<AuditEntry> out = new ArrayList<>();
        for (Lease l : due) {
            AppliedAction rec = ledger.applied(l.proposalId());
            if (rec != null && rec.open()) {
                ledger.put(rec.closed(AppliedAction.State.CLOSED, now));
                out.add(GovernorJournal.entry(Type.EXPIRED, rec.action(), GOVERNOR, "lease on " + l.target()
                        + " expired after " + (l.expiresAt() - rec.appliedAt()) / 1000 + " s",
                        Map.of("leaseExpiredAt", Reasons.time(l.expiresAt()))));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ halt, pause, resume

    @Override
    public void halt(String reason, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        synchronized (lock) {
            if (halt != null) {
                // Halting again changes nothing: no journal entry, so repeated halts cannot flood the journal.
                return;
            }
            halt = new HaltState(why, actor.toString(), now());
            store.putHalt(halt);
        }
        execution.awaitApplies();
        journal.appendQuietly(List.of(AuditEntry.draft(Type.HALTED, null, null, null, null, actor, why,
                Map.of("reason", why))));
        Halting.haltAll(capabilities.get(), actor, why);
    }

    /** Lifts the halt and every pause. */
    public void resume(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        boolean wasHalted;
        List<String> unpaused;
        synchronized (lock) {
            wasHalted = halt != null;
            halt = null;
            store.removeHalt();
            unpaused = runaways.unpauseAll();
        }
        journal.appendQuietly(List.of(AuditEntry.draft(Type.RESUMED, null, null, null, null, actor,
                "resumed" + (wasHalted ? " after the halt" : "") + (unpaused.isEmpty() ? "" : "; unpaused "
                        + String.join(", ", unpaused)), Map.of("wasHalted", wasHalted, "unpaused", unpaused))));
        if (wasHalted) {
            Halting.resumeAll(capabilities.get(), actor);
        }
    }

    /** Lifts the pause of one capability. */
    public void resume(String capability, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        synchronized (lock) {
            if (!runaways.unpause(capability)) {
                throw new IllegalArgumentException("capability " + capability + " is not paused; paused: "
                        + runaways.paused().keySet());
            }
        }
        journal.appendQuietly(List.of(AuditEntry.draft(Type.RESUMED, null, capability, null, null, actor,
                "unpaused " + capability, Map.of())));
    }

    @Override
    public boolean isHalted() {
        synchronized (lock) {
            return halt != null;
        }
    }

    public Optional<HaltState> haltState() {
        synchronized (lock) {
            return Optional.ofNullable(halt);
        }
    }

    public Map<String, String> pausedCapabilities() {
        synchronized (lock) {
            return runaways.paused();
        }
    }

    // ------------------------------------------------------------------ modes

    @Override
    public Mode mode(String capability, String kind) {
        synchronized (lock) {
            return modes.resolved(capability, kind == null ? "" : kind).mode();
        }
    }

    /** The mode and the key it comes from. */
    public Modes.Resolution resolution(String capability, String kind) {
        synchronized (lock) {
            return modes.resolution(capability, kind == null ? "" : kind);
        }
    }

    /**
     * Sets the operator's mode of {@code key}, over the configured one; returns the more specific keys that still
     * win over it for their actions.
     */
    public List<String> setMode(String key, Mode mode, Actor operator) {
        String k = Keys.validate("mode", key);
        Objects.requireNonNull(mode, "mode");
        Mode previous;
        List<String> moreSpecific;
        synchronized (lock) {
            previous = modes.put(k, mode);
            store.putMode(k, mode);
            moreSpecific = modes.moreSpecific(k);
        }
        journal.appendQuietly(List.of(AuditEntry.draft(Type.MODE_CHANGED, null, Keys.capabilityOf(k), null, null,
                operator, k + ": " + previous + " -> " + mode, Map.of("key", k, "mode", mode.toString(),
                        "previous", previous.toString()))));
        return moreSpecific;
    }

    /** Removes the operator's mode of {@code key}: the configured one applies again. */
    public void resetMode(String key, Actor operator) {
        Mode removed;
        synchronized (lock) {
            removed = modes.remove(key);
            if (removed == null) {
                throw new IllegalArgumentException("no operator mode for '" + key + "'; operator modes: "
                        + modes.operatorKeys());
            }
            store.removeMode(key);
        }
        journal.appendQuietly(List.of(AuditEntry.draft(Type.MODE_CHANGED, null, Keys.capabilityOf(key), null, null,
                operator, key + ": operator's " + removed + " removed", Map.of("key", key, "mode", "",
                        "previous", removed.toString()))));
    }

    /** Every configured or operator key with its mode, and the default mode. */
    public List<Modes.Effective> effectiveModes() {
        synchronized (lock) {
            return modes.effective();
        }
    }

    // ------------------------------------------------------------------ housekeeping and views

    /**
     * Ends leases whose time is up, expires queued proposals whose owner stayed gone for {@code proposalTtlHours},
     * and forgets old history. Run every few seconds.
     */
    public void sweep() {
        List<AuditEntry> out = new ArrayList<>();
        synchronized (lock) {
            long now = now();
            out.addAll(expireLeasesDue(now));
            for (QueuedProposal q : queue.expireOrphans(executors.keySet(), now, settings.proposalTtlHours() * HOUR)) {
                ledger.end(q.action().id(), q.action().capability(), ActionState.EXPIRED, now);
                out.add(GovernorJournal.entry(Type.EXPIRED, q.action(), GOVERNOR, "expired: no executor for "
                        + q.action().capability() + " for " + settings.proposalTtlHours() + " h", Map.of()));
            }
            budgets.prune(now);
            store.pruneActionsUpTo(now - HOUR);
            ledger.prune(now);
        }
        journal.appendQuietly(out);
        store.flush();
    }

    /** The leases in force. */
    public List<Lease> leases() {
        synchronized (lock) {
            return leases.active(now());
        }
    }

    /** Every budget: global, agents, experiments, then each action budget key seen or configured. */
    public List<BudgetView> budgets() {
        synchronized (lock) {
            long now = now();
            List<BudgetView> out = new ArrayList<>(budgets.views(now, executors.keySet()));
            int open = leases.active(now).size();
            int max = settings.maxConcurrentExperiments();
            out.add(2, new BudgetView("maxConcurrentExperiments", open, max, open < max ? now : leases.nextExpiry()));
            return out;
        }
    }

    /** The current time as the governor sees it (epoch ms). */
    public long currentTime() {
        synchronized (lock) {
            return now();
        }
    }

    /** Capabilities that have an executor now. */
    public Set<String> executorCapabilities() {
        synchronized (lock) {
            return executors.keySet();
        }
    }

    /** The governor now, for {@code autonomy:status} and {@code autonomy_status}. */
    public GovernorStatus status() {
        synchronized (lock) {
            long now = now();
            return new GovernorStatus(Optional.ofNullable(halt), runaways.paused(), queue.size(),
                    leases.active(now).size(), settings.maxConcurrentExperiments(), budgets.usedGlobal(now),
                    settings.globalActionsPerHour(), settings.defaultMode(), modes.layered(),
                    List.copyOf(new TreeSet<>(executors.keySet())));
        }
    }

    /** Appends entries the shell writes itself (capability started or stopped). */
    public void audit(AuditEntry draft) {
        journal.append(List.of(draft));
    }
}
