package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.plugin.RoutingAdvice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Routing advice of an active ROUTING adaptation: Thompson weights recomputed from the routing patterns now and
 * then ({@link #weights}), and per request either that advice or — for requests in the holdout — none, so the
 * router keeps its old (uniform) behaviour for them.
 */
public final class RoutingAdvisor {

    private RoutingAdvisor() {
    }

    /**
     * Thompson weights for the adaptation's capability: an arm for each agent of its payload and each agent seen in
     * the patterns, with the successes and failures the patterns hold.
     */
    public static Map<String, Double> weights(Adaptation a, InteractionPatterns patterns, LearningSettings settings,
                                              SplittableRandom random) {
        if (a.kind() != Adaptation.Kind.ROUTING) {
            throw new IllegalArgumentException("not a routing adaptation: " + a.id());
        }
        String capability = Providers.name(a.target());
        Map<String, long[]> counts = new LinkedHashMap<>();
        if (a.payload().get("agents") instanceof List) {
            for (Object o : (List<?>) a.payload().get("agents")) {
                if (o instanceof String) {
                    counts.put((String) o, new long[2]);
                }
            }
        }
        for (InteractionPatterns.RoutingPattern r : patterns.routing()) {
            if (r.capability().equals(capability)) {
                for (InteractionPatterns.ArmPattern arm : r.arms()) {
                    long[] c = counts.computeIfAbsent(arm.agent(), k -> new long[2]);
                    c[0] = arm.successes();
                    c[1] = arm.failures();
                }
            }
        }
        List<ThompsonRouting.Arm> arms = new ArrayList<>();
        counts.forEach((agent, c) -> arms.add(new ThompsonRouting.Arm(agent, c[0], c[1])));
        if (arms.isEmpty()) {
            return Map.of();
        }
        double floor = a.payload().get("floor") instanceof Number ? ((Number) a.payload().get("floor")).doubleValue()
                : settings.routingFloor();
        return ThompsonRouting.probabilities(arms, floor, settings.routingDraws(), random);
    }

    /**
     * The advice for one request: while the experiment runs (ACTIVE), none for requests in the holdout (they keep
     * the old behaviour) and the weights for the others; once KEPT, the weights for all; none while PROPOSED or
     * after REVERTED.
     */
    public static Optional<RoutingAdvice> advice(Adaptation a, Map<String, Double> weights, String requestId) {
        boolean applies = a.status() == Adaptation.Status.KEPT
                || a.status() == Adaptation.Status.ACTIVE && !a.isHoldout(requestId);
        if (weights.isEmpty() || !applies) {
            return Optional.empty();
        }
        return Optional.of(new RoutingAdvice(Providers.name(a.target()), weights));
    }
}
