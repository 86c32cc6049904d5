package dev.autonomy.learning.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Off-policy evaluation of a routing policy from logged decisions: what the average reward would have been had
 * {@code target} chosen, estimated from what the logging policy chose with known propensities p<sub>i</sub>.
 * With weights w<sub>i</sub> = π(a<sub>i</sub>) / p<sub>i</sub>:
 * <ul>
 *   <li><b>IPS</b> (inverse propensity scoring): V = (1/n) Σ w<sub>i</sub> r<sub>i</sub>. Unbiased whenever every
 *       action the target may take had a positive logging probability (the routing floor ε guarantees it); its
 *       interval is V ± z·s/√n with s the sample deviation of w<sub>i</sub> r<sub>i</sub>.</li>
 *   <li><b>SNIPS</b> (self-normalized IPS): V = Σ w<sub>i</sub> r<sub>i</sub> / Σ w<sub>i</sub>. Slightly biased,
 *       much lower variance, and always within the range of the rewards; its interval is the delta-method one,
 *       V ± z·√(Σ w<sub>i</sub>² (r<sub>i</sub> − V)²) / Σ w<sub>i</sub>.</li>
 * </ul>
 * The policies here are context-free (one distribution per capability), so the per-action sums in
 * {@link ActionLog} are sufficient statistics: a log of a million decisions is a few numbers per agent.
 * The logging policy may change over time (Thompson sampling adapts): each decision's own propensity is used.
 */
public final class OffPolicy {

    private OffPolicy() {
    }

    /** One logged decision: the action chosen, the probability it had, the reward observed (1 = success). */
    public record LoggedDecision(String action, double propensity, double reward) {
        public LoggedDecision {
            if (!(propensity > 0 && propensity <= 1)) {
                throw new IllegalArgumentException("propensity must be in (0, 1], was " + propensity);
            }
            if (Double.isNaN(reward) || Double.isInfinite(reward)) {
                throw new IllegalArgumentException("reward must be finite, was " + reward);
            }
        }
    }

    /**
     * The sufficient statistics of one action's logged decisions: count, Σ 1/p, Σ r/p, Σ 1/p², Σ r/p², Σ r²/p².
     */
    public record ActionLog(String action, long n, double sumInvP, double sumRInvP, double sumInvP2, double sumRInvP2,
                            double sumR2InvP2) {

        public static ActionLog empty(String action) {
            return new ActionLog(action, 0, 0, 0, 0, 0, 0);
        }

        public ActionLog add(double propensity, double reward) {
            double inv = 1 / propensity;
            return new ActionLog(action, n + 1, sumInvP + inv, sumRInvP + reward * inv, sumInvP2 + inv * inv,
                    sumRInvP2 + reward * inv * inv, sumR2InvP2 + reward * reward * inv * inv);
        }
    }

    /** An estimate with its interval, the number of decisions, and the effective sample size (Σw)²/Σw². */
    public record Estimate(double value, Interval interval, long n, double effectiveSampleSize) {
    }

    /** Estimates of the target policy and of uniform routing, with IPS and SNIPS, and their difference (IPS). */
    public record Comparison(Estimate targetIps, Estimate targetSnips, Estimate uniformIps, Estimate uniformSnips,
                             Estimate differenceIps) {
    }

    /** Per-action sufficient statistics of a log, in the order actions first appear. */
    public static List<ActionLog> summarize(List<LoggedDecision> log) {
        Map<String, ActionLog> byAction = new LinkedHashMap<>();
        for (LoggedDecision d : log) {
            byAction.merge(d.action(), ActionLog.empty(d.action()).add(d.propensity(), d.reward()),
                    OffPolicy::merge);
        }
        return List.copyOf(byAction.values());
    }

    private static ActionLog merge(ActionLog a, ActionLog b) {
        return new ActionLog(a.action(), a.n() + b.n(), a.sumInvP() + b.sumInvP(), a.sumRInvP() + b.sumRInvP(),
                a.sumInvP2() + b.sumInvP2(), a.sumRInvP2() + b.sumRInvP2(), a.sumR2InvP2() + b.sumR2InvP2());
    }

    /** IPS estimate of {@code target} (action → probability; absent = 0) from a log, at two-sided level z. */
    public static Estimate ips(List<ActionLog> log, Map<String, Double> target, double z) {
        return ipsWeighted(log, target, z);
    }

