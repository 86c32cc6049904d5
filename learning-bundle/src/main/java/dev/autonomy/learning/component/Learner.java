package dev.autonomy.learning.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.learning.core.ActionableKnowledge;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.ArmStats;
import dev.autonomy.learning.core.BehaviorAdapter;
import dev.autonomy.learning.core.EffectivenessReport;
import dev.autonomy.learning.core.EffectivenessValidator;
import dev.autonomy.learning.core.ExperienceCollector;
import dev.autonomy.learning.core.ExperienceKind;
import dev.autonomy.learning.core.Experiments;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.KnowledgeExtractor;
import dev.autonomy.learning.core.LearningContext;
import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.learning.core.LearningSettings;
import dev.autonomy.learning.core.PatternAnalyzer;
import dev.autonomy.learning.core.Providers;
import dev.autonomy.learning.core.RoutingAdvisor;
import dev.autonomy.learning.core.RoutingEvaluation;
import dev.autonomy.learning.core.SystemFacts;
import dev.autonomy.learning.core.ToolPolicyFacts;
import dev.autonomy.learning.store.ExperienceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plugin 4's imperative shell, without OSGi: it feeds session events to the experience store, runs the adaptation
 * cycle (analysis → knowledge → validation of running experiments → new proposals to the governor), carries out
 * approved adaptations, and publishes what requests read — routing advice and the context extension — as immutable
 * snapshots, so that nothing a request does waits for learning.
 *
 * <p>Threads: events arrive on the foundation's handler thread ({@link #onEvent}); cycles run on this class's own
 * scheduler thread; the governor calls {@link #apply} and {@link #rollback} on whichever thread decided (the cycle's
 * in mode auto, a shell's on approval); requests call {@link #advice} and {@link #context}. No lock of this class is
 * held while the governor is called.
 */
public final class Learner implements AutoCloseable {

    public static final String CAPABILITY = Adaptation.CAPABILITY;
    public static final String EXTENSION = BehaviorAdapter.CONTEXT_EXTENSION;
    /** The router's tool, whose requests get routing advice. */
    public static final String ROUTE_TOOL = "agent_route";
    /** The plugin's name, and the source of its enhancements. */
    public static final String PLUGIN = "learning";
    static final Actor SELF = Actor.capability(CAPABILITY);
    /** Most request ids remembered with their provider, for feedback on recent requests. */
    static final int RECENT_REQUESTS = 10_000;
    /** Most effectiveness reports kept for the context and the tools. */
    static final int MAX_REPORTS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);

    /** What the OSGi world offers, read on the cycle thread. */
    public interface Environment {
        /** The governor, when the control bundle runs. */
        Optional<AutonomyGovernor> governor();

        /** The live tools by name, with their annotations. */
        Map<String, ToolAnnotations> tools();

        /** Agent ids by capability, when the agent registry runs. */
        Map<String, List<String>> agentsByCapability();
    }

    /** Autonomy's tool policy overrides and the operator's policies (ConfigurationAdmin in the container). */
    public interface PolicyStore {
        /** Autonomy's override of the tool (its properties), if there is one. */
        Optional<Map<String, Object>> override(String tool) throws IOException;

        void write(String tool, Map<String, Object> properties) throws IOException;

        void delete(String tool) throws IOException;

        /** The operator's policy configurations. */
        List<Map<String, ?>> operatorPolicies() throws IOException;

        /** Autonomy's overrides of every tool. */
        List<Map<String, ?>> overrides() throws IOException;

        /** The server's default time limit of a tool call, in ms. */
        long defaultTimeoutMs();
    }

    /** What one cycle found: the patterns, the knowledge, when, and how long it took. */
    public record Snapshot(InteractionPatterns patterns, ActionableKnowledge knowledge, Instant at, long cycles,
                           long millis) {
        static final Snapshot EMPTY = new Snapshot(InteractionPatterns.EMPTY, ActionableKnowledge.EMPTY, null, 0, 0);
    }

    /** A routing adaptation in force, with its current weights. */
    record RoutingPolicy(Adaptation adaptation, Map<String, Double> weights) {
    }

    /** What requests read, replaced as a whole. */
    record Published(Map<String, RoutingPolicy> routing, Map<String, Object> treatmentContext,
                     Map<String, Object> holdoutContext, Adaptation contextExperiment) {
        Map<String, Object> context(String requestId) {
            return contextExperiment != null && contextExperiment.isHoldout(requestId) ? holdoutContext
                    : treatmentContext;
        }
    }

    private final ExperienceStore store;
    private final AdaptationBook book;
    private final Clock clock;
    private final Environment env;
    private final PolicyStore policies;
    private final PolicyActions policyActions;
    private volatile LearningOptions options;
    private volatile boolean halted;
    private volatile Published published;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile String lastCycleError = "";
    private volatile boolean closing;

    // ingestion, guarded by ingestLock
    private final Object ingestLock = new Object();
    private final LinkedHashMap<String, SessionEvent> pendingRouted = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> providerOfRequest = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RECENT_REQUESTS;
        }
    };

    // cycles and publication
    private final Object cycleLock = new Object();
    private final Object publishLock = new Object();
    private SplittableRandom random; // guarded by publishLock
    private final Deque<EffectivenessReport> reports = new ArrayDeque<>(); // guarded by itself
    private final Map<String, ArmStats[]> lastArms = new java.util.concurrent.ConcurrentHashMap<>();

    // figures
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong experiences = new AtomicLong();
    private final AtomicLong appendFailures = new AtomicLong();
    private final AtomicLong droppedPending = new AtomicLong();
    private final AtomicLong feedbacks = new AtomicLong();
    private final AtomicLong proposals = new AtomicLong();
    private final AtomicLong cycleFailures = new AtomicLong();
    private volatile long lastAppendErrorLog;

    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> cycleTask; // guarded by this

    /**
     * Opens the experience store and the adaptations in {@code dir}.
     *
     * @throws IOException if the store cannot be opened
     */
    public Learner(Path dir, LearningOptions options, Clock clock, Environment env, PolicyStore policies)
            throws IOException {
        this.options = options;
        this.clock = clock;
        this.env = env;
        this.policies = policies;
        this.policyActions = new PolicyActions(policies);
        this.store = ExperienceStore.open(dir, options.store(), clock);
        try {
            this.book = AdaptationBook.open(dir);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        if (!book.lastError().isEmpty()) {
            LOG.warn("Learning: {}", book.lastError());
        }
        this.random = seeded(options.randomSeed());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "learning-cycle");
            t.setDaemon(true);
            return t;
        });
        synchronized (publishLock) {
            publishLocked(InteractionPatterns.EMPTY, ActionableKnowledge.EMPTY);
        }
    }

    private static SplittableRandom seeded(long seed) {
        return seed == 0 ? new SplittableRandom() : new SplittableRandom(seed);
    }

    /** Starts the periodic cycles. */
    public synchronized void start() {
        schedule();
    }

    private synchronized void schedule() {
        if (cycleTask != null) {
            cycleTask.cancel(false);
        }
        long millis = options.cycle().toMillis();
        cycleTask = scheduler.scheduleWithFixedDelay(this::cycleQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** New options; a new cycle interval or seed applies at once, store settings at the next start. */
    public void options(LearningOptions next) {
        LearningOptions previous = this.options;
        this.options = next;
        if (next.randomSeed() != previous.randomSeed()) {
            synchronized (publishLock) {
                random = seeded(next.randomSeed());
            }
        }
        if (!next.store().equals(previous.store())) {
            LOG.info("Learning: the experience store's new settings apply at the next start");
        }
        boolean started;
        synchronized (this) {
            started = cycleTask != null;
        }
        if (started && !next.cycle().equals(previous.cycle())) {
            schedule();
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
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Learning: a cycle did not end within 10 s of the stop");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    /** Thrown into a store scan to end a cycle when learning stops. */
    private static final class Stopping extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super("learning is stopping", null, false, false);
        }
    }

    // ------------------------------------------------------------------ capability

    public void halt() {
        halted = true;
        synchronized (publishLock) {
            Snapshot s = snapshot;
            publishLocked(s.patterns(), s.knowledge());
        }
        LOG.info("Learning halted: it observes, proposes nothing and gives no routing advice until autonomy resumes");
    }

    public void resume() {
        halted = false;
        synchronized (publishLock) {
            Snapshot s = snapshot;
            publishLocked(s.patterns(), s.knowledge());
        }
        LOG.info("Learning resumed");
    }

    public boolean halted() {
        return halted;
    }

    /** Figures for {@code autonomy:capabilities}: flat JSON scalars. */
    public Map<String, Object> capabilityStatus() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halted", halted);
        Map<Adaptation.Status, Long> counts = counts();
        for (Adaptation.Status s : Adaptation.Status.values()) {
            m.put(s.name().toLowerCase(Locale.ROOT), counts.getOrDefault(s, 0L));
        }
        m.put("experiences", experiences.get());
        m.put("cycles", snapshot.cycles());
        return m;
    }

    private Map<Adaptation.Status, Long> counts() {
        Map<Adaptation.Status, Long> counts = new java.util.EnumMap<>(Adaptation.Status.class);
        for (Adaptation a : book.all()) {
            counts.merge(a.status(), 1L, Long::sum);
        }
        return counts;
    }

    /** Everything {@code learn_status} and {@code learn:status} show. */
    public Map<String, Object> status() {
        LearningOptions o = options;
        Snapshot s = snapshot;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halted", halted);
        Optional<AutonomyGovernor> g = env.governor();
        m.put("governor", g.isPresent());
        if (g.isPresent()) {
            Map<String, Object> modes = new LinkedHashMap<>();
            for (Adaptation.Kind k : Adaptation.Kind.values()) {
                try {
                    modes.put(k.actionKind(), g.get().mode(CAPABILITY, k.actionKind()).toString());
                } catch (RuntimeException e) {
                    modes.put(k.actionKind(), "unknown");
                }
            }
            m.put("modes", modes);
        }
        m.put("cycleSeconds", o.cycle().toSeconds());
        m.put("holdoutShare", o.learning().holdoutShare());
        m.put("alpha", o.learning().alpha());
        m.put("maxExperimentUnits", o.learning().maxExperimentUnits());
        m.put("maxExperimentSeconds", o.learning().maxExperimentDuration().toSeconds());
        m.put("cycles", s.cycles());
        m.put("lastCycle", s.at() == null ? "" : s.at().toString());
        m.put("lastCycleMillis", s.millis());
        m.put("cycleFailures", cycleFailures.get());
        if (!lastCycleError.isEmpty()) {
            m.put("lastCycleError", lastCycleError);
        }
        m.put("eventsHandled", events.get());
        m.put("experiencesRecorded", experiences.get());
        m.put("appendFailures", appendFailures.get());
        m.put("feedback", feedbacks.get());
        synchronized (ingestLock) {
            m.put("routingDecisionsWaiting", pendingRouted.size());
        }
        m.put("routingDecisionsDropped", droppedPending.get());
        ExperienceStore.StoreStats st = store.stats();
        Map<String, Object> storeMap = new LinkedHashMap<>();
        storeMap.put("experiences", st.size());
        storeMap.put("fileBytes", st.fileBytes());
        storeMap.put("commits", st.commits());
        storeMap.put("deletedByRetention", st.deletedByRetention());
        if (!st.lastError().isEmpty()) {
            storeMap.put("lastError", st.lastError());
        }
        m.put("store", storeMap);
        m.put("analyzedExperiences", s.patterns().experiences());
        m.put("knowledge", s.knowledge().all().size());
        Map<String, Object> adaptations = new LinkedHashMap<>();
        Map<Adaptation.Status, Long> counts = counts();
        for (Adaptation.Status st2 : Adaptation.Status.values()) {
            adaptations.put(st2.name().toLowerCase(Locale.ROOT), counts.getOrDefault(st2, 0L));
        }
        m.put("adaptations", adaptations);
        m.put("proposals", proposals.get());
        List<Object> routing = new ArrayList<>();
        published.routing().forEach((c, p) -> routing.add(Map.of("capability", c, "adaptation",
                p.adaptation().id(), "status", p.adaptation().status().name().toLowerCase(Locale.ROOT),
                "weights", p.weights())));
        m.put("routingAdvice", routing);
        if (!book.lastError().isEmpty()) {
            m.put("adaptationsError", book.lastError());
        }
        return m;
    }

    // ------------------------------------------------------------------ events

    /** One session event, on the handler's thread: experiences go to the store; routing waits for its outcome. */
    public void onEvent(SessionEvent e) {
        events.incrementAndGet();
        LearningOptions o = options;
        List<LearningExperience> xs;
        synchronized (ingestLock) {
            expirePending(o);
            String rid = e.requestId();
            if (SessionEventTypes.AGENT_ROUTED.equals(e.type()) && !rid.isEmpty()) {
                pendingRouted.remove(rid);
                pendingRouted.put(rid, e);
                while (pendingRouted.size() > o.maxPendingRouted()) {
                    Iterator<String> it = pendingRouted.keySet().iterator();
                    it.next();
                    it.remove();
                    droppedPending.incrementAndGet();
                }
                return;
            }
            boolean end = SessionEventTypes.REQUEST_COMPLETED.equals(e.type())
                    || SessionEventTypes.REQUEST_FAILED.equals(e.type());
            SessionEvent routed = end && !rid.isEmpty() ? pendingRouted.remove(rid) : null;
            xs = ExperienceCollector.collect(routed == null ? List.of() : List.of(routed), List.of(e)).experiences();
            for (LearningExperience x : xs) {
                if (x.requestId().isEmpty()) {
                    continue;
                }
                if (x.kind() == ExperienceKind.ROUTING) {
                    providerOfRequest.put(x.requestId(), x.provider());
                } else if (x.kind() == ExperienceKind.REQUEST) {
                    providerOfRequest.putIfAbsent(x.requestId(), x.provider());
                }
            }
        }
        for (LearningExperience x : xs) {
            if (x.kind() == ExperienceKind.FEEDBACK) {
                x = feedbackExperience(x, o);
                if (x == null) {
                    continue;
                }
            }
            append(x);
        }
    }

    /** Drops routing decisions that waited too long for their outcome. Under ingestLock. */
    private void expirePending(LearningOptions o) {
        if (pendingRouted.isEmpty()) {
            return;
        }
        Instant oldest = clock.instant().minus(o.pendingRoutedMaxAge());
        Iterator<SessionEvent> it = pendingRouted.values().iterator();
        while (it.hasNext()) {
            SessionEvent e = it.next();
            if (!e.time().isBefore(oldest)) {
                break; // insertion order is arrival order
            }
            it.remove();
            droppedPending.incrementAndGet();
        }
    }

    /** A feedback event's experience with its provider resolved and its comment dropped unless raw values are kept. */
    private LearningExperience feedbackExperience(LearningExperience x, LearningOptions o) {
        String provider = x.provider();
        if (provider.isEmpty() && !x.requestId().isEmpty()) {
            provider = providerOf(x.requestId(), o).orElse("");
        }
        if (provider.isEmpty()) {
            return null; // nothing to attribute it to
        }
        Object comment = x.inputFeatures().get(dev.autonomy.learning.core.InputFeatures.COMMENT);
        return LearningExperience.feedback(x.time(), x.sessionId(), x.requestId(), provider, x.rating(),
                o.keepRawValues() && comment instanceof String ? (String) comment : null);
    }

    private java.util.concurrent.CompletableFuture<Long> append(LearningExperience x) {
        java.util.concurrent.CompletableFuture<Long> f = store.append(x);
        f.whenComplete((seq, err) -> {
            if (err == null) {
                experiences.incrementAndGet();
                return;
            }
            appendFailures.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastAppendErrorLog > TimeUnit.MINUTES.toNanos(1)) {
                lastAppendErrorLog = now;
                LOG.warn("Learning: an experience could not be stored ({} so far): {}", appendFailures.get(),
                        err.toString());
            }
        });
        return f;
    }

    /** The provider a request is about: its routed agent, else its tool; from memory, else from the store. */
    Optional<String> providerOf(String requestId, LearningOptions o) {
        synchronized (ingestLock) {
            String p = providerOfRequest.get(requestId);
            if (p != null) {
                return Optional.of(p);
            }
        }
        String[] found = new String[1];
        store.forEach(clock.instant().minus(o.analysisWindow()), x -> {
            if (requestId.equals(x.requestId())) {
                if (x.kind() == ExperienceKind.ROUTING) {
                    found[0] = x.provider();
                } else if (x.kind() == ExperienceKind.REQUEST && found[0] == null) {
                    found[0] = x.provider();
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    // ------------------------------------------------------------------ feedback, forget

    /**
     * A person's rating of a request (by the id from a result's {@code _meta}) or of a provider; acknowledged once
     * stored durably. A rating of a routed request counts for the agent that served it.
     *
     * @throws IllegalArgumentException with a message for the person, when the input is wrong or the request unknown
     */
    public Map<String, Object> feedback(String sessionId, String requestId, String provider, int rating,
                                        String comment) {
        LearningOptions o = options;
        String rid = requestId == null ? "" : requestId.strip();
        String p = provider == null ? "" : provider.strip();
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be 1..5 (1 = bad, 3 = neutral, 5 = good), was " + rating);
        }
        if (rid.isEmpty() && p.isEmpty()) {
            throw new IllegalArgumentException("give the requestId of a result (its _meta \"dev.autonomy/requestId\")"
                    + " or a provider (tool:<name> or agent:<id>)");
        }
        if (!p.isEmpty() && !(Providers.isTool(p) || Providers.isAgent(p)) || p.length() > 200) {
            throw new IllegalArgumentException("provider must be tool:<name> or agent:<id>, was '"
                    + (p.length() > 60 ? p.substring(0, 60) + "…" : p) + "'");
        }
        if (p.isEmpty()) {
            p = providerOf(rid, o).orElseThrow(() -> new IllegalArgumentException("no request " + rid
                    + " is known to learning (too old, forgotten, or not a tool call); rate a provider instead"));
        }
        LearningExperience x = LearningExperience.feedback(clock.instant(), sessionId, rid, p, rating,
                o.keepRawValues() ? comment : null);
        long seq;
        try {
            seq = append(x).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the feedback");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the feedback could not be stored");
        }
        feedbacks.incrementAndGet();
        Map<String, Object> m = new LinkedHashMap<>();
        if (!rid.isEmpty()) {
            m.put("requestId", rid);
        }
        m.put("provider", p);
        m.put("rating", rating);
        m.put("commentKept", o.keepRawValues() && comment != null && !comment.isBlank());
        m.put("sequence", seq);
        return m;
    }

    /** Deletes every experience of a session; returns how many. Patterns drop them at the next cycle. */
    public long forget(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("give a session id");
        }
        synchronized (ingestLock) {
            pendingRouted.values().removeIf(e -> sessionId.equals(e.sessionId()));
        }
        long n = store.forgetSession(sessionId);
        LOG.info("Learning forgot session {}: {} experiences deleted", sessionId, n);
        return n;
    }

    // ------------------------------------------------------------------ requests: plugin and context

    /** Routing advice for an {@code agent_route} request: none while halted and none for the experiment's holdout. */
    public Optional<Enhancement> advice(McpRequest request) {
        if (halted || !ROUTE_TOOL.equals(request.toolName())) {
            return Optional.empty();
        }
        Object capability = request.arguments().get("capability");
        if (!(capability instanceof String)) {
            return Optional.empty();
        }
        RoutingPolicy p = published.routing().get(capability);
        if (p == null) {
            return Optional.empty();
        }
        Optional<RoutingAdvice> advice = RoutingAdvisor.advice(p.adaptation(), p.weights(), request.requestId());
        return advice.map(a -> new Enhancement(PLUGIN, Map.of("adaptation", p.adaptation().id()), Optional.of(a)));
    }

    /** The context extension for a request: precomputed; the holdout of a context experiment gets the old one. */
    public Map<String, Object> context(McpRequest request) {
        return published.context(request.requestId());
    }

    // ------------------------------------------------------------------ the cycle

    private void cycleQuietly() {
        if (closing) {
            return;
        }
        try {
            runCycle();
            lastCycleError = "";
        } catch (Stopping e) {
            // the component is being deactivated
        } catch (RuntimeException | LinkageError e) {
            cycleFailures.incrementAndGet();
            String msg = e.toString();
            if (!msg.equals(lastCycleError)) {
                LOG.error("Learning cycle failed", e);
            }
            lastCycleError = msg;
        }
    }

    /** One cycle: analysis, validation of running experiments, settling of proposals, new proposals, publication. */
    public void runCycle() {
        synchronized (cycleLock) {
            long t0 = System.nanoTime();
            LearningOptions o = options;
            LearningSettings s = o.learning();
            Instant now = clock.instant();
            List<Adaptation> active = book.all().stream()
                    .filter(a -> a.status() == Adaptation.Status.ACTIVE && a.startedAt() != null).toList();
            Instant windowStart = now.minus(o.analysisWindow());
            Instant from = windowStart;
            for (Adaptation a : active) {
                if (a.startedAt().isBefore(from)) {
                    from = a.startedAt();
                }
            }
            PatternAnalyzer.Accumulator acc = new PatternAnalyzer.Accumulator(s);
            long[][] tally = new long[active.size()][4]; // treatment units, bad; holdout units, bad
            store.forEach(from, x -> {
                if (closing) {
                    throw new Stopping();
                }
                if (!x.time().isBefore(windowStart)) {
                    acc.add(x);
                }
                for (int i = 0; i < tally.length; i++) {
                    Adaptation a = active.get(i);
                    Optional<Boolean> arm = Experiments.arm(a, x);
                    if (arm.isPresent()) {
                        int k = arm.get() ? 2 : 0;
                        tally[i][k]++;
                        tally[i][k + 1] += a.isBad(x) ? 1 : 0;
                    }
                }
            });
            InteractionPatterns patterns = acc.result();
            lastArms.keySet().retainAll(active.stream().map(Adaptation::id).toList());
            ActionableKnowledge knowledge = KnowledgeExtractor.extractActionableKnowledge(patterns, s);
            Optional<AutonomyGovernor> g = env.governor();
            boolean act = !halted && g.isPresent();
            for (int i = 0; i < active.size(); i++) {
                Adaptation a = active.get(i);
                ArmStats treatment = new ArmStats(tally[i][0], tally[i][1]);
                ArmStats holdout = new ArmStats(tally[i][2], tally[i][3]);
                lastArms.put(a.id(), new ArmStats[]{treatment, holdout});
                EffectivenessReport r = EffectivenessValidator.validateLearningEffectiveness(a, treatment, holdout,
                        now, s);
                book.report(a.id(), r.toJson());
                if (act && r.done()) {
                    decide(a, r, g.get());
                }
            }
            if (act) {
                settleProposals(g.get(), now);
            }
            Snapshot previous = snapshot;
            synchronized (publishLock) {
                snapshot = new Snapshot(patterns, knowledge, now, previous.cycles() + 1,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                publishLocked(patterns, knowledge);
            }
            if (act) {
                propose(knowledge, g.get(), now, s);
            }
        }
    }

    /** Keeps or reverts an adaptation whose experiment is over, and tells the governor (the journal) why. */
    private void decide(Adaptation a, EffectivenessReport r, AutonomyGovernor g) {
        Instant now = r.at();
        Map<String, Object> evidence = r.toJson();
        synchronized (reports) {
            reports.addLast(r);
            while (reports.size() > MAX_REPORTS) {
                reports.removeFirst();
            }
        }
        if (r.verdict() == EffectivenessReport.Verdict.KEEP) {
            book.update(a.id(), e -> e.with(e.adaptation().withStatus(Adaptation.Status.KEPT, now))
                    .withNote("kept: " + r.reason()).withReport(evidence));
            report(g, a, true, evidence);
            if (PolicyActions.isPolicy(a)) {
                try {
                    policyActions.keep(a);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Learning: the holdout of kept {} could not be ended: {}", a.id(), e.toString());
                }
            }
            LOG.info("Learning kept {} ({} on {}): {}", a.id(), kindName(a), a.target(), r.reason());
            return;
        }
        report(g, a, false, evidence);
        ExecutionResult res;
        try {
            res = g.rollback(a.id(), "learning: " + r.reason(), SELF);
        } catch (RuntimeException e) {
            res = ExecutionResult.failed("the governor failed: " + e);
        }
        if (!res.success()) {
            LOG.warn("Learning: the governor did not roll back {} ({}); undoing it locally", a.id(), res.message());
            try {
                undo(a, book.get(a.id()).map(AdaptationBook.Entry::effect).orElse(Map.of()));
            } catch (RuntimeException e) {
                LOG.error("Learning: {} could not be undone locally", a.id(), e);
            }
        }
        book.update(a.id(), e -> {
            Adaptation x = e.adaptation().status() == Adaptation.Status.REVERTED ? e.adaptation()
                    : e.adaptation().withStatus(Adaptation.Status.REVERTED, now);
            return e.with(x).withNote("reverted: " + r.reason()).withReport(evidence);
        });
        republish();
        LOG.info("Learning reverted {} ({} on {}): {}", a.id(), kindName(a), a.target(), r.reason());
    }

    private static void report(AutonomyGovernor g, Adaptation a, boolean improved, Map<String, Object> evidence) {
        try {
            g.reportValidation(a.id(), improved, evidence, true);
        } catch (RuntimeException e) {
            LOG.warn("Learning: the governor took no validation of {}: {}", a.id(), e.getMessage());
        }
    }

    /**
     * Proposals the governor no longer holds (rejected by the operator, expired) are rejected here too; one it holds
     * as applied while learning still has it as proposed (the process stopped between the two records) is active.
     */
    private void settleProposals(AutonomyGovernor g, Instant now) {
        List<Adaptation> proposed = book.all().stream().filter(a -> a.status() == Adaptation.Status.PROPOSED)
                .toList();
        if (proposed.isEmpty()) {
            return;
        }
        java.util.Set<String> queued;
        try {
            queued = new java.util.HashSet<>();
            g.pending().forEach(p -> queued.add(p.id()));
        } catch (RuntimeException e) {
            return;
        }
        for (Adaptation a : proposed) {
            boolean known;
            try {
                known = g.proposal(a.id()).isPresent();
            } catch (RuntimeException e) {
                continue;
            }
            if (!known) {
                book.update(a.id(), e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e
                        : e.with(e.adaptation().withStatus(Adaptation.Status.REJECTED, now))
                        .withNote("not approved: the proposal was rejected or expired"));
            } else if (!queued.contains(a.id())) {
                book.update(a.id(), e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e
                        : e.with(e.adaptation().withStatus(Adaptation.Status.ACTIVE, now))
                        .withNote("active: applied by the governor"));
            }
        }
    }

    /** New adaptations from the knowledge, each a proposal to the governor. */
    private void propose(ActionableKnowledge knowledge, AutonomyGovernor g, Instant now, LearningSettings s) {
        if (knowledge.all().isEmpty()) {
            return;
        }
        SystemFacts facts = facts();
        List<Adaptation> fresh = BehaviorAdapter.adaptSystemBehavior(knowledge, book.all(), facts, now, s);
        for (Adaptation a : fresh) {
            if (halted) {
                return;
            }
            book.put(a, "proposed");
            proposals.incrementAndGet();
            Decision d;
            try {
                d = g.submit(a.toProposedAction());
            } catch (RuntimeException e) {
                LOG.warn("Learning: the governor failed on proposal {}", a.id(), e);
                reject(a.id(), "the governor failed on it", now);
                continue;
            }
            switch (d.outcome()) {
                case QUEUED -> book.update(a.id(), e -> e.withNote("waiting for approval (autonomy:approve "
                        + a.id() + "): " + d.reason()));
                case REJECTED -> reject(a.id(), "rejected: " + d.reason(), now);
                case APPROVED -> {
                    if (d.applied()) {
                        book.update(a.id(), e -> e.withNote("approved: " + d.reason()));
                    } else {
                        reject(a.id(), "applying failed: " + d.execution().map(ExecutionResult::message)
                                .orElse("no result"), now);
                    }
                }
                default -> throw new AssertionError(d.outcome());
            }
            LOG.info("Learning proposed {} ({} on {}): {} ({})", a.id(), kindName(a), a.target(), d.outcome(),
                    d.reason());
        }
    }

    private void reject(String id, String note, Instant now) {
        book.update(id, e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e.withNote(note)
                : e.with(e.adaptation().withStatus(Adaptation.Status.REJECTED, now)).withNote(note));
    }

    /** Tools with their annotations and policies, agents by capability. */
    SystemFacts facts() {
        Map<String, ToolAnnotations> tools = env.tools();
        List<Map<String, ?>> operator;
        List<Map<String, ?>> overrides;
        try {
            operator = policies.operatorPolicies();
            overrides = policies.overrides();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Learning: tool policies could not be read: {}", e.toString());
            operator = List.of();
            overrides = List.of();
        }
        long timeout = policies.defaultTimeoutMs();
        Map<String, SystemFacts.ToolFacts> out = new HashMap<>();
        for (Map.Entry<String, ToolAnnotations> t : tools.entrySet()) {
            out.put(t.getKey(), ToolPolicyFacts.of(t.getKey(), t.getValue(), operator, overrides, timeout));
        }
        return new SystemFacts(out, env.agentsByCapability());
    }

    // ------------------------------------------------------------------ publication

    private void republish() {
        synchronized (publishLock) {
            Snapshot s = snapshot;
            publishLocked(s.patterns(), s.knowledge());
        }
    }

    /** Recomputes routing weights and the context extension. Under publishLock. */
    private void publishLocked(InteractionPatterns patterns, ActionableKnowledge knowledge) {
        LearningOptions o = options;
        Map<String, RoutingPolicy> routing = new HashMap<>();
        Adaptation contextExperiment = null;
        List<Object> activePreferences = new ArrayList<>();
        List<Adaptation> all = book.all();
        for (Adaptation a : all) {
            boolean inForce = a.status() == Adaptation.Status.ACTIVE || a.status() == Adaptation.Status.KEPT;
            if (!inForce) {
                continue;
            }
            if (a.kind() == Adaptation.Kind.ROUTING) {
                Map<String, Double> w = RoutingAdvisor.weights(a, patterns, o.learning(), random);
                routing.put(Providers.name(a.target()), new RoutingPolicy(a, w));
            } else if (a.kind() == Adaptation.Kind.CONTEXT && a.status() == Adaptation.Status.ACTIVE) {
                contextExperiment = a;
                if (a.payload().get("preferences") instanceof List) {
                    activePreferences.addAll((List<?>) a.payload().get("preferences"));
                }
            }
        }
        List<EffectivenessReport> recent;
        synchronized (reports) {
            recent = List.copyOf(reports);
        }
        Map<String, Object> holdout = new LinkedHashMap<>(LearningContext.extension(patterns, knowledge, all, recent,
                o.contextItems()));
        Map<String, Object> treatment = new LinkedHashMap<>(holdout);
        if (!activePreferences.isEmpty()) {
            List<Object> prefs = new ArrayList<>((List<?>) holdout.getOrDefault("preferences", List.of()));
            prefs.addAll(activePreferences);
            treatment.put("preferences", prefs);
        }
        if (halted) {
            holdout.put("preferences", List.of());
            treatment.put("preferences", List.of());
            holdout.put("halted", true);
            treatment.put("halted", true);
        }
        published = new Published(Map.copyOf(routing),
                dev.autonomy.foundation.api.value.JsonValues.immutableObject(treatment),
                dev.autonomy.foundation.api.value.JsonValues.immutableObject(holdout), contextExperiment);
    }

    // ------------------------------------------------------------------ the executor

    /**
     * Applies an approved adaptation, from the proposal alone when need be (approved after a restart): routing and
     * context adaptations start serving; tool policy adaptations write autonomy's override of the tool, with the
     * holdout. The effect is the rollback recipe.
     */
    public ExecutionResult apply(ProposedAction action) throws IOException {
        Adaptation a;
        try {
            a = book.get(action.id()).map(AdaptationBook.Entry::adaptation)
                    .orElse(Adaptation.fromProposedAction(action));
            if (!a.kind().actionKind().equals(action.kind()) || !a.target().equals(action.target())) {
                return ExecutionResult.failed("the proposal does not match adaptation " + a.id());
            }
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed("payload rejected: " + e.getMessage());
        }
        if (a.status() == Adaptation.Status.KEPT || a.status() == Adaptation.Status.REVERTED) {
            // (a REJECTED one may still be approved: learning marks a proposal rejected when the governor no longer
            // lists it, which is also the case for a moment while a person's approval is being carried out)
            return ExecutionResult.failed("adaptation " + a.id() + " is " + a.status().name().toLowerCase(Locale.ROOT)
                    + " already");
        }
        Map<String, Object> effect;
        String message;
        if (PolicyActions.isPolicy(a)) {
            PolicyActions.Applied applied;
            try {
                applied = policyActions.apply(a);
            } catch (IllegalArgumentException e) {
                return ExecutionResult.failed("payload rejected: " + e.getMessage());
            }
            effect = applied.effect();
            message = applied.message();
        } else {
            effect = Map.of("adaptation", a.id(), "kind", kindName(a), "target", a.target());
            message = a.kind() == Adaptation.Kind.ROUTING
                    ? "routing advice for " + Providers.name(a.target()) + " by Thompson sampling, for all but "
                    + Math.round(100 * a.holdoutShare()) + " % of the requests (the holdout)"
                    : "learned preferences in " + EXTENSION + " for all but " + Math.round(100 * a.holdoutShare())
                    + " % of the requests (the holdout)";
        }
        Instant now = clock.instant();
        Adaptation started = a.withStatus(Adaptation.Status.ACTIVE, now);
        if (book.get(a.id()).isEmpty()) {
            book.put(started, "approved");
        }
        book.update(a.id(), e -> e.with(started).withEffect(effect).withNote("active: " + message));
        republish();
        LOG.info("Learning applied {}: {}", a.id(), message);
        return ExecutionResult.ok(message, effect);
    }

    /** Undoes an applied adaptation (the governor calls this, on learning's verdict or a person's command). */
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        Adaptation a = book.get(action.id()).map(AdaptationBook.Entry::adaptation).orElse(null);
        if (a == null) {
            try {
                a = Adaptation.fromProposedAction(action);
            } catch (IllegalArgumentException e) {
                return ExecutionResult.failed("cannot roll back " + action.id() + ": " + e.getMessage());
            }
        }
        String message;
        try {
            message = undo(a, applied.effect());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed("cannot roll back " + action.id() + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        final String m = message;
        if (book.get(a.id()).isEmpty()) {
            book.put(a, "");
        }
        book.update(a.id(), e -> e.with(e.adaptation().status() == Adaptation.Status.REVERTED ? e.adaptation()
                : e.adaptation().withStatus(Adaptation.Status.REVERTED, now)).withNote("reverted: " + m));
        republish();
        LOG.info("Learning rolled back {}: {}", a.id(), message);
        return ExecutionResult.ok(message, Map.of("adaptation", a.id()));
    }

    /** Undoes what applying did; returns what was done. */
    private String undo(Adaptation a, Map<String, Object> effect) {
        if (!PolicyActions.isPolicy(a)) {
            return a.kind() == Adaptation.Kind.ROUTING ? "routing advice for " + Providers.name(a.target())
                    + " withdrawn" : "learned preferences withdrawn from " + EXTENSION;
        }
        try {
            return policyActions.undo(a, effect);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String kindName(Adaptation a) {
        return a.kind().name().toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ views and commands

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The adaptations, newest first, with their notes, last reports and current arms. */
    public List<Map<String, Object>> adaptations() {
        List<AdaptationBook.Entry> entries = new ArrayList<>(book.entries());
        java.util.Collections.reverse(entries);
        List<Map<String, Object>> out = new ArrayList<>();
        for (AdaptationBook.Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>(e.adaptation().toJson());
            m.put("note", e.note());
            if (!e.report().isEmpty()) {
                m.put("report", e.report());
            }
            out.add(m);
        }
        return out;
    }

    /** The full id of an adaptation, by id or unique beginning. */
    public String resolveId(String idOrPrefix) {
        List<String> ids = book.all().stream().map(Adaptation::id).toList();
        if (ids.contains(idOrPrefix)) {
            return idOrPrefix;
        }
        List<String> matching = ids.stream().filter(i -> i.startsWith(idOrPrefix)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        throw new IllegalArgumentException(matching.isEmpty() ? "no adaptation '" + idOrPrefix
                + "'; learn:adaptations lists them" : "'" + idOrPrefix + "' matches " + matching.size()
                + " adaptations: " + matching);
    }

    /** Reverts an adaptation by hand, through the governor (journaled as the actor's rollback). */
    public ExecutionResult revert(String id, Actor actor) {
        Adaptation a = book.get(id).map(AdaptationBook.Entry::adaptation)
                .orElseThrow(() -> new IllegalArgumentException("no adaptation " + id));
        if (a.status() == Adaptation.Status.PROPOSED) {
            return ExecutionResult.failed(id + " was not applied; it waits for approval: reject it with "
                    + "autonomy:reject " + id);
        }
        if (a.status().isDropped()) {
            return ExecutionResult.failed(id + " is " + a.status().name().toLowerCase(Locale.ROOT) + " already");
        }
        Optional<AutonomyGovernor> g = env.governor();
        if (g.isEmpty()) {
            return ExecutionResult.failed("no governor is running (autonomy-control-bundle): nothing is changed "
                    + "without it");
        }
        Map<String, Object> evidence = new LinkedHashMap<>(book.get(id).map(AdaptationBook.Entry::report)
                .orElse(Map.of()));
        evidence.put("revertedBy", actor.toString());
        if (a.status() == Adaptation.Status.ACTIVE) {
            report(g.get(), a, false, evidence);
        }
        return g.get().rollback(id, "reverted by hand (learn:revert)", actor);
    }

    /** Off-policy estimates of the current routing policies against uniform routing. */
    public List<RoutingEvaluation.Row> evaluate() {
        Map<String, Map<String, Double>> learned = new HashMap<>();
        published.routing().forEach((c, p) -> learned.put(c, p.weights()));
        return RoutingEvaluation.evaluate(snapshot.patterns(), learned, options.learning().z());
    }

    /** The arms of a running experiment at the last cycle: treatment, holdout. */
    Optional<ArmStats[]> arms(String id) {
        return Optional.ofNullable(lastArms.get(id));
    }

    Duration cycle() {
        return options.cycle();
    }
}
