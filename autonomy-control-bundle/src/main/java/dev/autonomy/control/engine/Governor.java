package dev.autonomy.control.engine;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
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

    private final GovernorState st;
    private final Experiments experiments;
    private final Decisions decisions;
    private final Supplier<? extends Collection<AutonomousCapability>> capabilities;

    public Governor(Clock clock, ControlStore store, Journal journal,
                    Supplier<? extends Collection<AutonomousCapability>> capabilities, GovernorSettings settings) {
        this.st = new GovernorState(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(journal, "journal"), Objects.requireNonNull(settings, "settings"));
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.experiments = new Experiments(st);
        this.decisions = new Decisions(st, experiments);
    }

    /** Applies new settings at once: modes, budgets and limits. */
    public void update(GovernorSettings newSettings) {
        synchronized (st.lock) {
            st.settings = Objects.requireNonNull(newSettings, "settings");
            st.modes.settings(newSettings);
            st.budgets.settings(newSettings);
        }
    }

    public GovernorSettings settings() {
        synchronized (st.lock) {
            return st.settings;
        }
    }

    // ------------------------------------------------------------------ executors and capabilities

    /** The current executors by capability (the component keeps the highest ranked per capability). */
    public void executors(Map<String, ActionExecutor> current) {
        synchronized (st.lock) {
            Map<String, ActionExecutor> previous = st.executors;
            st.executors = Map.copyOf(current);
            st.queue.executorsChanged(previous.keySet(), st.executors.keySet(), st.now());
        }
    }

    /** A capability appeared: if autonomy is halted, it is halted at once too. */
    public void capabilityAdded(AutonomousCapability capability) {
        if (isHalted()) {
            Halting.haltQuietly(capability);
        }
    }

    // ------------------------------------------------------------------ decisions (see Decisions)

    @Override
    public Decision submit(ProposedAction action) {
        return decisions.submit(action);
    }

    public Decision approve(String proposalId, Actor operator) {
        return decisions.approve(proposalId, operator);
    }

    public Decision reject(String proposalId, String reason, Actor operator) {
        return decisions.reject(proposalId, reason, operator);
    }

    @Override
    public boolean withdraw(String proposalId, String reason) {
        return decisions.withdraw(proposalId, reason);
    }

    @Override
    public List<ProposedAction> pending() {
        synchronized (st.lock) {
            return st.queue.all().stream().map(QueuedProposal::action).toList();
        }
    }

    /** The approvals queue with the time each proposal was queued, oldest fir */
    public List<QueuedProposal> queued() {
        synchronized (st.lock) {
            return st.queue.all();
        }
    }

    @Override
    public Optional<ProposedAction> proposal(String proposalId) {
        synchronized (st.lock) {
            QueuedProposal q = st.queue.get(proposalId);
            if (q != null) {
                return Optional.of(q.action());
            }
            AppliedAction a = st.ledger.applied(proposalId);
            return a == null ? Optional.empty() : Optional.of(a.action());
        }
    }

    @Override
    public Optional<ActionState> state(String proposalId) {
        synchronized (st.lock) {
            if (st.queue.contains(proposalId)) {
                return Optional.of(ActionState.QUEUED);
            }
            if (st.applying.containsKey(proposalId)) {
                return Optional.of(ActionState.APPLYING);
            }
            return st.ledger.state(proposalId, st.now());
        }
    }

    public Optional<AppliedAction> applied(String proposalId) {
        synchronized (st.lock) {
            return Optional.ofNullable(st.ledger.applied(proposalId));
        }
    }

    /** Ids of the applied actions the governor still knows (for rollback and release by id or prefix). */
    public List<String> appliedIds() {
        synchronized (st.lock) {
            return st.ledger.appliedIds();
        }
    }

    // ------------------------------------------------------------------ experiments (see Experiments)

    @Override
    public void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence, boolean done) {
        experiments.reportValidation(proposalId, improved, evidence, done);
    }

    @Override
    public ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        return experiments.rollback(proposalId, reason, actor);
    }

    @Override
    public void release(String proposalId) {
        experiments.release(proposalId);
    }

    // ------------------------------------------------------------------ st.halt, pause, resume

    @Override
    public void halt(String reason, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        synchronized (st.lock) {
            if (st.halt != null) {
                // Halting again changes nothing: no journal entry, so repeated halts cannot flood the journal.
                return;
            }
            st.halt = new HaltState(why, actor.toString(), st.now());
            st.store.putHalt(st.halt);
        }
        st.execution.awaitApplies();
        st.journal.appendQuietly(List.of(AuditEntry.draft(Type.HALTED, null, null, null, null, actor, why,
                Map.of("reason", why))));
        Halting.haltAll(capabilities.get(), actor, why);
    }

    /** Lifts the halt and every pause. */
    public void resume(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        boolean wasHalted;
        List<String> unpaused;
        synchronized (st.lock) {
            wasHalted = st.halt != null;
            st.halt = null;
            st.store.removeHalt();
            unpaused = st.runaways.unpauseAll();
        }
        st.journal.appendQuietly(List.of(AuditEntry.draft(Type.RESUMED, null, null, null, null, actor,
                "resumed" + (wasHalted ? " after the halt" : "") + (unpaused.isEmpty() ? "" : "; unpaused "
                        + String.join(", ", unpaused)), Map.of("wasHalted", wasHalted, "unpaused", unpaused))));
        if (wasHalted) {
            Halting.resumeAll(capabilities.get(), actor);
        }
    }

    /** Lifts the pause of one capability. */
    public void resume(String capability, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        synchronized (st.lock) {
            if (!st.runaways.unpause(capability)) {
                throw new IllegalArgumentException("capability " + capability + " is not paused; paused: "
                        + st.runaways.paused().keySet());
            }
        }
        st.journal.appendQuietly(List.of(AuditEntry.draft(Type.RESUMED, null, capability, null, null, actor,
                "unpaused " + capability, Map.of())));
    }

    @Override
    public boolean isHalted() {
        return st.halted();
    }

    public Optional<HaltState> haltState() {
        synchronized (st.lock) {
            return Optional.ofNullable(st.halt);
        }
    }

    public Map<String, String> pausedCapabilities() {
        synchronized (st.lock) {
            return st.runaways.paused();
        }
    }

    // ------------------------------------------------------------------ modes

    @Override
    public Mode mode(String capability, String kind) {
        synchronized (st.lock) {
            return st.modes.resolved(capability, kind == null ? "" : kind).mode();
        }
    }

    /** The mode and the key it comes from. */
    public Modes.Resolution resolution(String capability, String kind) {
        synchronized (st.lock) {
            return st.modes.resolution(capability, kind == null ? "" : kind);
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
        synchronized (st.lock) {
            previous = st.modes.put(k, mode);
            st.store.putMode(k, mode);
            moreSpecific = st.modes.moreSpecific(k);
        }
        st.journal.appendQuietly(List.of(AuditEntry.draft(Type.MODE_CHANGED, null, Keys.capabilityOf(k), null, null,
                operator, k + ": " + previous + " -> " + mode, Map.of("key", k, "mode", mode.toString(),
                        "previous", previous.toString()))));
        return moreSpecific;
    }

    /** Removes the operator's mode of {@code key}: the configured one applies again. */
    public void resetMode(String key, Actor operator) {
        Mode removed;
        synchronized (st.lock) {
            removed = st.modes.remove(key);
            if (removed == null) {
                throw new IllegalArgumentException("no operator mode for '" + key + "'; operator modes: "
                        + st.modes.operatorKeys());
            }
            st.store.removeMode(key);
        }
        st.journal.appendQuietly(List.of(AuditEntry.draft(Type.MODE_CHANGED, null, Keys.capabilityOf(key), null, null,
                operator, key + ": operator's " + removed + " removed", Map.of("key", key, "mode", "",
                        "previous", removed.toString()))));
    }

    /** Every configured or operator key with its mode, and the default mode. */
    public List<Modes.Effective> effectiveModes() {
        synchronized (st.lock) {
            return st.modes.effective();
        }
    }

    // ------------------------------------------------------------------ housekeeping and views

    /**
     * Ends leases whose time is up, expires queued proposals whose owner stayed gone for {@code proposalTtlHours},
     * and forgets old history. Run every few seconds.
     */
    public void sweep() {
        List<AuditEntry> out = new ArrayList<>();
        synchronized (st.lock) {
            long now = st.now();
            out.addAll(experiments.expireLeasesDue(now));
            long ttl = st.settings.proposalTtlHours() * HOUR;
            for (QueuedProposal q : st.queue.expireOrphans(st.executors.keySet(), now, ttl)) {
                st.ledger.end(q.action().id(), q.action().capability(), ActionState.EXPIRED, now);
                out.add(GovernorJournal.entry(Type.EXPIRED, q.action(), GOVERNOR, "expired: no executor for "
                        + q.action().capability() + " for " + st.settings.proposalTtlHours() + " h", Map.of()));
            }
            st.budgets.prune(now);
            st.store.pruneActionsUpTo(now - HOUR);
            st.ledger.prune(now);
        }
        st.journal.appendQuietly(out);
        st.store.flush();
    }

    /** The leases in force. */
    public List<Lease> leases() {
        synchronized (st.lock) {
            return st.leases.active(st.now());
        }
    }

    /** Every budget: global, agents, experiments, then each action budget key seen or configured. */
    public List<BudgetView> budgets() {
        synchronized (st.lock) {
            long now = st.now();
            List<BudgetView> out = new ArrayList<>(st.budgets.views(now, st.executors.keySet()));
            int open = st.leases.active(now).size();
            int max = st.settings.maxConcurrentExperiments();
            out.add(2, new BudgetView("maxConcurrentExperiments", open, max,
                    open < max ? now : st.leases.nextExpiry()));
            return out;
        }
    }

    /** The current time as the governor sees it (epoch ms). */
    public long currentTime() {
        synchronized (st.lock) {
            return st.now();
        }
    }

    /** Capabilities that have an executor now. */
    public Set<String> executorCapabilities() {
        synchronized (st.lock) {
            return st.executors.keySet();
        }
    }

    /** The governor now, for {@code autonomy:status} and {@code autonomy_status}. */
    public GovernorStatus status() {
        synchronized (st.lock) {
            long now = st.now();
            return new GovernorStatus(Optional.ofNullable(st.halt), st.runaways.paused(), st.queue.size(),
                    st.leases.active(now).size(), st.settings.maxConcurrentExperiments(), st.budgets.usedGlobal(now),
                    st.settings.globalActionsPerHour(), st.settings.defaultMode(), st.modes.layered(),
                    List.copyOf(new TreeSet<>(st.executors.keySet())));
        }
    }

    /**
     * Whether the governor still needs the journal entries of this proposal: it is queued, or applied, or
     * {@code state(id)} still answers for it.
     */
    public boolean needs(String proposalId) {
        synchronized (st.lock) {
            return st.queue.contains(proposalId) || st.applying.containsKey(proposalId)
                    || st.ledger.known(proposalId);
        }
    }

    /** Appends entries the shell writes itself (capability started or stopped). */
    public void audit(AuditEntry draft) {
        st.journal.append(List.of(draft));
    }
}
