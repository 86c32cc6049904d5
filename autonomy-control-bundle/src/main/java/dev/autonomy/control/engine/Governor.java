package dev.autonomy.control.engine;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditEntry.Type;
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.BudgetView;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.Keys;
import dev.autonomy.control.core.Lease;
import dev.autonomy.control.core.Modes;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.control.core.Runaway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The governor: decides on every proposal (halt → paused → mode off → lease on the target → budgets →
 * executor present → mode suggest queues it → mode auto applies it), runs approved actions through their owner's
 * {@link ActionExecutor}, and writes every step to the journal.
 *
 * <p>One small lock guards the decision state; executors and the journal run outside it. A decision allocates a
 * few small objects and takes no I/O until the journal append.
 */
public final class Governor implements AutonomyGovernor {

    /** The actor of the governor's own decisions. */
    public static final Actor GOVERNOR = new Actor(Actor.Kind.SYSTEM, "governor");
    /** At most this many proposals wait for approval; more are rejected. */
    public static final int MAX_QUEUED = 1000;
    /** Closed applied actions are kept this long (for rollback and the record), then forgotten. */
    static final long KEEP_CLOSED_MILLIS = 7L * 24 * 3_600_000L;
    static final long HOUR = 3_600_000L;

    static final String HALT = "halt";
    static final String PAUSED = "paused|";
    static final String MODE = "mode|";
    static final String NO_GAIN = "nogain|";
    static final String ROLLBACKS = "rollbacks|";
    static final String GONE = "gone|";

    private static final Logger LOG = LoggerFactory.getLogger(Governor.class);

    /** The halt in force: why, who, since when (epoch ms). */
    public record HaltState(String reason, String actor, long since) {
    }

    /** What the settings say about one (capability, kind), cached until settings or modes change. */
    private record Resolved(Mode mode, String modeKey, String budgetKey, int budgetLimit, boolean agent,
                            String reason) {
    }

    private final Object lock = new Object();
    private final Clock clock;
    private final ControlStore store;
    private final Journal journal;
    private final Supplier<? extends Collection<AutonomousCapability>> capabilities;

    // ---- guarded by lock
    private GovernorSettings settings;
    private HaltState halt;
    private final Map<String, String> paused = new TreeMap<>();
    private final Map<String, Mode> overrides = new TreeMap<>();
    private Map<String, Mode> layered;
    private final Map<String, Map<String, Resolved>> cache = new HashMap<>();
    private int cached;
    private final Map<String, Lease> leases = new HashMap<>();
    /** Applies hold it shared; halt takes it exclusively, so halt returns only after applies in flight ended. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock applying =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private long nextLeaseExpiry = Long.MAX_VALUE;
    private final Map<String, AppliedAction> applied = new HashMap<>();
    private final Set<String> rollingBack = new HashSet<>();
    private final Map<String, Window> buckets = new HashMap<>();
    private Window global;
    private Window agents;
    private final ArrayDeque<ActionRecord> recent = new ArrayDeque<>();
    private final Map<String, Window> rollbacks = new HashMap<>();
    private final Map<String, Integer> noGain = new HashMap<>();
    private final LinkedHashMap<String, QueuedProposal> queue = new LinkedHashMap<>();
    private final Map<String, Long> goneSince = new HashMap<>();
    private long queueOrder;
    private Map<String, ActionExecutor> executors = Map.of();
    private long lastNow;

    public Governor(Clock clock, ControlStore store, Journal journal,
                    Supplier<? extends Collection<AutonomousCapability>> capabilities, GovernorSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        synchronized (lock) {
            this.settings = Objects.requireNonNull(settings, "settings");
            load(now());
        }
    }

    // ------------------------------------------------------------------ loading and settings

    private void load(long now) {
        String h = store.get(HALT);
        if (h != null) {
            String[] p = h.split("\t", 3);
            halt = p.length == 3 ? new HaltState(p[2], p[1], parseLong(p[0], now)) : new HaltState(h, "unknown", now);
        }
        store.withPrefix(PAUSED).forEach((k, v) -> paused.put(k.substring(PAUSED.length()), v));
        store.withPrefix(MODE).forEach((k, v) -> {
            try {
                overrides.put(Keys.validate("mode", k.substring(MODE.length())), Mode.parse(v));
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring a stored operator mode: {}", e.getMessage());
            }
        });
        store.withPrefix(NO_GAIN).forEach((k, v) -> noGain.put(k.substring(NO_GAIN.length()), (int) parseLong(v, 0)));
        store.withPrefix(GONE).forEach((k, v) -> goneSince.put(k.substring(GONE.length()), parseLong(v, now)));
        store.withPrefix(ROLLBACKS).forEach((k, v) -> {
            Window w = new Window(1000);
            for (String t : v.split(",")) {
                if (!t.isBlank()) {
                    w.add(parseLong(t, 0));
                }
            }
            rollbacks.put(k.substring(ROLLBACKS.length()), w);
        });
        for (QueuedProposal q : store.queued()) {
            queue.put(q.action().id(), q);
            queueOrder = Math.max(queueOrder, q.order());
        }
        for (AppliedAction a : store.applied()) {
            applied.put(a.action().id(), a);
            if (a.open() && a.leaseExpiresAt() > 0) {
                leases.put(a.action().target(), a.lease());
                nextLeaseExpiry = Math.min(nextLeaseExpiry, a.leaseExpiresAt());
            }
        }
        recent.addAll(store.actionsAfter(now - HOUR));
        applySettings();
    }

    private static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Applies new settings at once: modes, budgets and limits. */
    public void update(GovernorSettings newSettings) {
        synchronized (lock) {
            settings = Objects.requireNonNull(newSettings, "settings");
            applySettings();
        }
    }

