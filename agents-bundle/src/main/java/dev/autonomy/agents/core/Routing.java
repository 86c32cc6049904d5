package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the router chooses among the agents offering a capability.
 *
 * <p>Advice comes from plugins, highest-ranked first. The i-th advice for the capability (i = 0, 1, 2, ...)
 * carries weight 2<sup>-i</sup>, so a higher-ranked plugin counts twice as much as the next one. The distribution
 * over the candidates is:
 * <ol>
 *   <li>Each advice is restricted to the candidates and normalized to sum 1; an advice whose weights of the
 *       candidates sum to 0 (it knows none of them, or gives them all 0) carries no information and is skipped.</li>
 *   <li>A candidate that no remaining advice mentions gets the uniform share 1/n, as if there were no advice.</li>
 *   <li>The mentioned candidates share the rest, in proportion to the mix
 *       Σ<sub>i</sub> 2<sup>-i</sup> · normalized<sub>i</sub>(candidate).</li>
 * </ol>
 * No advice (or none informative) means uniform. Example: candidates a, b, c and one advice {a: 3, b: 1}: c gets
 * 1/3, a and b share 2/3 as 3:1, so a = 1/2 and b = 1/6. A candidate an advice gives weight 0 is never chosen
 * while that advice is the only one mentioning it.
 */
public final class Routing {

    private Routing() {
    }

    /** The routing advice for {@code capability} in {@code enhancements}, in their (plugin ranking) order. */
    public static List<RoutingAdvice> advicesFor(String capability, List<Enhancement> enhancements) {
        List<RoutingAdvice> out = new ArrayList<>();
        for (Enhancement e : enhancements) {
            Optional<RoutingAdvice> r = e.routing();
            if (r.isPresent() && r.get().capability().equals(capability)) {
                out.add(r.get());
            }
        }
        return out;
    }

    /**
     * The probability of each candidate (in the candidates' order), summing to 1.
     *
     * @param candidates agent ids, distinct, not empty
     * @param advices    advice for this capability, highest-ranked first
     */
    public static Map<String, Double> routingDistribution(List<String> candidates, List<RoutingAdvice> advices) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates must not be empty");
        }
        if (candidates.stream().distinct().count() != candidates.size()) {
            throw new IllegalArgumentException("candidates must be distinct, were " + candidates);
        }
        int n = candidates.size();
        Map<String, Double> mix = new LinkedHashMap<>();
        double factor = 1.0;
        for (RoutingAdvice advice : advices) {
            double sum = 0;
            for (String c : candidates) {
                sum += advice.weights().getOrDefault(c, 0.0);
            }
            if (sum > 0) {
                for (String c : candidates) {
                    Double w = advice.weights().get(c);
                    if (w != null) {
                        mix.merge(c, factor * w / sum, Double::sum);
                    }
                }
            }
            factor /= 2;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double mixTotal = mix.values().stream().mapToDouble(Double::doubleValue).sum();
        double mentionedShare = (double) mix.size() / n;
        for (String c : candidates) {
            Double m = mix.get(c);
            out.put(c, m == null ? 1.0 / n : mentionedShare * m / mixTotal);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The candidate that {@code u} (uniform in [0, 1)) selects: the first whose cumulative probability exceeds
     * {@code u}, in the distribution's order. Candidates of probability 0 are never selected.
     */
    public static String sample(Map<String, Double> distribution, double u) {
        if (!(u >= 0 && u < 1)) {
            throw new IllegalArgumentException("u must be in [0, 1), was " + u);
        }
        double cumulative = 0;
        String last = null;
        for (Map.Entry<String, Double> e : distribution.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            cumulative += e.getValue();
            last = e.getKey();
            if (u < cumulative) {
                return last;
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("distribution has no candidate of positive probability");
        }
        return last; // rounding: the probabilities summed to slightly less than 1
    }
}