    /** SNIPS estimate of {@code target} from a log. */
    public static Estimate snips(List<ActionLog> log, Map<String, Double> target, double z) {
        long n = 0;
        double sw = 0;
        double swr = 0;
        double sw2 = 0;
        double sw2r = 0;
        double sw2r2 = 0;
        for (ActionLog a : log) {
            double pi = target.getOrDefault(a.action(), 0.0);
            n += a.n();
            sw += pi * a.sumInvP();
            swr += pi * a.sumRInvP();
            sw2 += pi * pi * a.sumInvP2();
            sw2r += pi * pi * a.sumRInvP2();
            sw2r2 += pi * pi * a.sumR2InvP2();
        }
        if (n == 0 || sw <= 0) {
            return new Estimate(Double.NaN, new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), n, 0);
        }
        double v = swr / sw;
        double numerator = Math.max(0, sw2r2 - 2 * v * sw2r + v * v * sw2);
        double half = z * Math.sqrt(numerator) / sw;
        return new Estimate(v, new Interval(v - half, v + half), n, sw2 > 0 ? sw * sw / sw2 : 0);
    }

    /** IPS with arbitrary (possibly negative) per-action weights π(a): Σ π(a) Σ r/p / n. */
    private static Estimate ipsWeighted(List<ActionLog> log, Map<String, Double> weights, double z) {
        long n = 0;
        double sw = 0;
        double swr = 0;
        double sw2 = 0;
        double sw2r2 = 0;
        for (ActionLog a : log) {
            double pi = weights.getOrDefault(a.action(), 0.0);
            n += a.n();
            sw += pi * a.sumInvP();
            swr += pi * a.sumRInvP();
            sw2 += pi * pi * a.sumInvP2();
            sw2r2 += pi * pi * a.sumR2InvP2();
        }
        if (n == 0) {
            return new Estimate(Double.NaN, new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0, 0);
        }
        double v = swr / n;
        double variance = n > 1 ? Math.max(0, (sw2r2 - n * v * v) / (n - 1)) : 0;
        double half = z * Math.sqrt(variance / n);
        return new Estimate(v, new Interval(v - half, v + half), n, sw2 > 0 ? sw * sw / sw2 : 0);
    }

    /** The uniform policy over {@code actions}. */
    public static Map<String, Double> uniform(List<String> actions) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String a : actions) {
            out.put(a, 1.0 / actions.size());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A target policy against a baseline, both given per logged action (the log's actions may be finer than agents:
     * one per candidate set and chosen agent, so that the probabilities may depend on each decision's candidates):
     * IPS and SNIPS of each, and the IPS estimate of their difference.
     */
    public static Comparison compare(List<ActionLog> log, Map<String, Double> target, Map<String, Double> baseline,
                                     double z) {
        Map<String, Double> difference = new LinkedHashMap<>();
        for (ActionLog a : log) {
            difference.put(a.action(), target.getOrDefault(a.action(), 0.0) - baseline.getOrDefault(a.action(), 0.0));
        }
        return new Comparison(ips(log, target, z), snips(log, target, z), ips(log, baseline, z),
                snips(log, baseline, z), ipsWeighted(log, difference, z));
    }

    /**
     * The target policy against uniform routing over the logged actions (plus {@code candidates}): both by IPS and
     * SNIPS, and the IPS estimate of their difference, whose interval excluding 0 means the target is better (or
     * worse) with confidence.
     */
    public static Comparison compareWithUniform(List<ActionLog> log, Map<String, Double> target,
                                                List<String> candidates, double z) {
        List<String> actions = new ArrayList<>(candidates);
        for (ActionLog a : log) {
            if (!actions.contains(a.action())) {
                actions.add(a.action());
            }
        }
        Map<String, Double> uniform = uniform(actions);
        Map<String, Double> difference = new LinkedHashMap<>();
        for (String a : actions) {
            difference.put(a, target.getOrDefault(a, 0.0) - uniform.get(a));
        }
        return new Comparison(ips(log, target, z), snips(log, target, z), ips(log, uniform, z),
                snips(log, uniform, z), ipsWeighted(log, difference, z));
    }
}