    private void applySettings() {
        layered = Modes.layered(settings.modes(), overrides);
        cache.clear();
        cached = 0;
        buckets.clear();
        global = new Window(settings.globalActionsPerHour());
        agents = new Window(settings.agentsPerHour());
        for (ActionRecord r : recent) {
            count(r.capability(), r.kind(), settings.budgetKey(r.capability(), r.kind()),
                    GovernorSettings.createsAgent(r.kind()), r.time());
        }
    }

    public GovernorSettings settings() {
        synchronized (lock) {
            return settings;
        }
    }

    private long now() {
        long t = clock.millis();
        if (t < lastNow) {
            t = lastNow; // the clock went back: keep time monotonic for windows and the journal
        }
        lastNow = t;
        return t;
    }

    private Resolved resolved(String capability, String kind) {
        Map<String, Resolved> byKind = cache.get(capability);
        if (byKind == null) {
            byKind = new HashMap<>();
            cache.put(capability, byKind);
        }
        Resolved r = byKind.get(kind);
        if (r == null) {
            if (cached > 10_000) { // a capability inventing kinds: bound the cache
                cache.clear();
                cached = 0;
                byKind = new HashMap<>();
                cache.put(capability, byKind);
            }
            Modes.Resolution m = Modes.resolve(layered, settings.defaultMode(), capability, kind);
            String budgetKey = settings.budgetKey(capability, kind);
            r = new Resolved(m.mode(), m.key(), budgetKey, settings.budgetLimit(budgetKey),
                    GovernorSettings.createsAgent(kind), m.mode() == Mode.SUGGEST ? Reasons.queued(m.key())
                    : Reasons.auto(m.key()));
            byKind.put(kind, r);
            cached++;
        }
        return r;
    }

    // ------------------------------------------------------------------ executors and capabilities

    /** The current executors by capability (the component keeps the highest ranked per capability). */
    public void executors(Map<String, ActionExecutor> current) {
        synchronized (lock) {
            long now = now();
            Map<String, ActionExecutor> previous = executors;
            executors = Map.copyOf(current);
            for (String c : current.keySet()) {
                if (goneSince.remove(c) != null) {
                    store.remove(GONE + c);
                }
            }
            for (String c : previous.keySet()) {
                if (!current.containsKey(c) && !goneSince.containsKey(c)) {
                    goneSince.put(c, now);
                    store.put(GONE + c, Long.toString(now));
                }
            }
        }
    }

    /** A capability appeared: if autonomy is halted, it is halted at once too. */
    public void capabilityAdded(AutonomousCapability capability) {
        if (isHalted()) {
            haltQuietly(capability);
        }
    }

    // ------------------------------------------------------------------ decisions

