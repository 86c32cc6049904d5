package dev.autonomy.testkit;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.engine.Governor;
import dev.autonomy.control.store.MemoryControlStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real governor ({@link Governor}: the same admission rules, leases, budgets, runaway detection and halt) over
 * an in-memory store and journal, on a {@link MutableClock}: what a plugin's unit tests hand to the code under test
 * as its {@link AutonomyGovernor}. Configure it as the operator's files would ({@link #withMode}, {@link #settings}),
 * give it executors and capabilities, act as the operator through {@link #operator()}, and read the journal.
 */
public final class TestGovernor implements AutonomyGovernor {

    /** The operator a test acts as. */
    public static final Actor OPERATOR = Actor.operator("test");

    private final MutableClock clock;
    private final MemoryControlStore store;
    private final MemoryJournal journal;
    private final Map<String, ActionExecutor> executors;
    private final List<AutonomousCapability> capabilities;
    private final Governor governor;
    private final Operator operator = new GovernorOperator();

    /** A governor with the default settings (every mode {@code suggest}) on a clock at {@link MutableClock#START}. */
    public TestGovernor() {
        this(MutableClock.create(), GovernorSettings.DEFAULTS);
    }

    public TestGovernor(MutableClock clock, GovernorSettings settings) {
        this(clock, new MemoryControlStore(), new MemoryJournal(clock), new LinkedHashMap<>(),
                new CopyOnWriteArrayList<>(), settings);
    }

    private TestGovernor(MutableClock clock, MemoryControlStore store, MemoryJournal journal,
                         Map<String, ActionExecutor> executors, List<AutonomousCapability> capabilities,
                         GovernorSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = store;
        this.journal = journal;
        this.executors = executors;
        this.capabilities = capabilities;
        this.governor = new Governor(clock, store, journal, () -> this.capabilities, settings);
        this.governor.executors(executors);
    }

    // ------------------------------------------------------------------ set-up, as the operator's files would

    /** Sets a configured mode (as {@code modes} in {@code etc/dev.autonomy.governor.cfg} would); returns this. */
    public TestGovernor withMode(String key, Mode mode) {
        GovernorSettings s = governor.settings();
        Map<String, Mode> modes = new LinkedHashMap<>(s.modes());
        modes.put(key, mode);
        governor.update(s.withModes(s.defaultMode(), modes));
        return this;
    }

    /** Replaces the settings (budgets, leases, runaway limits …), as a changed configuration would. */
    public TestGovernor settings(GovernorSettings settings) {
        governor.update(settings);
        return this;
    }

    public GovernorSettings settings() {
        return governor.settings();
    }

    /** Makes {@code executor} the one that applies and rolls back actions of {@code capability}; returns this. */
    public synchronized TestGovernor executor(String capability, ActionExecutor executor) {
        executors.put(capability, Objects.requireNonNull(executor, "executor"));
        governor.executors(executors);
        return this;
    }

    /**
     * Makes {@code apply} and {@code rollback} the executor of {@code capability}: for code whose executor is a DS
     * component that hands both to an inner class ({@code governor.executor("learning", learner::apply,
     * learner::rollback)}); returns this.
     */
    public TestGovernor executor(String capability, Apply apply, Rollback rollback) {
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(rollback, "rollback");
        return executor(capability, new ActionExecutor() {
            @Override
            public ExecutionResult apply(ProposedAction action) throws Exception {
                return apply.apply(action);
            }

            @Override
            public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws Exception {
                return rollback.rollback(action, applied);
            }
        });
    }

    /** {@link ActionExecutor#apply}, as a method reference. */
    @FunctionalInterface
    public interface Apply {
        ExecutionResult apply(ProposedAction action) throws Exception;
    }

    /** {@link ActionExecutor#rollback}, as a method reference. */
    @FunctionalInterface
    public interface Rollback {
        ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws Exception;
    }

    /** Takes the executor of {@code capability} away, as when its bundle stops. */
    public synchronized TestGovernor removeExecutor(String capability) {
        executors.remove(capability);
        governor.executors(executors);
        return this;
    }

    /** Adds a capability: a halt halts it, a resume resumes it. */
    public TestGovernor capability(AutonomousCapability capability) {
        capabilities.add(capability);
        governor.capabilityAdded(capability);
        return this;
    }

    /**
     * A new governor over the same store, journal, clock, executors and capabilities: what the control bundle is
     * after a restart (queued proposals, leases, halt and operator modes survive, as they do on disk).
     */
    public synchronized TestGovernor restarted() {
        return new TestGovernor(clock, store, journal, executors, capabilities, governor.settings());
    }

    /** Moves the clock on and runs the governor's housekeeping (leases and queued proposals that ran out). */
    public TestGovernor advance(Duration d) {
        clock.advance(d);
        governor.sweep();
        return this;
    }

    // ------------------------------------------------------------------ what a test reads

    public MutableClock clock() {
        return clock;
    }

    public MemoryJournal journal() {
        return journal;
    }

    /** Every journal entry, oldest first. */
    public List<AuditEntry> entries() {
        return journal.entries();
    }

    /** The journal entries of these types, oldest first. */
    public List<AuditEntry> entries(AuditEntry.Type... types) {
        return journal.entries(types);
    }

    /** The real governor, for what the service interface does not show (status, leases, budgets). */
    public Governor governor() {
        return governor;
    }

    public MemoryControlStore store() {
        return store;
    }

    /** The operator, as {@link #OPERATOR}. */
    public Operator operator() {
        return operator;
    }

    /** Approves as the operator and answers the governor's decision. */
    public Decision approve(String proposalId) {
        return governor.approve(proposalId, OPERATOR);
    }

    /** Rejects as the operator and answers the governor's decision. */
    public Decision reject(String proposalId, String reason) {
        return governor.reject(proposalId, reason, OPERATOR);
    }

    // ------------------------------------------------------------------ AutonomyGovernor: the real one's answers

    @Override
    public Decision submit(ProposedAction action) {
        return governor.submit(action);
    }

    @Override
    public void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence, boolean done) {
        governor.reportValidation(proposalId, improved, evidence, done);
    }

    @Override
    public ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        return governor.rollback(proposalId, reason, actor);
    }

    @Override
    public void release(String proposalId) {
        governor.release(proposalId);
    }

    @Override
    public Mode mode(String capability, String kind) {
        return governor.mode(capability, kind);
    }

    @Override
    public boolean isHalted() {
        return governor.isHalted();
    }

    @Override
    public boolean withdraw(String proposalId, String reason) {
        return governor.withdraw(proposalId, reason);
    }

    @Override
    public List<ProposedAction> pending() {
        return governor.pending();
    }

    @Override
    public Optional<ProposedAction> proposal(String proposalId) {
        return governor.proposal(proposalId);
    }

    @Override
    public Optional<ActionState> state(String proposalId) {
        return governor.state(proposalId);
    }

    @Override
    public void halt(String reason, Actor actor) {
        governor.halt(reason, actor);
    }

    /** The operator's steps on the real governor. */
    private final class GovernorOperator implements Operator {

        @Override
        public Actor actor() {
            return OPERATOR;
        }

        @Override
        public Optional<ActionState> approve(String proposalId) {
            governor.approve(proposalId, OPERATOR);
            return governor.state(proposalId);
        }

        @Override
        public Optional<ActionState> reject(String proposalId, String reason) {
            governor.reject(proposalId, reason, OPERATOR);
            return governor.state(proposalId);
        }

        @Override
        public Optional<ActionState> rollback(String proposalId, String reason) {
            governor.rollback(proposalId, reason, OPERATOR);
            return governor.state(proposalId);
        }

        @Override
        public void setMode(String key, Mode mode) {
            governor.setMode(key, mode, OPERATOR);
        }

        @Override
        public void resetMode(String key) {
            governor.resetMode(key, OPERATOR);
        }

        @Override
        public void halt(String reason) {
            governor.halt(reason, OPERATOR);
        }

        @Override
        public void resume() {
            governor.resume(OPERATOR);
        }

        @Override
        public void resume(String capability) {
            governor.resume(capability, OPERATOR);
        }
    }
}
