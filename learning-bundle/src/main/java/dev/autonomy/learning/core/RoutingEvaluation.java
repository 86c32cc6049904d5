package dev.autonomy.learning.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The off-policy evaluation behind {@code learn:evaluate}: for every capability with logged routing decisions, the
 * value (success rate) the current routing policy would have, estimated from the logged propensities, against
 * uniform routing over the same agents ({@link OffPolicy#compareWithUniform}). The current policy is the learned
 * Thompson weights where a routing adaptation serves, and uniform elsewhere.
 */
public final class RoutingEvaluation {

    private RoutingEvaluation() {
    }

    /**
     * One capability's estimate.
     *
     * @param capability the capability
     * @param policy     {@code learned} (an adaptation's weights) or {@code uniform}
     * @param weights    the policy's probabilities
     * @param logged     decisions with an outcome and a logged propensity
     * @param comparison the estimates
     */
    public record Row(String capability, String policy, Map<String, Double> weights, long logged,
                      OffPolicy.Comparison comparison) {

        /** As a JSON object (NaN estimates, when nothing is logged, as null). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("capability", capability);
            m.put("policy", policy);
            m.put("weights", weights);
            m.put("logged", logged);
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
     * @param patterns the routing patterns (with the off-policy sums of each agent)
     * @param learned  capability to the weights a routing adaptation serves now
     * @param z        two-sided z of the intervals
     */
    public static List<Row> evaluate(InteractionPatterns patterns, Map<String, Map<String, Double>> learned,
                                     double z) {
        List<Row> out = new ArrayList<>();
        for (InteractionPatterns.RoutingPattern r : patterns.routing()) {
            List<OffPolicy.ActionLog> log = new ArrayList<>();
            List<String> agents = new ArrayList<>();
            long logged = 0;
            for (InteractionPatterns.ArmPattern a : r.arms()) {
                agents.add(a.agent());
                log.add(a.log());
                logged += a.log().n();
            }
            if (agents.isEmpty()) {
                continue;
            }
            Map<String, Double> weights = learned.get(r.capability());
            String policy = "learned";
            if (weights == null || weights.isEmpty()) {
                weights = OffPolicy.uniform(agents);
                policy = "uniform";
            }
            out.add(new Row(r.capability(), policy, weights, logged,
                    OffPolicy.compareWithUniform(log, weights, agents, z)));
        }
        out.sort(java.util.Comparator.comparing(Row::capability));
        return List.copyOf(out);
    }
}