    @Override
    public Decision submit(ProposedAction action) {
        Objects.requireNonNull(action, "action");
        List<AuditEntry> expired;
        Decision.Outcome outcome;
        String reason;
        ActionExecutor executor = null;
        Lease lease = null;
        long now;
        synchronized (lock) {
            now = now();
            expired = expireLeasesDue(now);
            Resolved r = resolved(action.capability(), action.kind());
            reason = gate(action, r, now, true);
            if (reason == null) {
                executor = executors.get(action.capability());
                if (executor == null) {
                    reason = Reasons.noExecutor(action.capability());
                }
            }
            if (reason != null) {
                outcome = Decision.Outcome.REJECTED;
            } else if (r.mode() == Mode.SUGGEST) {
                if (queue.size() >= MAX_QUEUED) {
                    outcome = Decision.Outcome.REJECTED;
                    reason = "the approvals queue is full (" + MAX_QUEUED + " proposals wait)";
                } else {
                    QueuedProposal q = new QueuedProposal(action, now, ++queueOrder);
                    queue.put(action.id(), q);
                    store.putQueued(q);
                    outcome = Decision.Outcome.QUEUED;
                    reason = r.reason();
                }
            } else {
                lease = reserve(action, r, now);
                outcome = Decision.Outcome.APPROVED;
                reason = r.reason();
            }
        }
        appendQuietly(expired);
        try {
            journal.append(List.of(proposed(action), entry(type(outcome), action, GOVERNOR, reason,
                    Map.of("reason", reason))));
        } catch (RuntimeException e) {
            LOG.error("Audit journal unavailable; proposal {} of {} rejected", action.id(), action.capability(), e);
            undo(action, outcome, lease);
            return Decision.rejected(action.id(), "the audit journal is unavailable; nothing was done");
        }
        if (outcome == Decision.Outcome.REJECTED) {
            return Decision.rejected(action.id(), reason);
        }
        if (outcome == Decision.Outcome.QUEUED) {
            return Decision.queued(action.id(), reason);
        }
        ExecutionResult result = execute(action, executor, lease, now, GOVERNOR);
        return new Decision(action.id(), Decision.Outcome.APPROVED, reason, Optional.of(result));
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

    private void undo(ProposedAction action, Decision.Outcome outcome, Lease lease) {
        synchronized (lock) {
            QueuedProposal q = outcome == Decision.Outcome.QUEUED ? queue.remove(action.id()) : null;
            if (q != null) {
                store.removeQueued(q);
            }
            if (lease != null) {
                leases.remove(lease.target(), lease);
            }
        }
    }

    /** The first check that fails, as a reason; {@code null} if every check passes. Under the lock. */
    private String gate(ProposedAction a, Resolved r, long now, boolean submitting) {
        if (halt != null) {
            return Reasons.halted(halt.reason(), halt.actor(), halt.since());
        }
        String pausedWhy = paused.get(a.capability());
        if (pausedWhy != null) {
            return Reasons.paused(a.capability(), pausedWhy);
        }
        if (submitting && r.mode() == Mode.OFF) {
            return Reasons.off(a.capability(), a.kind(), r.modeKey());
        }
        if (submitting && (queue.containsKey(a.id()) || applied.containsKey(a.id()))) {
            return "proposal id " + a.id() + " was already submitted";
        }
        Lease held = leases.get(a.target());
        if (held != null && held.activeAt(now)) {
            return Reasons.leased(held, now);
        }
        GovernorSettings s = settings;
        Window w = buckets.get(r.budgetKey());
        if (r.budgetLimit() <= 0 || w != null && w.used(now, HOUR) >= r.budgetLimit()) {
            return Reasons.overBudget("actionsPerHour[" + r.budgetKey() + "]", r.budgetLimit(), "per hour",
                    w == null ? Long.MAX_VALUE : w.nextFree(r.budgetLimit(), now, HOUR), now);
        }
        if (r.agent() && agents.used(now, HOUR) >= s.agentsPerHour()) {
            return Reasons.overBudget("agentsPerHour", s.agentsPerHour(), "per hour",
                    agents.nextFree(s.agentsPerHour(), now, HOUR), now);
        }
        if (global.used(now, HOUR) >= s.globalActionsPerHour()) {
            return Reasons.overBudget("globalActionsPerHour", s.globalActionsPerHour(), "per hour",
                    global.nextFree(s.globalActionsPerHour(), now, HOUR), now);
        }
        if (a.reversible() && leases.size() >= s.maxConcurrentExperiments()) {
            return "budget maxConcurrentExperiments exhausted: " + s.maxConcurrentExperiments()
                    + " open at once; room again when one is validated, rolled back or released, at the latest at "
                    + Reasons.time(nextLeaseExpiry) + " (" + Reasons.in(now, nextLeaseExpiry) + ")";
        }
        return null;
    }

    /** Counts the action against its budgets and, if reversible, leases its target. Under the lock. */
    private Lease reserve(ProposedAction a, Resolved r, long now) {
        count(a.capability(), a.kind(), r.budgetKey(), r.agent(), now);
        ActionRecord record = new ActionRecord(now, a.capability(), a.kind());
        recent.addLast(record);
        while (!recent.isEmpty() && recent.peekFirst().time() <= now - HOUR) {
            recent.removeFirst();
        }
        store.recordAction(record);
        if (!a.reversible()) {
            return null;
        }
        Lease lease = new Lease(a.target(), a.id(), a.capability(), now + settings.leaseSeconds() * 1000);
        leases.put(a.target(), lease);
        nextLeaseExpiry = Math.min(nextLeaseExpiry, lease.expiresAt());
        return lease;
    }

    private void count(String capability, String kind, String budgetKey, boolean agent, long time) {
        Window w = buckets.get(budgetKey);
        if (w == null) {
            w = new Window(settings.budgetLimit(budgetKey));
            buckets.put(budgetKey, w);
        }
        w.add(time);
        global.add(time);
        if (agent) {
            agents.add(time);
        }
    }

    /** Applies an approved action through its executor, outside the lock, and records the outcome. */
    private ExecutionResult execute(ProposedAction a, ActionExecutor executor, Lease lease, long now, Actor actor) {
        ExecutionResult result;
        applying.readLock().lock();
        try {
            boolean haltedMeanwhile;
            synchronized (lock) {
                haltedMeanwhile = halt != null;
            }
            if (haltedMeanwhile) {
                // approved before the halt, not yet applied: a halt stops it too
                result = ExecutionResult.failed("autonomy was halted before it was applied");
            } else {
                result = executor.apply(a);
                if (result == null) {
                    result = ExecutionResult.failed("the executor of " + a.capability() + " returned no result");
                }
            }
        } catch (Exception | LinkageError e) {
            String ref = ref();
            LOG.error("The executor of {} failed to apply proposal {} (ref {})", a.capability(), a.id(), ref, e);
            result = ExecutionResult.failed("internal error in the executor of " + a.capability() + " (ref " + ref
                    + ")");
        } finally {
            applying.readLock().unlock();
        }
        synchronized (lock) {
            if (result.success()) {
                boolean holds = lease != null && lease.equals(leases.get(a.target()));
                AppliedAction rec = new AppliedAction(a, result, now, lease == null ? 0 : lease.expiresAt(),
                        holds ? AppliedAction.State.OPEN : AppliedAction.State.CLOSED, holds ? 0 : now);
                applied.put(a.id(), rec);
                store.putApplied(rec);
            } else if (lease != null) {
                leases.remove(a.target(), lease);
            }
        }
        appendQuietly(List.of(entry(result.success() ? Type.APPLIED : Type.APPLY_FAILED, a, actor,
                result.message(), Map.of("message", result.message(), "effect", result.effect()))));
        return result;
    }

    private static String ref() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL, 36);
    }

    // ------------------------------------------------------------------ approvals

    public Decision approve(String proposalId, Actor operator) {
        Objects.requireNonNull(operator, "operator");
        List<AuditEntry> expired;
        QueuedProposal q;
        String reason = null;
        ActionExecutor executor = null;
        Lease lease = null;
        long now;
        synchronized (lock) {
            now = now();
            expired = expireLeasesDue(now);
            q = queue.get(proposalId);
            if (q != null) {
                ProposedAction a = q.action();
                reason = gate(a, resolved(a.capability(), a.kind()), now, false);
                if (reason == null) {
                    executor = executors.get(a.capability());
                    if (executor == null) {
                        reason = Reasons.noExecutor(a.capability());
                    }
                }
                if (reason == null) {
                    queue.remove(proposalId);
                    store.removeQueued(q);
                    lease = reserve(a, resolved(a.capability(), a.kind()), now);
                }
            }
        }
        appendQuietly(expired);
        if (q == null) {
            return Decision.rejected(proposalId, "no queued proposal " + proposalId);
        }
        ProposedAction a = q.action();
        if (reason != null) {
            String why = "not approved now: " + reason + "; the proposal stays queued";
            appendQuietly(List.of(entry(Type.REJECTED, a, operator, why, Map.of("reason", reason,
                    "stillQueued", true))));
            return Decision.rejected(proposalId, why);
        }
        String approved = "approved by " + operator;
        try {
            journal.append(List.of(entry(Type.APPROVED, a, operator, approved, Map.of())));
        } catch (RuntimeException e) {
            LOG.error("Audit journal unavailable; approval of {} not carried out", proposalId, e);
            synchronized (lock) {
                queue.put(proposalId, q);
                store.putQueued(q);
                if (lease != null) {
                    leases.remove(lease.target(), lease);
                }
            }
            return Decision.rejected(proposalId, "the audit journal is unavailable; the proposal stays queued");
        }
        ExecutionResult result = execute(a, executor, lease, now, operator);
        return new Decision(proposalId, Decision.Outcome.APPROVED, approved, Optional.of(result));
    }

    public Decision reject(String proposalId, String reason, Actor operator) {
        Objects.requireNonNull(operator, "operator");
        QueuedProposal q;
        synchronized (lock) {
            q = queue.remove(proposalId);
            if (q != null) {
                store.removeQueued(q);
            }
        }
        if (q == null) {
            return Decision.rejected(proposalId, "no queued proposal " + proposalId);
        }
        String why = "rejected by " + operator + (reason == null || reason.isBlank() ? "" : ": " + reason);
        appendQuietly(List.of(entry(Type.REJECTED, q.action(), operator, why,
                Map.of("reason", reason == null ? "" : reason))));
        return Decision.rejected(proposalId, why);
    }

    @Override
    public boolean withdraw(String proposalId, String reason) {
        QueuedProposal q;
        synchronized (lock) {
            q = queue.remove(proposalId);
            if (q != null) {
                store.removeQueued(q);
            }
        }
        if (q == null) {
            return false;
        }
        String why = "withdrawn by " + q.action().requestedBy()
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        appendQuietly(List.of(entry(Type.REJECTED, q.action(), q.action().requestedBy(), why,
                Map.of("reason", reason == null ? "" : reason, "withdrawn", true))));
        return true;
    }

    @Override
    public List<ProposedAction> pending() {
        synchronized (lock) {
            return queue.values().stream().map(QueuedProposal::action).toList();
        }
    }

    /** The approvals queue with the time each proposal was queued, oldest first. */
    public List<QueuedProposal> queued() {
        synchronized (lock) {
            return List.copyOf(queue.values());
        }
    }

    @Override
    public Optional<ProposedAction> proposal(String proposalId) {
        synchronized (lock) {
            QueuedProposal q = queue.get(proposalId);
            if (q != null) {
                return Optional.of(q.action());
            }
            AppliedAction a = applied.get(proposalId);
            return a == null ? Optional.empty() : Optional.of(a.action());
        }
    }

    public Optional<AppliedAction> applied(String proposalId) {
        synchronized (lock) {
            return Optional.ofNullable(applied.get(proposalId));
        }
    }

    // ------------------------------------------------------------------ experiments

    @Override
    public void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence, boolean done) {
        List<AuditEntry> out = new ArrayList<>(3);
        synchronized (lock) {
            long now = now();
            AppliedAction rec = applied.get(proposalId);
            if (rec == null) {
                throw new IllegalArgumentException("no applied action " + proposalId);
            }
            ProposedAction a = rec.action();
            int streak = Runaway.noGainStreak(noGain.getOrDefault(a.capability(), 0), improved);
            out.add(entry(Type.VALIDATED, a, a.requestedBy(), (improved ? "improved" : "no gain")
                    + (done ? ", done" : ""), Map.of("improved", improved, "done", done, "noGainStreak", streak,
                    "evidence", evidence == null ? Map.of() : evidence)));
            if (Runaway.noGainTrips(streak, settings.noGainLimit())) {
                pause(a.capability(), Reasons.runawayNoGain(streak), out);
                streak = 0;
            }
            noGain.put(a.capability(), streak);
            store.put(NO_GAIN + a.capability(), Integer.toString(streak));
            if (done && rec.open()) {
                close(rec, AppliedAction.State.CLOSED, now);
            }
        }
        appendQuietly(out);
    }

    @Override
    public ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        AppliedAction rec;
        ActionExecutor executor;
        synchronized (lock) {
            rec = applied.get(proposalId);
            if (rec == null) {
                return ExecutionResult.failed("no applied action " + proposalId);
            }
            Lease held = leases.get(rec.action().target());
            if (held != null && held.activeAt(now()) && !held.proposalId().equals(proposalId)) {
                // undoing it would overwrite the newer change that holds the target now
                return ExecutionResult.failed(Reasons.leased(held, now()));
            }
            if (!rec.action().reversible()) {
                return ExecutionResult.failed("action " + proposalId + " is not reversible");
            }
            if (rec.state() == AppliedAction.State.ROLLED_BACK) {
                return ExecutionResult.failed("action " + proposalId + " was already rolled back");
            }
            executor = executors.get(rec.action().capability());
            if (executor == null) {
                return ExecutionResult.failed(Reasons.noExecutor(rec.action().capability()));
            }
            if (!rollingBack.add(proposalId)) {
                return ExecutionResult.failed("a rollback of " + proposalId + " is already running");
            }
        }
        ProposedAction a = rec.action();
        ExecutionResult result;
        try {
            result = executor.rollback(a, rec.result());
            if (result == null) {
                result = ExecutionResult.failed("the executor of " + a.capability() + " returned no result");
            }
        } catch (Exception | LinkageError e) {
            String ref = ref();
            LOG.error("The executor of {} failed to roll back {} (ref {})", a.capability(), proposalId, ref, e);
            result = ExecutionResult.failed("internal error in the executor of " + a.capability() + " (ref " + ref
                    + ")");
        }
        List<AuditEntry> out = new ArrayList<>(2);
        String why = reason == null ? "" : reason;
        synchronized (lock) {
            rollingBack.remove(proposalId);
            long now = now();
            if (result.success()) {
                AppliedAction current = applied.getOrDefault(proposalId, rec);
                close(current, AppliedAction.State.ROLLED_BACK, now);
                out.add(entry(Type.ROLLED_BACK, a, actor, why.isEmpty() ? result.message() : why,
                        Map.of("reason", why, "message", result.message(), "effect", result.effect())));
                String key = a.capability() + "|" + a.target();
                Window w = rollbacks.get(key);
                if (w == null) {
                    w = new Window(1000);
                    rollbacks.put(key, w);
                }
                w.add(now);
                long window = settings.runawayWindowMinutes() * 60_000;
                store.put(ROLLBACKS + key, csv(w.after(now - window)));
                int n = w.used(now, window);
                if (n >= settings.runawayRollbacks() && !paused.containsKey(a.capability())) {
                    pause(a.capability(), Reasons.runawayRollbacks(a.target(), n, settings.runawayWindowMinutes()),
                            out);
                }
            } else {
                out.add(entry(Type.ROLLBACK_FAILED, a, actor, result.message(), Map.of("reason", why,
                        "message", result.message())));
            }
        }
        appendQuietly(out);
        return result;
    }

    private static String csv(long[] times) {
        StringBuilder sb = new StringBuilder();
        for (long t : times) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    @Override
    public void release(String proposalId) {
        AppliedAction rec;
        synchronized (lock) {
            rec = applied.get(proposalId);
            if (rec == null) {
                throw new IllegalArgumentException("no applied action " + proposalId);
            }
            if (!rec.open()) {
                return;
            }
            close(rec, AppliedAction.State.CLOSED, now());
        }
        appendQuietly(List.of(entry(Type.RELEASED, rec.action(), rec.action().requestedBy(),
                "released " + rec.action().target(), Map.of())));
    }

    /** Closes an applied action and frees its lease. Under the lock. */
    private void close(AppliedAction rec, AppliedAction.State state, long now) {
        AppliedAction closed = rec.closed(state, now);
        applied.put(rec.action().id(), closed);
        store.putApplied(closed);
        if (rec.leaseExpiresAt() > 0) {
            leases.remove(rec.action().target(), rec.lease());
        }
    }

    /** Ends the leases (and experiments) whose time is up; returns their journal entries, or null. Under the lock. */
    private List<AuditEntry> expireLeasesDue(long now) {
        if (now < nextLeaseExpiry) {
            return null;
        }
        List<AuditEntry> out = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (Iterator<Lease> it = leases.values().iterator(); it.hasNext(); ) {
            Lease l = it.next();
            if (l.activeAt(now)) {
                next = Math.min(next, l.expiresAt());
                continue;
            }
            it.remove();
            AppliedAction rec = applied.get(l.proposalId());
            if (rec != null && rec.open()) {
                AppliedAction closed = rec.closed(AppliedAction.State.CLOSED, now);
                applied.put(l.proposalId(), closed);
                store.putApplied(closed);
                out.add(entry(Type.EXPIRED, rec.action(), GOVERNOR, "lease on " + l.target() + " expired after "
                        + settings.leaseSeconds() + " s", Map.of("leaseExpiredAt", Reasons.time(l.expiresAt()))));
            }
        }
        nextLeaseExpiry = next;
        return out;
    }

    // ------------------------------------------------------------------ halt, pause, resume

    @Override
    public void halt(String reason, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        boolean already;
        synchronized (lock) {
            long now = now();
            already = halt != null;
            if (!already) {
                halt = new HaltState(why, actor.toString(), now);
                store.put(HALT, halt.since() + "\t" + actor + "\t" + why);
            }
        }
        if (already) {
            // Halting again changes nothing: no journal entry, so repeated halts cannot flood the journal.
            return;
        }
        // Wait for applies already under way (bounded: an executor that hangs must not hang the halt).
        try {
            if (applying.writeLock().tryLock(10, java.util.concurrent.TimeUnit.SECONDS)) {
                applying.writeLock().unlock();
            } else {
                LOG.warn("Halt: an action was still being applied after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appendQuietly(List.of(AuditEntry.draft(Type.HALTED, null, null, null, null, actor, why,
                Map.of("reason", why))));
        for (AutonomousCapability c : capabilities.get()) {
            haltQuietly(c);
        }
        if (actor.kind() == Actor.Kind.OPERATOR) {
            LOG.info("Autonomy halted by {}: {}", actor, why);
        } else {
            LOG.warn("Autonomy halted by {}: {}", actor, why);
        }
    }

    private static void haltQuietly(AutonomousCapability c) {
        try {
            c.halt();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("A capability failed to halt", e);
        }
    }

    /** Ids of the applied actions the governor still knows (for rollback and release by id or prefix). */
    public List<String> appliedIds() {
        synchronized (lock) {
            return List.copyOf(applied.keySet());
        }
    }

    /** Lifts the halt and every pause. */
    public void resume(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        boolean wasHalted;
        List<String> unpaused;
        synchronized (lock) {
            wasHalted = halt != null;
            halt = null;
            store.remove(HALT);
            unpaused = List.copyOf(paused.keySet());
            for (String c : unpaused) {
                store.remove(PAUSED + c);
            }
            paused.clear();
        }
        appendQuietly(List.of(AuditEntry.draft(Type.RESUMED, null, null, null, null, actor,
                "resumed" + (wasHalted ? " after the halt" : "") + (unpaused.isEmpty() ? "" : "; unpaused "
                        + String.join(", ", unpaused)), Map.of("wasHalted", wasHalted, "unpaused", unpaused))));
        if (wasHalted) {
            for (AutonomousCapability c : capabilities.get()) {
                try {
                    c.resume();
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("A capability failed to resume", e);
                }
            }
            LOG.info("Autonomy resumed by {}", actor);
        }
    }

    /** Lifts the pause of one capability. */
    public void resume(String capability, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        synchronized (lock) {
            if (paused.remove(capability) == null) {
                throw new IllegalArgumentException("capability " + capability + " is not paused; paused: "
                        + paused.keySet());
            }
            store.remove(PAUSED + capability);
            noGain.put(capability, 0);
            store.put(NO_GAIN + capability, "0");
        }
        appendQuietly(List.of(AuditEntry.draft(Type.RESUMED, null, capability, null, null, actor,
                "unpaused " + capability, Map.of())));
    }

    private void pause(String capability, String why, List<AuditEntry> out) {
        paused.put(capability, why);
        store.put(PAUSED + capability, why);
        out.add(AuditEntry.draft(Type.PAUSED, null, capability, null, null, GOVERNOR, "paused " + capability + ": "
                + why, Map.of("reason", why)));
        LOG.warn("Capability {} paused: {}", capability, why);
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
            return Map.copyOf(paused);
        }
    }

    // ------------------------------------------------------------------ modes

    @Override
    public Mode mode(String capability, String kind) {
        synchronized (lock) {
            return resolved(capability, kind == null ? "" : kind).mode();
        }
    }

    /** The mode and the key it comes from. */
    public Modes.Resolution resolution(String capability, String kind) {
        synchronized (lock) {
            return Modes.resolve(layered, settings.defaultMode(), capability, kind == null ? "" : kind);
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
            previous = Modes.resolve(layered, settings.defaultMode(), Keys.capabilityOf(k),
                    k.contains(".") ? k.substring(k.indexOf('.') + 1) : "").mode();
            overrides.put(k, mode);
            store.put(MODE + k, mode.toString());
            applyModes();
            moreSpecific = Modes.moreSpecific(layered, k);
        }
        appendQuietly(List.of(AuditEntry.draft(Type.MODE_CHANGED, null, Keys.capabilityOf(k), null, null, operator,
                k + ": " + previous + " -> " + mode, Map.of("key", k, "mode", mode.toString(),
                        "previous", previous.toString()))));
        return moreSpecific;
    }

    /** Removes the operator's mode of {@code key}: the configured one applies again. */
    public void resetMode(String key, Actor operator) {
        Mode removed;
        synchronized (lock) {
            removed = overrides.remove(key);
            if (removed == null) {
                throw new IllegalArgumentException("no operator mode for '" + key + "'; operator modes: "
                        + overrides.keySet());
            }
            store.remove(MODE + key);
            applyModes();
        }
        appendQuietly(List.of(AuditEntry.draft(Type.MODE_CHANGED, null, Keys.capabilityOf(key), null, null,
                operator, key + ": operator's " + removed + " removed", Map.of("key", key, "mode", "",
                        "previous", removed.toString()))));
    }

    private void applyModes() {
        layered = Modes.layered(settings.modes(), overrides);
        cache.clear();
        cached = 0;
    }

    /** Every configured or operator key with its mode, and the default mode. */
    public List<Modes.Effective> effectiveModes() {
        synchronized (lock) {
            return Modes.effective(settings.modes(), overrides);
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
            List<AuditEntry> expired = expireLeasesDue(now);
            if (expired != null) {
                out.addAll(expired);
            }
            long ttl = settings.proposalTtlHours() * HOUR;
            for (Iterator<QueuedProposal> it = queue.values().iterator(); it.hasNext(); ) {
                QueuedProposal q = it.next();
                String c = q.action().capability();
                if (executors.containsKey(c)) {
                    continue;
                }
                Long gone = goneSince.get(c);
                if (gone == null) {
                    goneSince.put(c, now);
                    store.put(GONE + c, Long.toString(now));
                } else if (now - gone >= ttl) {
                    it.remove();
                    store.removeQueued(q);
                    out.add(entry(Type.EXPIRED, q.action(), GOVERNOR, "expired: no executor for " + c + " for "
                            + settings.proposalTtlHours() + " h", Map.of()));
                }
            }
            while (!recent.isEmpty() && recent.peekFirst().time() <= now - HOUR) {
                recent.removeFirst();
            }
            store.pruneActionsUpTo(now - HOUR);
            for (Iterator<AppliedAction> it = applied.values().iterator(); it.hasNext(); ) {
                AppliedAction a = it.next();
                if (!a.open() && a.closedAt() < now - KEEP_CLOSED_MILLIS) {
                    it.remove();
                    store.removeApplied(a);
                }
            }
        }
        appendQuietly(out);
        store.flush();
    }

    /** The leases in force. */
    public List<Lease> leases() {
        synchronized (lock) {
            long now = now();
            return leases.values().stream().filter(l -> l.activeAt(now)).toList();
        }
    }

    /** Every budget: global, agents, experiments, then each action budget key seen or configured. */
    public List<BudgetView> budgets() {
        synchronized (lock) {
            long now = now();
            GovernorSettings s = settings;
            List<BudgetView> out = new ArrayList<>();
            out.add(new BudgetView("globalActionsPerHour", global.used(now, HOUR), s.globalActionsPerHour(),
                    global.nextFree(s.globalActionsPerHour(), now, HOUR)));
            out.add(new BudgetView("agentsPerHour", agents.used(now, HOUR), s.agentsPerHour(),
                    agents.nextFree(s.agentsPerHour(), now, HOUR)));
            int open = (int) leases.values().stream().filter(l -> l.activeAt(now)).count();
            out.add(new BudgetView("maxConcurrentExperiments", open, s.maxConcurrentExperiments(),
                    open < s.maxConcurrentExperiments() ? now : nextLeaseExpiry));
            TreeSet<String> keys = new TreeSet<>(s.actionsPerHour().keySet());
            keys.addAll(buckets.keySet());
            keys.addAll(executors.keySet());
            for (String k : keys) {
                Window w = buckets.get(k);
                int limit = s.budgetLimit(k);
                out.add(new BudgetView("actionsPerHour[" + k + "]", w == null ? 0 : w.used(now, HOUR), limit,
                        w == null ? (limit > 0 ? now : Long.MAX_VALUE) : w.nextFree(limit, now, HOUR)));
            }
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

    /** A summary for {@code autonomy:status} and {@code autonomy_status} (JSON values). */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        synchronized (lock) {
            long now = now();
            m.put("halted", halt != null);
            if (halt != null) {
                m.put("haltReason", halt.reason());
                m.put("haltedBy", halt.actor());
                m.put("haltedSince", Reasons.time(halt.since()));
            }
            m.put("paused", new TreeMap<>(paused));
            m.put("pendingProposals", queue.size());
            int open = (int) leases.values().stream().filter(l -> l.activeAt(now)).count();
            m.put("openExperiments", open);
            m.put("maxConcurrentExperiments", settings.maxConcurrentExperiments());
            m.put("actionsLastHour", global.used(now, HOUR));
            m.put("globalActionsPerHour", settings.globalActionsPerHour());
            m.put("defaultMode", settings.defaultMode().toString());
            Map<String, Object> modes = new TreeMap<>();
            layered.forEach((k, v) -> modes.put(k, v.toString()));
            m.put("modes", modes);
            m.put("executors", List.copyOf(new TreeSet<>(executors.keySet())));
        }
        return m;
    }

    /** Appends entries the shell writes itself (capability started or stopped). */
    public void audit(AuditEntry draft) {
        journal.append(List.of(draft));
    }

    // ------------------------------------------------------------------ journal helpers

    private static AuditEntry proposed(ProposedAction a) {
        return entry(Type.PROPOSED, a, a.requestedBy(), a.kind() + " on " + a.target()
                + (a.expectedEffect().isEmpty() ? "" : ": " + a.expectedEffect()), Map.of("payload", a.payload(),
                "reversible", a.reversible(), "expectedEffect", a.expectedEffect()));
    }

    private static AuditEntry entry(Type type, ProposedAction a, Actor actor, String summary, Map<String, ?> data) {
        return AuditEntry.draft(type, a.id(), a.capability(), a.kind(), a.target(), actor, summary, data);
    }

    private void appendQuietly(List<AuditEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return;
        }
        try {
            journal.append(entries);
        } catch (RuntimeException e) {
            LOG.error("Audit journal append failed; {} entries not recorded: {}", entries.size(),
                    entries.stream().map(x -> x.type() + " " + x.proposalId()).toList(), e);
        }
    }
}
