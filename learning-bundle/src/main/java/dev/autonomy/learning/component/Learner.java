package dev.autonomy.learning.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.learning.core.ActionableKnowledge;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.BehaviorAdapter;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.RoutingEvaluation;
import dev.autonomy.learning.store.ExperienceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plugin 4's imperative shell, without OSGi: a facade over its parts, each with its own lock (see the package's
 * documentation): {@link Intake} (session events to experiences), {@link Analysis} and {@link Publication} (the
 * cycle's analysis; routing advice and the context extension, published as immutable snapshots so that nothing a
 * request does waits for learning), {@link Ratings} (feedback and forgetting), {@link ExperimentLifecycle}
 * (proposals and verdicts through the governor) and {@link AdaptationExecutor} (what the governor applies and rolls
 * back).
 *
 * <p>Threads: events arrive on the foundation's handler thread ({@link #onEvent}); cycles run on this class's own
 * scheduler thread, one at a time ({@code cycleLock}); the governor calls {@link #apply} and {@link #rollback} on
 * whichever thread decided (the cycle's in mode auto, a shell's on approval); requests call {@link #advice} and
 * {@link #context}; queries call {@link #patterns}, which analyses on the caller's thread between cycles (one
 * analysis at a time, its result reused for {@link #ON_DEMAND_REUSE}). No lock is held while the governor is
 * called.
 */
public final class Learner implements AutoCloseable {

    public static final String CAPABILITY = Adaptation.CAPABILITY;
    public static final String EXTENSION = BehaviorAdapter.CONTEXT_EXTENSION;
    /** The plugin's name, and the source of its enhancements. */
    public static final String PLUGIN = "learning";
    /** Most ratings one session may give in a minute. */
    public static final int MAX_RATINGS_PER_MINUTE = Ratings.MAX_RATINGS_PER_MINUTE;
    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);

    /**
     * How long a result of the analysis on demand is reused (at least; longer if it took longer to make): queries
     * between cycles see new experiences within seconds, and no client can make learning analyse without pause.
     */
    public static final Duration ON_DEMAND_REUSE = Duration.ofSeconds(3);

    /** What one cycle found: the patterns, the knowledge, when, and how long it took. */
    public record Snapshot(InteractionPatterns patterns, ActionableKnowledge knowledge, Instant at, long cycles,
                           long millis) {
        static final Snapshot EMPTY = new Snapshot(InteractionPatterns.EMPTY, ActionableKnowledge.EMPTY, null, 0, 0);
    }

    /** The patterns and knowledge of the store as of {@code at}: analysed on demand, or by the latest cycle. */
    public record Analyzed(InteractionPatterns patterns, ActionableKnowledge knowledge, Instant at) {
    }

    private final ExperienceStore store;
    private final AdaptationBook book;
    private final Clock clock;
    private final LearningEnvironment env;
    private final Intake intake;
    private final Ratings ratings;
    private final Analysis analysis;
    private final Publication publication;
    private final AdaptationExecutor executor;
    private final ExperimentLifecycle lifecycle;
    private final LearnerStatus status;
    private volatile LearningOptions options;
    private volatile boolean halted;
    private volatile boolean closing;
    private volatile String lastCycleError = "";
    private final AtomicLong cycleFailures = new AtomicLong();

    /** One cycle at a time (the schedule's, or one run by hand). */
    private final Object cycleLock = new Object();
    private final CycleSchedule schedule = new CycleSchedule(this::cycleQuietly);
    /** The analysis for queries between cycles: the cycle's own analysis, one at a time, reused for a while. */
    private final SingleFlight<Analyzed> onDemand;

    /**
     * Opens the experience store and the adaptations in {@code dir}.
     *
     * @throws IOException if the store cannot be opened
     */
    public Learner(Path dir, LearningOptions options, Clock clock, LearningEnvironment env, PolicyStore policies)
            throws IOException {
        this.options = options;
        this.clock = clock;
        this.env = env;
        this.store = ExperienceStore.open(dir, options.store(), clock);
        byte[] secret;
        try {
            this.book = AdaptationBook.open(dir);
            secret = Intake.secret(dir);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        if (!book.lastError().isEmpty()) {
            LOG.warn("Learning: {}", book.lastError());
        }
        this.intake = new Intake(store, clock, this::options, secret);
        this.analysis = new Analysis(store, intake, () -> closing);
        this.onDemand = new SingleFlight<>(this::analyzeNow, clock, ON_DEMAND_REUSE);
        this.ratings = new Ratings(intake, store, book, env, clock, this::options, this::readRecentRequests);
        this.publication = new Publication(book, env, this::options, this::halted);
        PolicyActions policyActions = new PolicyActions(policies);
        this.executor = new AdaptationExecutor(book, policyActions, publication, clock);
        this.lifecycle = new ExperimentLifecycle(book, env, policies, policyActions, executor, publication,
                this::halted);
        this.status = new LearnerStatus(store, book, env, intake, ratings, publication, lifecycle);
    }

    /**
     * Starts the periodic cycles, and at once reads the store on the cycle thread: the recent requests (for ratings
     * that name one) and the patterns are there right after a restart, not only after the first cycle.
     */
    public void start() {
        schedule.start(options.cycle());
        schedule.soon(this::analyzeQuietly);
    }

    /** New options; a new cycle interval or seed applies at once, store settings at the next start. */
    public void options(LearningOptions next) {
        LearningOptions previous = this.options;
        this.options = next;
        if (next.randomSeed() != previous.randomSeed()) {
            publication.reseed(next.randomSeed());
        }
        if (!next.store().equals(previous.store())) {
            LOG.info("Learning: the experience store's new settings apply at the next start");
        }
        if (!next.cycle().equals(previous.cycle())) {
            schedule.interval(next.cycle());
        }
    }

    public LearningOptions options() {
        return options;
    }

    /**
     * Stops the cycles and closes the store. A running cycle is asked to stop, not interrupted: an interrupt in the
     * middle of a read would close the store's file channel under its writer.
     */
    @Override
    public void close() {
        closing = true;
        schedule.close();
        store.close();
    }

    // ------------------------------------------------------------------ capability

    public void halt() {
        halted = true;
        publication.republish();
        LOG.info("Learning halted: it observes, proposes and keeps nothing and gives no routing advice until "
                + "autonomy resumes; experiments due to be reverted are still reverted");
    }

    public void resume() {
        halted = false;
        publication.republish();
        LOG.info("Learning resumed");
    }

    public boolean halted() {
        return halted;
    }

    /** Figures for {@code autonomy:capabilities}: flat JSON scalars. */
    public Map<String, Object> capabilityStatus() {
        return status.capability(halted);
    }

    /** Everything {@code learn_status} and {@code learn:status} show (see {@link LearnerStatus}). */
    public Map<String, Object> status() {
        Instant now = clock.instant();
        return status.full(options, new LearnerStatus.Cycles(halted, cycleFailures.get(), lastCycleError,
                nextCycle(now), now));
    }

    // ------------------------------------------------------------------ events, ratings, requests

    /** One session event, on the handler's thread: experiences go to the store; routing waits for its outcome. */
    public void onEvent(SessionEvent e) {
        intake.onEvent(e);
    }

    /**
     * A person's rating of a request or of a provider, acknowledged once stored durably (see {@link
     * Ratings#feedback}).
     *
     * @param sessionId the caller's session ({@code call.context().request().sessionId()})
     * @throws IllegalArgumentException with a message for the person, when the input is wrong or the request unknown
     * @throws IllegalStateException    with a message for the person, when learning is busy or the session rates
     *                                  too often
     */
    public Map<String, Object> feedback(String sessionId, String requestId, String provider, int rating,
                                        String comment) {
        return ratings.feedback(sessionId, requestId, provider, rating, comment);
    }

    /** Deletes every experience of a session and what learning holds of it (see {@link Ratings#forget}). */
    public long forget(String sessionId) {
        return ratings.forget(sessionId);
    }

    /**
     * Routing advice for an {@code agent_route} request: none while halted, none without a governor (nothing learned
     * is served without one), and none for the experiment's holdout.
     */
    public Optional<Enhancement> advice(McpRequest request) {
        return publication.advice(request);
    }

    /** The context extension for a request: precomputed; the holdout of a context experiment gets the old one. */
    public Map<String, Object> context(McpRequest request) {
        return publication.context(request);
    }

    // ------------------------------------------------------------------ analysis on demand

    /**
     * The patterns and knowledge now, for queries: the latest cycle's or on-demand analysis if it is at most {@link
     * #ON_DEMAND_REUSE} old, else a new analysis on this thread (or the one already running). It only answers
     * queries: proposals, verdicts and what requests read come from cycles only.
     */
    public Analyzed patterns() {
        try {
            return onDemand.get();
        } catch (Analysis.Stopping e) {
            Snapshot s = publication.snapshot(); // learning is stopping: what the last cycle found
            return new Analyzed(s.patterns(), s.knowledge(), s.at());
        }
    }

    /**
     * When the next cycle starts, for the patterns' views: {@code nextCycle} (an instant) and {@code nextCycleIn}
     * ("in 42 s"), as in {@link #status()}.
     */
    public Map<String, Object> nextCycle() {
        Instant now = clock.instant();
        return LearnerStatus.nextCycle(nextCycle(now), now);
    }

    private Optional<Instant> nextCycle(Instant now) {
        return schedule.untilNext().map(now::plus);
    }

    /** The cycle's analysis without the arms of running experiments (those are the cycle's alone). */
    private Analyzed analyzeNow() {
        Instant now = clock.instant();
        Analysis.Result found = analysis.run(List.of(), options, now);
        return new Analyzed(found.patterns(), found.knowledge(), now);
    }

    /** After a start, before the first cycle: reads the recent requests from the store, if no analysis did yet. */
    private void readRecentRequests() {
        if (intake.needsWarming()) {
            patterns();
        }
    }

    /** The analysis at the start, on the cycle thread: a failure is logged; the first cycle tries again. */
    private void analyzeQuietly() {
        try {
            patterns();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Learning: the store could not be read at the start (ref {}); the first cycle tries again",
                    ErrorRefs.ref(e.toString()), e);
        }
    }

    // ------------------------------------------------------------------ the cycle

    /** A scheduled cycle: a failure is counted and shown briefly in the status, with its detail in the log. */
    void cycleQuietly() {
        if (closing) {
            return;
        }
        try {
            runCycle();
            lastCycleError = "";
        } catch (Analysis.Stopping e) {
            // the component is being deactivated
        } catch (RuntimeException | LinkageError e) {
            cycleFailures.incrementAndGet();
            String brief = e.getClass().getSimpleName() + " (ref " + ErrorRefs.ref(e.toString()) + ")";
            if (!brief.equals(lastCycleError)) {
                LOG.error("Learning cycle failed (ref {})", ErrorRefs.ref(e.toString()), e);
            }
            lastCycleError = brief; // what learn_status shows: no exception text, no path
        }
    }

    /**
     * One cycle: analysis, validation of running experiments (their verdicts carried out: a REVERT also while
     * halted or without a governor; a KEEP only with a governor and not halted), expiry and settling of proposals,
     * re-checked preferences, publication, new proposals.
     */
    public void runCycle() {
        synchronized (cycleLock) {
            long t0 = System.nanoTime();
            LearningOptions o = options;
            Instant now = clock.instant();
            List<Adaptation> active = book.all().stream()
                    .filter(a -> a.status() == Adaptation.Status.ACTIVE && a.startedAt() != null).toList();
            Analysis.Result found = analysis.run(active, o, now);
            onDemand.offer(new Analyzed(found.patterns(), found.knowledge(), now));
            ratings.seen(found.patterns());
            Optional<AutonomyGovernor> g = env.governor();
            boolean act = !halted && g.isPresent();
            lifecycle.validate(active, found.arms(), now, g, o.learning());
            lifecycle.expireProposals(now);
            g.ifPresent(gov -> lifecycle.settleProposals(gov, now));
            if (act) {
                lifecycle.endPendingHoldouts();
            }
            ratings.recheckPreferences(found.knowledge());
            publication.publish(found.patterns(), found.knowledge(), now,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            if (act) {
                lifecycle.propose(found.knowledge(), g.get(), now, o.learning());
            }
        }
    }

    // ------------------------------------------------------------------ the executor

    /** Applies an approved adaptation (see {@link AdaptationExecutor#apply}). */
    public ExecutionResult apply(ProposedAction action) throws IOException {
        return executor.apply(action);
    }

    /** Undoes an applied adaptation (see {@link AdaptationExecutor#rollback}). */
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        return executor.rollback(action, applied);
    }

    // ------------------------------------------------------------------ views and commands

    public Snapshot snapshot() {
        return publication.snapshot();
    }

    /** The adaptations, newest first, with their notes and last reports. */
    public List<Map<String, Object>> adaptations() {
        return book.newestFirst();
    }

    /** The full id of an adaptation, by id or unique beginning. */
    public String resolveId(String idOrPrefix) {
        return book.resolveId(idOrPrefix);
    }

    /** Reverts an adaptation by hand, through the governor (journaled as the actor's rollback). */
    public ExecutionResult revert(String id, Actor actor) {
        return lifecycle.revertByHand(id, actor);
    }

    /**
     * Off-policy estimates (in-sample) of the routing policies served now against uniform routing: during an
     * experiment the mixture with its holdout, once kept the learned weights, and uniform where no advice is
     * served (none, halted, no governor).
     */
    public List<RoutingEvaluation.Row> evaluate() {
        return publication.evaluate();
    }
}
