package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.value.JsonValues;
import dev.autonomy.learning.core.ActionableKnowledge;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.EffectivenessReport;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.LearningContext;
import dev.autonomy.learning.core.Providers;
import dev.autonomy.learning.core.RoutingAdvisor;
import dev.autonomy.learning.core.RoutingEvaluation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Publication: what requests read — routing advice for {@code agent_route} and the {@code adaptive_learning_context}
 * extension — recomputed from the last cycle's snapshot and the adaptations in force, and replaced as a whole, so
 * that a request reads one volatile field and never waits for learning.
 *
 * <p>Lock: {@code publishLock} guards the random source of the routing weights, the replacement of the snapshot and
 * of what is published, and the recent effectiveness reports. Under it only the book is read.
 */
final class Publication {

    /** The router's tool, whose requests get routing advice. */
    static final String ROUTE_TOOL = "agent_route";
    /** Most effectiveness reports kept for the context and the tools. */
    static final int MAX_REPORTS = 50;

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

    private final AdaptationBook book;
    private final LearningEnvironment env;
    private final Supplier<LearningOptions> options;
    private final BooleanSupplier halted;

    private final Object publishLock = new Object();
    private SplittableRandom random; // publishLock
    private final Deque<EffectivenessReport> reports = new ArrayDeque<>(); // publishLock
    private volatile Published published; // written under publishLock
    private volatile Learner.Snapshot snapshot = Learner.Snapshot.EMPTY; // written under publishLock

    Publication(AdaptationBook book, LearningEnvironment env, Supplier<LearningOptions> options,
                BooleanSupplier halted) {
        this.book = book;
        this.env = env;
        this.options = options;
        this.halted = halted;
        synchronized (publishLock) {
            random = seeded(options.get().randomSeed());
            publishLocked(InteractionPatterns.EMPTY, ActionableKnowledge.EMPTY);
        }
    }

    private static SplittableRandom seeded(long seed) {
        return seed == 0 ? new SplittableRandom() : new SplittableRandom(seed);
    }

    /** A new seed for the routing weights (0: unseeded). */
    void reseed(long seed) {
        synchronized (publishLock) {
            random = seeded(seed);
        }
    }

    /** A cycle's result: the new snapshot, and what requests read from it. */
    void publish(InteractionPatterns patterns, ActionableKnowledge knowledge, Instant at, long millis) {
        synchronized (publishLock) {
            snapshot = new Learner.Snapshot(patterns, knowledge, at, snapshot.cycles() + 1, millis);
            publishLocked(patterns, knowledge);
        }
    }

    /** Publishes again from the last snapshot: the adaptations in force, or halted, changed. */
    void republish() {
        synchronized (publishLock) {
            Learner.Snapshot s = snapshot;
            publishLocked(s.patterns(), s.knowledge());
        }
    }

    /** Keeps the report of a decided experiment for the context and the tools (published with the next change). */
    void keepReport(EffectivenessReport r) {
        synchronized (publishLock) {
            reports.addLast(r);
            while (reports.size() > MAX_REPORTS) {
                reports.removeFirst();
            }
        }
    }

    /** Recomputes routing weights and the context extension. Under publishLock. */
    private void publishLocked(InteractionPatterns patterns, ActionableKnowledge knowledge) {
        LearningOptions o = options.get();
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
        Map<String, Object> holdout = new LinkedHashMap<>(LearningContext.extension(patterns, knowledge, all,
                List.copyOf(reports), o.contextItems()));
        Map<String, Object> treatment = new LinkedHashMap<>(holdout);
        if (!activePreferences.isEmpty()) {
            List<Object> prefs = new ArrayList<>((List<?>) holdout.getOrDefault("preferences", List.of()));
            prefs.addAll(activePreferences);
            treatment.put("preferences", prefs);
        }
        if (halted.getAsBoolean()) {
            holdout.put("preferences", List.of());
            treatment.put("preferences", List.of());
            holdout.put("halted", true);
            treatment.put("halted", true);
        }
        published = new Published(Map.copyOf(routing), JsonValues.immutableObject(treatment),
                JsonValues.immutableObject(holdout), contextExperiment);
    }

    /**
     * Routing advice for an {@code agent_route} request: none while halted, none without a governor (nothing learned
     * is served without one), and none for the experiment's holdout.
     */
    Optional<Enhancement> advice(McpRequest request) {
        if (halted.getAsBoolean() || !ROUTE_TOOL.equals(request.toolName()) || env.governor().isEmpty()) {
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
        return advice.map(a -> new Enhancement(Learner.PLUGIN, Map.of("adaptation", p.adaptation().id()),
                Optional.of(a)));
    }

    /** The context extension for a request: precomputed; the holdout of a context experiment gets the old one. */
    Map<String, Object> context(McpRequest request) {
        return published.context(request.requestId());
    }

    /** The routing advice served, for the status: capability, adaptation, status, weights. */
    List<Object> routingAdvice() {
        List<Object> routing = new ArrayList<>();
        published.routing().forEach((c, p) -> routing.add(Map.of("capability", c, "adaptation",
                p.adaptation().id(), "status", p.adaptation().status().name().toLowerCase(Locale.ROOT),
                "weights", p.weights())));
        return routing;
    }

    /** See {@link Learner#evaluate}. */
    List<RoutingEvaluation.Row> evaluate() {
        Map<String, RoutingEvaluation.Served> served = new HashMap<>();
        if (!halted.getAsBoolean() && env.governor().isPresent()) {
            published.routing().forEach((c, p) -> served.put(c, new RoutingEvaluation.Served(p.weights(),
                    p.adaptation().status() == Adaptation.Status.ACTIVE ? p.adaptation().holdoutShare() : 0)));
        }
        return RoutingEvaluation.evaluateServed(snapshot.patterns(), served, options.get().learning().z());
    }

    Learner.Snapshot snapshot() {
        return snapshot;
    }
}
