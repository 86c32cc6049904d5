package dev.autonomy.learning.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The off-policy evaluation behind {@code learn:evaluate}: for every capability with logged routing decisions, the
 * value (success rate) of the routing policy actually served, estimated from the logged propensities, against
 * uniform routing — both evaluated, decision by decision, on the candidates the router chose among then.
 *
 * <p>The policy served is what the router did with learning's advice: while a routing adaptation is measured, the
 * mixture (1 − h) · learned + h · uniform (the holdout share h gets no advice); once kept, the learned weights alone;
 * without advice (none, halted, no governor), uniform. The learned weights are restricted to each decision's
 * candidates as the router restricts advice (a candidate the weights do not name gets 1/n, the named ones share
 * the rest in proportion).
 *
 * <p>The estimates are <b>in-sample</b>: the learned weights were fitted on the very decisions they are evaluated
 * on, so they flatter the learned policy. The holdout's measured outcomes (the sequential test) are the unbiased
 * comparison; these estimates are a check of direction and size.
 */
public final class RoutingEvaluation {

    private RoutingEvaluation() {
    }

    /** What every output of the evaluation says about itself. */
    public static final String IN_SAMPLE_NOTE = "In-sample estimates: the learned weights were fitted on the same "
            + "logged decisions they are evaluated on, so they flatter the learned policy; the holdout comparison "
            + "(learn:adaptations) is the unbiased one.";

    /**
     * The routing a capability is served now.
     *
     * @param weights      the learned weights (as advised)
     * @param holdoutShare the share of requests without advice (an experiment's holdout), 0 once kept
     */
    public record Served(Map<String, Double> weights, double holdoutShare) {
        public Served {
            weights = Map.copyOf(weights);
            if (!(holdoutShare >= 0 && holdoutShare < 1)) {
                throw new IllegalArgumentException("holdoutShare must be in [0, 1), was " + holdoutShare);
            }
        }
    }

    /**
     * One capability's estimate.
     *
     * @param capability   the capability
     * @param policy       {@code learned} (an adaptation's weights for every request), {@code learned+holdout} (the
     *                     mixture with the holdout, while measured) or {@code uniform}
     * @param weights      the learned weights (empty for uniform)
     * @param holdoutShare the holdout share mixed in
     * @param logged       decisions with an outcome and a logged propensity
     * @param comparison   the estimates (in-sample)
     */
    public record Row(String capability, String policy, Map<String, Double> weights, double holdoutShare,
                      long logged, OffPolicy.Comparison comparison) {

        /** As a JSON object (NaN estimates, when nothing is logged, as null). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("capability", capability);
            m.put("policy", policy);
            m.put("weights", weights);
            m.put("holdoutShare", holdoutShare);
            m.put("logged", logged);
            m.put("inSample", true);
            m.put("policySnips", estimate(comparison.targetSnips()));
            m.put("uniformSnips", estimate(comparison.uniformSnips()));
            m.put("policyIps", estimate(comparison.targetIps()));
            m.put("uniformIps", estimate(comparison.uniformIps()));
            m.put("differenceIps", estimate(comparison.differenceIps()));
            return m;
        }

        private static Map<String, Object> estimate(OffPolicy.Estimate e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", finite(e.value()));
            m.put("lower", finite(e.interval().lower()));
            m.put("upper", finite(e.interval().upper()));
            m.put("effectiveSampleSize", finite(e.effectiveSampleSize()));
            return m;
        }

        private static Object finite(double d) {
            return Double.isFinite(d) ? d : null;
        }

        /** {@code 0.962 [0.931, 0.993]}. */
        public static String format(OffPolicy.Estimate e) {
            if (!Double.isFinite(e.value())) {
                return "-";
            }
            return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.value(), e.interval().lower(),
                    e.interval().upper());
        }
    }

    /**
     * Learned weights served to every request (kept adaptations); elsewhere uniform.
     *
     * @param patterns the routing patterns (with the off-policy sums by candidates and agent)
     * @param learned  capability to the weights a routing adaptation serves now
     * @param z        two-sided z of the intervals
     */
    public static List<Row> evaluate(InteractionPatterns patterns, Map<String, Map<String, Double>> learned,
                                     double z) {
        Map<String, Served> served = new LinkedHashMap<>();
        learned.forEach((c, w) -> served.put(c, new Served(w, 0)));
        return evaluateServed(patterns, served, z);
    }

    /**
     * The policies served now, against uniform routing.
     *
     * @param served capability to what is served (capabilities not named: uniform, no advice)
     */
    public static List<Row> evaluateServed(InteractionPatterns patterns, Map<String, Served> served, double z) {
        List<Row> out = new ArrayList<>();
        for (InteractionPatterns.RoutingPattern r : patterns.routing()) {
            List<String> agents = new ArrayList<>();
            for (InteractionPatterns.ArmPattern a : r.arms()) {
                agents.add(a.agent());
            }
            if (agents.isEmpty()) {
                continue;
            }
            Served p = served.get(r.capability());
            if (p != null && p.weights().isEmpty()) {
                p = null;
            }
            double h = p == null ? 0 : p.holdoutShare();
            List<OffPolicy.ActionLog> log = new ArrayList<>();
            Map<String, Double> target = new LinkedHashMap<>();
            Map<String, Double> uniform = new LinkedHashMap<>();
            long logged = 0;
            int i = 0;
            for (InteractionPatterns.DecisionLog d : r.logs()) {
                OffPolicy.ActionLog l = d.log();
                if (l.n() == 0) {
                    continue;
                }
                String agent = l.action();
                List<String> candidates = new ArrayList<>(d.candidates().isEmpty() ? agents : d.candidates());
                if (!candidates.contains(agent)) {
                    candidates.add(agent);
                }
                String key = (i++) + ":" + agent;
                log.add(new OffPolicy.ActionLog(key, l.n(), l.sumInvP(), l.sumRInvP(), l.sumInvP2(), l.sumRInvP2(),
                        l.sumR2InvP2()));
                double u = 1.0 / candidates.size();
                uniform.put(key, u);
                target.put(key, p == null ? u : (1 - h) * restricted(p.weights(), candidates).get(agent) + h * u);
                logged += l.n();
            }
            String policy = p == null ? "uniform" : h > 0 ? "learned+holdout" : "learned";
            out.add(new Row(r.capability(), policy, p == null ? Map.of() : p.weights(), h, logged,
                    OffPolicy.compare(log, target, uniform, z)));
        }
        out.sort(java.util.Comparator.comparing(Row::capability));
        return List.copyOf(out);
    }

    /**
     * The router's distribution over {@code candidates} under one advice of {@code weights}: a candidate the advice
     * does not name gets 1/n; the named ones share the rest in proportion to their weights; an advice that gives
     * the candidates nothing is no advice (uniform).
     */
    static Map<String, Double> restricted(Map<String, Double> weights, List<String> candidates) {
        int n = candidates.size();
        double sum = 0;
        int named = 0;
        for (String c : candidates) {
            Double w = weights.get(c);
            if (w != null) {
                sum += w;
                named++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String c : candidates) {
            Double w = weights.get(c);
            out.put(c, sum <= 0 || w == null ? 1.0 / n : ((double) named / n) * w / sum);
        }
        return out;
    }
}
