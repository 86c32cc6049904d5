package dev.autonomy.learning.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
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
import dev.autonomy.learning.core.InputFeatures;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.Knowledge;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * Most request ids remembered with their provider and session, for feedback on recent requests: feedback names
     * a request from memory only (no store scan on the request path); after a restart the first cycle fills the
     * memory from the store.
     */
    static final int RECENT_REQUESTS = 10_000;
    /** Most ratings one session may give in a minute. */
    public static final int MAX_RATINGS_PER_MINUTE = 30;
    /** Sessions whose recent ratings are counted (the least recently rating ones are forgotten first). */
    static final int RATING_SESSIONS = 10_000;
    /** How long a rating may wait for room in the store's queue, and for its commit, at most. */
    static final Duration FEEDBACK_QUEUE_WAIT = Duration.ofSeconds(2);
    static final Duration FEEDBACK_DEADLINE = Duration.ofSeconds(5);
    /** How long learning's own proposal may wait for a person's approval before learning drops it. */
    static final Duration PROPOSAL_TTL = Duration.ofHours(24);
    /** The per-installation secret of the keyed hashes (capability gaps without raw values), in the data folder. */
    static final String SECRET_FILE = "secret.key";
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

    /** A recent request: the provider a rating of it is about (its routed agent, else its tool) and its session. */
    record Recent(String provider, String sessionId) {
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
    private final byte[] secret;
    private final ErrorRefs errors = new ErrorRefs();
    private volatile LearningOptions options;
    private volatile boolean halted;
    private volatile Published published;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile String lastCycleError = "";
    private volatile boolean closing;

    // ingestion, guarded by ingestLock
    private final Object ingestLock = new Object();
    private final LinkedHashMap<String, SessionEvent> pendingRouted = new LinkedHashMap<>();
    private final LinkedHashMap<String, Recent> recent = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
            return size() > RECENT_REQUESTS;
        }
    };
    /** Whether the recent requests were filled from the store since the start (by the first cycle). */
    private volatile boolean recentWarm;
    /** Sessions forgotten before the recent requests were filled from the store (kept out of them). */
    private final Set<String> forgottenBeforeWarm = ConcurrentHashMap.newKeySet();

    // feedback, guarded by itself: each session's rating times (ms), for the rate limit
    private final LinkedHashMap<String, ArrayDeque<Long>> ratingsBySession = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
            return size() > RATING_SESSIONS;
        }
    };
    /** Providers learning saw at its last cycle (tool:, agent:), for checking rated providers. */
    private volatile Set<String> seenProviders = Set.of();
    /** Providers rated in forgotten sessions: their learned preferences are re-checked at the next cycle. */
    private final Set<String> preferencesToRecheck = ConcurrentHashMap.newKeySet();

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
            this.secret = secret(dir);
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

    /** The installation's secret for keyed hashes: read, or made (32 random bytes, readable by the owner only). */
    static byte[] secret(Path dir) throws IOException {
        Path file = dir.resolve(SECRET_FILE);
        if (Files.exists(file)) {
            byte[] b = Files.readAllBytes(file);
            if (b.length >= 16) {
                return b;
            }
        }
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        Path tmp = dir.resolve(SECRET_FILE + ".tmp");
        Files.write(tmp, b);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own protection applies
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return b;
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
        LOG.info("Learning halted: it observes, proposes and keeps nothing and gives no routing advice until "
                + "autonomy resumes; experiments due to be reverted are still reverted");
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

    /**
     * Everything {@code learn_status} and {@code learn:status} show. Errors appear as a short class name and a
     * reference ({@code IOException (ref 1a2b3c4d)}), never as an exception's text or a path: the detail is in the
     * log under the same reference.
     */
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
            storeMap.put("lastError", errors.brief("the experience store failed", null, st.lastError()));
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
            m.put("adaptationsError", errors.brief("the adaptations", book.lastErrorClass(), book.lastError()));
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
                remember(x);
            }
        }
        for (LearningExperience x : xs) {
            if (x.kind() == ExperienceKind.CAPABILITY_GAP && !o.keepRawValues()) {
                x = anonymousGap(x);
            }
            if (x.kind() == ExperienceKind.FEEDBACK) {
                x = feedbackExperience(x, o);
                if (x == null) {
                    continue;
                }
            }
            append(x);
        }
    }

    /** Remembers a request's provider and session (the routed agent over the tool). Under ingestLock. */
    private void remember(LearningExperience x) {
        if (x.requestId().isEmpty()) {
            return;
        }
        if (x.kind() == ExperienceKind.ROUTING) {
            recent.put(x.requestId(), new Recent(x.provider(), x.sessionId()));
        } else if (x.kind() == ExperienceKind.REQUEST) {
            recent.putIfAbsent(x.requestId(), new Recent(x.provider(), x.sessionId()));
        }
    }

    /**
     * A capability gap without raw values: the capability's name as a keyed hash ({@code #} and 16 hex digits, so
     * that repeated gaps of one capability still group, while the name cannot be read back), and of the input only
     * how many fields it had and of which JSON types — no field names.
     */
    LearningExperience anonymousGap(LearningExperience x) {
        String hashed = x.capability().isEmpty() ? "" : "#" + InputFeatures.keyedHash(secret, x.capability());
        Map<String, Object> features = new LinkedHashMap<>();
        Object shape = x.inputFeatures().get(InputFeatures.SHAPE);
        if (shape instanceof Map) {
            features.putAll(InputFeatures.anonymousShape((Map<?, ?>) shape));
        }
        return new LearningExperience(x.sequence(), x.time(), x.sessionId(), x.requestId(), x.kind(),
                Providers.capability(hashed), hashed, x.outcome(), x.errorClass(), x.latencyMicros(), x.inputBytes(),
                x.inputFingerprint(), features, x.rating(), x.propensity(), x.candidates());
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
            provider = recentRequest(x.requestId()).map(Recent::provider).orElse("");
        }
        if (provider.isEmpty()) {
            return null; // nothing to attribute it to
        }
        Object comment = x.inputFeatures().get(dev.autonomy.learning.core.InputFeatures.COMMENT);
        return LearningExperience.feedback(x.time(), x.sessionId(), x.requestId(), provider, x.rating(),
                o.keepRawValues() && comment instanceof String ? (String) comment : null);
    }

    private CompletableFuture<Long> append(LearningExperience x) {
        return counted(store.append(x));
    }

    /** Counts an append's outcome (and logs failures at most once a minute). */
    private CompletableFuture<Long> counted(CompletableFuture<Long> f) {
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

    /** A recent request, from memory only (never a store scan: this runs on a person's request). */
    Optional<Recent> recentRequest(String requestId) {
        synchronized (ingestLock) {
            return Optional.ofNullable(recent.get(requestId));
        }
    }

    // ------------------------------------------------------------------ feedback, forget

    /**
     * A person's rating of a request (by the id from a result's {@code _meta}) or of a provider; acknowledged once
     * stored durably. A rating of a routed request counts for the agent that served it.
     *
     * <ul>
     *   <li>A request is found in memory only (the {@value #RECENT_REQUESTS} most recent), and only among the
     *       requests of the caller's own session: nobody rates, or learns the provider of, another session's
     *       request.</li>
     *   <li>A provider must name a tool or an agent that runs, or one learning has seen.</li>
     *   <li>A session gives at most {@value #MAX_RATINGS_PER_MINUTE} ratings a minute.</li>
     *   <li>The call never waits long for the store: when its queue stays full, or the commit does not come within
     *       {@code FEEDBACK_DEADLINE}, the answer says that learning is busy.</li>
     * </ul>
     *
     * @param sessionId the caller's session ({@code call.context().request().sessionId()})
     * @throws IllegalArgumentException with a message for the person, when the input is wrong or the request unknown
     * @throws IllegalStateException    with a message for the person, when learning is busy or the session rates
     *                                  too often
     */
    public Map<String, Object> feedback(String sessionId, String requestId, String provider, int rating,
                                        String comment) {
        LearningOptions o = options;
        String session = sessionId == null ? "" : sessionId;
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
        if (!rid.isEmpty()) {
            Optional<Recent> r = recentRequest(rid).filter(x -> x.sessionId().equals(session));
            if (r.isEmpty()) {
                throw new IllegalArgumentException("no request " + (rid.length() > 60 ? rid.substring(0, 60) + "…"
                        : rid) + " is known to learning in this session (too old, forgotten, made in another "
                        + "session, or not a tool call); rate a provider instead");
            }
            if (p.isEmpty()) {
                p = r.get().provider();
            }
        }
        if (!p.isEmpty() && !knownProvider(p)) {
            throw new IllegalArgumentException("no provider '" + p + "' is known: name a tool or an agent that runs, "
                    + "or one learning has seen");
        }
        admitRating(session);
        LearningExperience x = LearningExperience.feedback(clock.instant(), sessionId, rid, p, rating,
                o.keepRawValues() ? comment : null);
        long seq;
        try {
            seq = counted(store.append(x, FEEDBACK_QUEUE_WAIT)).get(FEEDBACK_DEADLINE.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the rating");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExperienceStore.Busy) {
                throw new IllegalStateException("learning is busy: the rating was not recorded; try again in a "
                        + "moment");
            }
            throw new IllegalStateException("the rating could not be stored");
        } catch (TimeoutException e) {
            throw new IllegalStateException("learning is busy: the rating is queued but not stored yet (it is "
                    + "recorded unless the server stops first); no need to send it again");
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

    /** Whether a provider names a live tool, a live agent, or one learning has seen. */
    boolean knownProvider(String provider) {
        String name = Providers.name(provider);
        if (Providers.isTool(provider) && env.tools().containsKey(name)) {
            return true;
        }
        if (Providers.isAgent(provider)) {
            for (List<String> ids : env.agentsByCapability().values()) {
                if (ids.contains(name)) {
                    return true;
                }
            }
        }
        if (seenProviders.contains(provider)) {
            return true;
        }
        synchronized (ingestLock) {
            for (Recent r : recent.values()) {
                if (r.provider().equals(provider)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Counts a rating of a session against its limit per minute; throws when the session is over it. */
    private void admitRating(String session) {
        long now = clock.millis();
        synchronized (ratingsBySession) {
            ArrayDeque<Long> times = ratingsBySession.computeIfAbsent(session, k -> new ArrayDeque<>());
            while (!times.isEmpty() && times.peekFirst() <= now - 60_000) {
                times.removeFirst();
            }
            if (times.size() >= MAX_RATINGS_PER_MINUTE) {
                throw new IllegalStateException("too many ratings from this session: at most "
                        + MAX_RATINGS_PER_MINUTE + " a minute; try again in a minute");
            }
            times.addLast(now);
        }
    }

    /**
     * Deletes every experience of a session and what learning holds of it in memory (its recent requests, routing
     * decisions waiting for their outcome, its rating count); returns how many experiences. Patterns drop them at
     * the next cycle, and learned preferences its ratings supported are re-checked then against the ratings left
     * (withdrawn when they no longer hold).
     *
     * <p>The governor's audit journal is append-only and is not changed: it keeps what learning proposed and what
     * was decided — provider names, counts, mean ratings and the evidence of experiments — but no session or
     * request ids, so nothing in it points back to the forgotten session.
     */
    public long forget(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("give a session id");
        }
        synchronized (ingestLock) {
            if (!recentWarm) {
                forgottenBeforeWarm.add(sessionId);
            }
            pendingRouted.values().removeIf(e -> sessionId.equals(e.sessionId()));
            recent.values().removeIf(r -> sessionId.equals(r.sessionId()));
        }
        synchronized (ratingsBySession) {
            ratingsBySession.remove(sessionId);
        }
        Set<String> rated = new HashSet<>();
        long n = store.forgetSession(sessionId, x -> {
            if (x.kind() == ExperienceKind.FEEDBACK && !x.provider().isEmpty()) {
                rated.add(x.provider());
            }
        });
        preferencesToRecheck.addAll(rated);
        LOG.info("Learning forgot session {}: {} experiences deleted", sessionId, n);
        return n;
    }

    // ------------------------------------------------------------------ requests: plugin and context

    /**
     * Routing advice for an {@code agent_route} request: none while halted, none without a governor (nothing learned
     * is served without one), and none for the experiment's holdout.
     */
    public Optional<Enhancement> advice(McpRequest request) {
        if (halted || !ROUTE_TOOL.equals(request.toolName()) || env.governor().isEmpty()) {
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

    /** A scheduled cycle: a failure is counted and shown briefly in the status, with its detail in the log. */
    void cycleQuietly() {
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
     * new proposals, publication.
     */
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
            LinkedHashMap<String, Recent> warmed = recentWarm ? null : new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
                    return size() > RECENT_REQUESTS;
                }
            };
            store.forEach(from, x -> {
                if (closing) {
                    throw new Stopping();
                }
                if (!x.time().isBefore(windowStart)) {
                    acc.add(x);
                    if (warmed != null && !x.requestId().isEmpty()) {
                        warm(warmed, x);
                    }
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
            if (warmed != null) {
                synchronized (ingestLock) { // (forget removes under the same lock: nothing forgotten comes back)
                    warmed.values().removeIf(r -> forgottenBeforeWarm.contains(r.sessionId()));
                    LinkedHashMap<String, Recent> merged = new LinkedHashMap<>(warmed);
                    merged.putAll(recent); // what arrived meanwhile is newer
                    recent.clear();
                    recent.putAll(merged);
                    recentWarm = true;
                    forgottenBeforeWarm.clear();
                }
            }
            InteractionPatterns patterns = acc.result();
            seenProviders = providersOf(patterns);
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
                if (r.done()) {
                    decide(a, r, g, s);
                }
            }
            expireProposals(now);
            if (g.isPresent()) {
                settleProposals(g.get(), now);
            }
            if (act) {
                endPendingHoldouts();
            }
            recheckPreferences(knowledge);
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

    /** Adds a stored request to the recent ones being filled from the store (newest last, the routed agent first). */
    private static void warm(LinkedHashMap<String, Recent> warmed, LearningExperience x) {
        if (x.kind() == ExperienceKind.ROUTING) {
            warmed.remove(x.requestId());
            warmed.put(x.requestId(), new Recent(x.provider(), x.sessionId()));
        } else if (x.kind() == ExperienceKind.REQUEST && !warmed.containsKey(x.requestId())) {
            warmed.put(x.requestId(), new Recent(x.provider(), x.sessionId()));
        }
    }

    /** The tools and agents the patterns name. */
    private static Set<String> providersOf(InteractionPatterns p) {
        Set<String> out = new HashSet<>();
        p.performanceTrends().forEach(t -> out.add(t.provider()));
        p.userPreferences().forEach(u -> out.add(u.provider()));
        for (InteractionPatterns.RoutingPattern r : p.routing()) {
            r.arms().forEach(a -> out.add(Providers.agent(a.agent())));
        }
        out.removeIf(x -> !(Providers.isTool(x) || Providers.isAgent(x)));
        return Set.copyOf(out);
    }

    /**
     * Carries out the verdict of an experiment that is over.
     * <ul>
     *   <li>KEEP, with a governor and not halted: kept, reported as a validation with gain, the holdout ended (again
     *       at later cycles if that fails). Halted or without a governor, a KEEP waits — but not beyond
     *       {@code maxExperimentDuration}: then the adaptation is reverted, so that no experiment keeps a holdout
     *       for ever.</li>
     *   <li>REVERT, worse with confidence: reported to the governor as a validation without gain (once), and rolled
     *       back through it.</li>
     *   <li>REVERT, inconclusive (not shown better within the limits, often for mere lack of traffic): rolled back
     *       through the governor — audited, with the evidence in the rollback's effect — but <em>not</em> reported
     *       as a validation without gain, which would count towards the governor's no-gain pause of learning.</li>
     *   <li>Without a governor, a REVERT is carried out locally (going back needs no permission).</li>
     *   <li>When the governor refuses the rollback (another proposal holds the target now: undoing would overwrite
     *       that change), nothing is undone locally; it is tried again at the next cycle. Only when the governor has
     *       no record of the proposal at all is it undone locally.</li>
     * </ul>
     */
    private void decide(Adaptation a, EffectivenessReport r, Optional<AutonomyGovernor> g, LearningSettings s) {
        if (r.verdict() == EffectivenessReport.Verdict.KEEP) {
            if (g.isPresent() && !halted) {
                keep(a, r, g.get());
                return;
            }
            String why = g.isPresent() ? "autonomy is halted" : "no governor runs";
            Duration elapsed = Duration.between(a.startedAt(), r.at());
            if (elapsed.compareTo(s.maxExperimentDuration()) < 0) {
                // (the figures are in the report; a note that stays the same is not rewritten every cycle)
                noteIfNew(a.id(), "better with confidence; kept once " + (g.isPresent() ? "autonomy resumes"
                        : "a governor runs") + " (" + why + "), unless its time is up first");
                return;
            }
            revert(a, r, g, "better with confidence, but not kept within " + s.maxExperimentDuration().toSeconds()
                    + " s (" + why + "): " + r.reason(), false);
            return;
        }
        revert(a, r, g, r.reason(), r.shownWorse());
    }

    private void keep(Adaptation a, EffectivenessReport r, AutonomyGovernor g) {
        Instant now = r.at();
        Map<String, Object> evidence = r.toJson();
        boolean validated = book.get(a.id()).map(AdaptationBook.Entry::validated).orElse(false);
        if (!validated) {
            report(g, a, true, evidence);
        }
        boolean ended = !PolicyActions.isPolicy(a) || endHoldout(a);
        book.update(a.id(), e -> e.with(e.adaptation().withStatus(Adaptation.Status.KEPT, now))
                .withNote("kept: " + r.reason() + (ended ? "" : " (ending the holdout failed; tried again at the "
                        + "next cycle)")).withReport(evidence).withValidated(true).withHoldoutPending(!ended));
        keepReport(r);
        republish();
        LOG.info("Learning kept {} ({} on {}): {}", a.id(), kindName(a), a.target(), r.reason());
    }

    /** Ends the holdout of a kept policy adaptation in the tool's override; false when that failed. */
    private boolean endHoldout(Adaptation a) {
        try {
            policyActions.keep(a);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Learning: the holdout of kept {} could not be ended (tried again at the next cycle): {}",
                    a.id(), e.toString());
            return false;
        }
    }

    /** Ends the holdouts of kept adaptations where that failed before. */
    private void endPendingHoldouts() {
        for (AdaptationBook.Entry e : book.entries()) {
            if (e.holdoutPending() && e.adaptation().status() == Adaptation.Status.KEPT && endHoldout(e.adaptation())) {
                book.update(e.adaptation().id(), x -> x.withHoldoutPending(false)
                        .withNote(x.note().replace(" (ending the holdout failed; tried again at the next cycle)", "")
                                + "; holdout ended"));
                LOG.info("Learning ended the holdout of kept {}", e.adaptation().id());
            }
        }
    }

    /**
     * Undoes an adaptation on a REVERT verdict: through the governor when there is one (see {@link #decide}),
     * locally without one.
     *
     * @param worse whether the test showed it worse with confidence (only then a validation without gain is
     *              reported)
     */
    private void revert(Adaptation a, EffectivenessReport r, Optional<AutonomyGovernor> g, String reason,
                        boolean worse) {
        if (g.isEmpty()) {
            if (undoLocally(a)) {
                closeReverted(a, r, "reverted locally (no governor runs; going back needs none): " + reason);
            }
            return;
        }
        AutonomyGovernor gov = g.get();
        boolean validated = book.get(a.id()).map(AdaptationBook.Entry::validated).orElse(false);
        if (worse && !validated) {
            report(gov, a, false, r.toJson());
            book.update(a.id(), e -> e.withValidated(true));
        }
        ExecutionResult res;
        try {
            res = gov.rollback(a.id(), "learning: " + reason, SELF);
        } catch (RuntimeException e) {
            LOG.warn("Learning: the governor failed to roll back {}", a.id(), e);
            res = ExecutionResult.failed("the governor failed (" + e.getClass().getSimpleName() + ")");
        }
        if (res.success()) {
            closeReverted(a, r, "reverted: " + reason);
            return;
        }
        boolean known;
        try {
            known = gov.proposal(a.id()).isPresent();
        } catch (RuntimeException e) {
            known = true; // unknown: undoing locally could overwrite another change
        }
        if (!known) {
            LOG.warn("Learning: the governor has no record of {} ({}); undoing it locally", a.id(), res.message());
            if (undoLocally(a)) {
                closeReverted(a, r, "reverted locally (the governor has no record of it): " + reason);
            }
            return;
        }
        if (res.message().contains("already rolled back")) {
            closeReverted(a, r, "reverted (the governor had rolled it back already): " + reason);
            return;
        }
        if (noteIfNew(a.id(), "revert pending: the governor did not roll it back (" + res.message() + "); tried "
                + "again at every cycle")) {
            LOG.warn("Learning: the governor did not roll back {} ({}); nothing is undone locally, it is tried again "
                    + "at the next cycle", a.id(), res.message());
        }
    }

    /** Undoes an adaptation without the governor; false when that failed (tried again at the next cycle). */
    private boolean undoLocally(Adaptation a) {
        try {
            undo(a, book.get(a.id()).map(AdaptationBook.Entry::effect).orElse(Map.of()));
            return true;
        } catch (RuntimeException e) {
            LOG.error("Learning: {} could not be undone locally (tried again at the next cycle)", a.id(), e);
            return false;
        }
    }

    private void closeReverted(Adaptation a, EffectivenessReport r, String note) {
        Instant now = r.at();
        Map<String, Object> evidence = r.toJson();
        book.update(a.id(), e -> {
            Adaptation x = e.adaptation().status() == Adaptation.Status.REVERTED ? e.adaptation()
                    : e.adaptation().withStatus(Adaptation.Status.REVERTED, now);
            return e.with(x).withNote(note).withReport(evidence);
        });
        keepReport(r);
        republish();
        LOG.info("Learning reverted {} ({} on {}): {}", a.id(), kindName(a), a.target(), note);
    }

    /** Sets an adaptation's note unless it says that already (no rewrite of the book every cycle); true if new. */
    private boolean noteIfNew(String id, String note) {
        if (book.get(id).map(e -> e.note().equals(note)).orElse(true)) {
            return false;
        }
        book.update(id, e -> e.withNote(note));
        return true;
    }

    /** Keeps the report of a decided experiment for the context and the tools. */
    private void keepReport(EffectivenessReport r) {
        synchronized (reports) {
            reports.addLast(r);
            while (reports.size() > MAX_REPORTS) {
                reports.removeFirst();
            }
        }
    }

    private static void report(AutonomyGovernor g, Adaptation a, boolean improved, Map<String, Object> evidence) {
        try {
            g.reportValidation(a.id(), improved, evidence, true);
        } catch (RuntimeException e) {
            LOG.warn("Learning: the governor took no validation of {}: {}", a.id(), e.getMessage());
        }
    }

    /**
     * Learning's own proposals that waited longer than {@link #PROPOSAL_TTL} for approval are dropped (rejected,
     * "expired"); an approval that comes later is refused, since the evidence is old. The cooldown applies, then
     * learning proposes again if the evidence still holds.
     */
    private void expireProposals(Instant now) {
        for (Adaptation a : book.all()) {
            if (a.status() == Adaptation.Status.PROPOSED && !a.proposedAt().plus(PROPOSAL_TTL).isAfter(now)) {
                book.update(a.id(), e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e
                        : e.with(e.adaptation().withStatus(Adaptation.Status.REJECTED, now))
                        .withNote(EXPIRED + " not approved within " + PROPOSAL_TTL.toHours() + " h; proposed again "
                                + "if the evidence still holds"));
                LOG.info("Learning: proposal {} expired after {} h without approval", a.id(), PROPOSAL_TTL.toHours());
                env.governor().ifPresent(g -> {
                    try {
                        g.withdraw(a.id(), "not approved within " + PROPOSAL_TTL.toHours() + " h; the evidence is old");
                    } catch (RuntimeException e) {
                        LOG.debug("Learning: could not withdraw {}: {}", a.id(), e.toString());
                    }
                });
            }
        }
    }

    /** The note of an expired proposal begins with this. */
    static final String EXPIRED = "expired:";

    /**
     * Learned preferences that ratings of a forgotten session supported are re-checked against the current
     * knowledge (the ratings left in the analysis window): one that still holds gets the current figures, one that
     * no longer does is withdrawn from the adaptation (and so from the context extension).
     */
    private void recheckPreferences(ActionableKnowledge knowledge) {
        if (preferencesToRecheck.isEmpty()) {
            return;
        }
        Set<String> providers = new HashSet<>(preferencesToRecheck);
        preferencesToRecheck.removeAll(providers);
        Map<String, Knowledge> current = new HashMap<>();
        for (Knowledge k : knowledge.all()) {
            if (k.insight() == Knowledge.Insight.PREFERRED_PROVIDER
                    || k.insight() == Knowledge.Insight.DISLIKED_PROVIDER) {
                current.put(k.target(), k);
            }
        }
        for (Adaptation a : book.all()) {
            if (a.kind() != Adaptation.Kind.CONTEXT || a.status().isDropped()
                    || !(a.payload().get("preferences") instanceof List)) {
                continue;
            }
            List<Object> kept = new ArrayList<>();
            int withdrawn = 0;
            boolean changed = false;
            for (Object o : (List<?>) a.payload().get("preferences")) {
                Object provider = o instanceof Map ? ((Map<?, ?>) o).get("provider") : null;
                if (!(provider instanceof String) || !providers.contains(provider)) {
                    kept.add(o);
                    continue;
                }
                changed = true;
                Map<?, ?> m = (Map<?, ?>) o;
                Knowledge k = current.get(provider);
                String now = k == null ? "" : k.insight() == Knowledge.Insight.PREFERRED_PROVIDER ? "preferred"
                        : "disliked";
                if (now.equals(m.get("preference"))) {
                    Map<String, Object> refreshed = new LinkedHashMap<>();
                    m.forEach((x, v) -> refreshed.put(String.valueOf(x), v));
                    refreshed.put("meanRating", k.detail().get("meanRating"));
                    refreshed.put("ratings", k.detail().get("ratings"));
                    kept.add(refreshed);
                } else {
                    withdrawn++;
                }
            }
            if (changed) {
                Map<String, Object> payload = new LinkedHashMap<>(a.payload());
                payload.put("preferences", kept);
                int w = withdrawn;
                book.update(a.id(), e -> e.with(e.adaptation().withPayload(payload)).withNote(e.note()
                        + " (preferences re-checked after a session was forgotten: " + w + " withdrawn)"));
                LOG.info("Learning re-checked the preferences of {} after a session was forgotten: {} withdrawn",
                        a.id(), w);
            }
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
        Set<Adaptation.Kind> auto = EnumSet.noneOf(Adaptation.Kind.class);
        for (Adaptation.Kind k : Adaptation.Kind.values()) {
            try {
                if (g.mode(CAPABILITY, k.actionKind()) == Mode.AUTO) {
                    auto.add(k); // applied at once: counts against the running experiments, not the waiting ones
                }
            } catch (RuntimeException e) {
                // unknown: counted as waiting for approval
            }
        }
        List<Adaptation> fresh = BehaviorAdapter.adaptSystemBehavior(knowledge, book.all(), facts, now, s, auto);
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
        if (a.status() == Adaptation.Status.REJECTED && book.get(a.id()).map(e -> e.note().startsWith(EXPIRED))
                .orElse(false)) {
            return ExecutionResult.failed("adaptation " + a.id() + " expired: it waited more than "
                    + PROPOSAL_TTL.toHours() + " h for approval and its evidence is old; learning proposes it again "
                    + "if the evidence still holds");
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

    /**
     * Undoes an applied adaptation (the governor calls this, on learning's verdict or a person's command). The
     * effect carries the experiment's last evidence, so that the journal's rollback entry shows why — also for an
     * inconclusive experiment, which is not reported as a validation.
     */
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
        Map<String, Object> effect = new LinkedHashMap<>();
        effect.put("adaptation", a.id());
        book.get(a.id()).map(AdaptationBook.Entry::report).filter(r -> !r.isEmpty())
                .ifPresent(r -> effect.put("evidence", r));
        return ExecutionResult.ok(message, effect);
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
        // no validation is reported: a person's revert is no evidence that the change did not help (it would count
        // towards the governor's no-gain pause); the rollback entry carries the experiment's evidence so far
        return g.get().rollback(id, "reverted by hand (learn:revert)", actor);
    }

    /**
     * Off-policy estimates (in-sample) of the routing policies served now against uniform routing: during an
     * experiment the mixture with its holdout, once kept the learned weights, and uniform where no advice is
     * served (none, halted, no governor).
     */
    public List<RoutingEvaluation.Row> evaluate() {
        Map<String, RoutingEvaluation.Served> served = new HashMap<>();
        if (!halted && env.governor().isPresent()) {
            published.routing().forEach((c, p) -> served.put(c, new RoutingEvaluation.Served(p.weights(),
                    p.adaptation().status() == Adaptation.Status.ACTIVE ? p.adaptation().holdoutShare() : 0)));
        }
        return RoutingEvaluation.evaluateServed(snapshot.patterns(), served, options.learning().z());
    }

    /** The arms of a running experiment at the last cycle: treatment, holdout. */
    Optional<ArmStats[]> arms(String id) {
        return Optional.ofNullable(lastArms.get(id));
    }

    Duration cycle() {
        return options.cycle();
    }
}
