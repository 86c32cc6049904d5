package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.plugin.RoutingAdvice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Routing among the agents that share a capability by Thompson sampling: each agent's success rate has a
 * Beta(1 + successes, 1 + failures) posterior, and an agent is chosen with the probability that it is the best.
 * That probability is estimated by Monte Carlo ({@code draws} joint posterior draws, counting how often each agent's
 * draw is highest) with the seeded random numbers passed in, so the same seed gives the same weights.
 *
 * <p>The probabilities are mixed with the uniform distribution so that every agent keeps at least the floor ε:
 * p<sub>i</sub> = ε + (1 − nε)·q<sub>i</sub>. Each p<sub>i</sub> ≥ ε and Σ p<sub>i</sub> = 1; ε is capped at 1/n.
 * The floor keeps learning about agents that look worse (they may recover), and keeps every propensity positive so
 * that {@link OffPolicy} estimates stay unbiased. The router gets the probabilities as {@link RoutingAdvice}
 * weights; when the advice names every candidate, its routing distribution is exactly these probabilities, and it
 * logs the propensity of its choice.
 *
 * <p>Why Thompson sampling: it explores in proportion to the remaining uncertainty, so it settles on a clearly
 * better agent within tens of calls, needs no tuning beyond the prior, and its probabilities are explicit —
 * which the logged propensities, the off-policy estimates and the holdout comparison all need.
 */
public final class ThompsonRouting {

    private ThompsonRouting() {
    }

    /** One agent's record: successes and failures of calls routed to it. */
    public record Arm(String agent, long successes, long failures) {
        public Arm {
            if (agent == null || agent.isBlank()) {
                throw new IllegalArgumentException("agent must not be blank");
            }
            if (successes < 0 || failures < 0) {
                throw new IllegalArgumentException("counts must be >= 0, were " + successes + ", " + failures);
            }
        }
    }

    /**
     * The routing probabilities of {@code arms} (in their order), each at least {@code floor}, summing to 1.
     *
     * @param floor  the least probability of any agent, 0 ≤ ε; capped at 1/n
     * @param draws  Monte Carlo draws (≥ 1); 2,000–10,000 give probabilities within about 0.01
     * @param random the seeded source (advanced by this call)
     */
    public static Map<String, Double> probabilities(List<Arm> arms, double floor, int draws, SplittableRandom random) {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("arms must not be empty");
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("floor must be in [0, 1], was " + floor);
        }
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be >= 1, was " + draws);
        }
        int n = arms.size();
        long[] wins = new long[n];
        if (n == 1) {
            wins[0] = draws;
        } else {
            for (int d = 0; d < draws; d++) {
                int best = 0;
                double bestValue = -1;
                for (int i = 0; i < n; i++) {
                    Arm a = arms.get(i);
                    double v = beta(1 + a.successes(), 1 + a.failures(), random);
                    if (v > bestValue) {
                        bestValue = v;
                        best = i;
                    }
                }
                wins[best]++;
            }
        }
        double eps = Math.min(floor, 1.0 / n);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(arms.get(i).agent(), eps + (1 - n * eps) * wins[i] / draws);
        }
        return Collections.unmodifiableMap(out);
    }

    /** One Thompson decision: the agent whose posterior draw is highest. */
    public static String choose(List<Arm> arms, SplittableRandom random) {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("arms must not be empty");
        }
        String best = arms.get(0).agent();
        double bestValue = -1;
        for (Arm a : arms) {
            double v = beta(1 + a.successes(), 1 + a.failures(), random);
            if (v > bestValue) {
                bestValue = v;
                best = a.agent();
            }
        }
        return best;
    }

    /** The probabilities as advice to the router. */
    public static RoutingAdvice advice(String capability, Map<String, Double> probabilities) {
        return new RoutingAdvice(capability, probabilities);
    }

    /** A Beta(a, b) variate: X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
    public static double beta(double a, double b, SplittableRandom random) {
        double x = gamma(a, random);
        double y = gamma(b, random);
        return x / (x + y);
    }

    /** A Gamma(shape, 1) variate (Marsaglia and Tsang; shape &lt; 1 by boosting with U^(1/shape)). */
    public static double gamma(double shape, SplittableRandom random) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("shape must be > 0, was " + shape);
        }
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1, random) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
