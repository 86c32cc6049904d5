package dev.autonomy.learning.core;

import dev.autonomy.learning.core.InteractionPatterns.ArmPattern;
import dev.autonomy.learning.core.InteractionPatterns.ChangePoint;
import dev.autonomy.learning.core.InteractionPatterns.FailureIndicator;
import dev.autonomy.learning.core.InteractionPatterns.PerformanceTrend;
import dev.autonomy.learning.core.InteractionPatterns.RepetitionPattern;
import dev.autonomy.learning.core.InteractionPatterns.RoutingPattern;
import dev.autonomy.learning.core.InteractionPatterns.SuccessIndicator;
import dev.autonomy.learning.core.InteractionPatterns.UserPreference;
import dev.autonomy.learning.core.Knowledge.Insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 3, {@code extract_actionable_knowledge}: the patterns that are strong enough to act on. Every rule needs at
 * least {@code minCalls} observations (ratings: {@code minRatings}) and a one-sided confidence Φ(z) of at least
 * {@code confidenceLevel}, where z is a score test: (p̂ − threshold)/√(threshold(1 − threshold)/n) against a
 * threshold rate, or the pooled two-proportion z for a difference.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>insight</th><th>when</th><th>effect size</th></tr>
 *   <tr><td>CACHE_CANDIDATE</td><td>repeat rate of a tool's fingerprinted calls &gt; {@code minRepeatRate}</td>
 *       <td>repeat rate</td></tr>
 *   <tr><td>LATENCY_REGRESSION</td><td>a latency change point, level up by ≥ 20 %</td><td>relative rise</td></tr>
 *   <tr><td>TRANSIENT_FAILURES</td><td>rate of transient failures the engine retries (timeouts, exceptions; not
 *       busy rejections) of a tool &gt; {@code minTransientFailureRate}</td>
 *       <td>that rate</td></tr>
 *   <tr><td>TIMEOUT_PRESSURE</td><td>timeout rate of a tool &gt; {@code minTransientFailureRate}</td>
 *       <td>that rate</td></tr>
 *   <tr><td>FAILURE_REGRESSION</td><td>a failure-rate change point, up by ≥ 0.05</td><td>rise of the rate</td></tr>
 *   <tr><td>FAILING_INPUT</td><td>one input size class fails more than the provider's other calls</td>
 *       <td>difference of failure rates</td></tr>
 *   <tr><td>PREFERRED_PROVIDER / DISLIKED_PROVIDER</td><td>share of ratings 4–5 (1–2) &gt; ½</td>
 *       <td>mean rating − 3 (3 − mean)</td></tr>
 *   <tr><td>BEST_AGENT</td><td>the best agent of a capability succeeds more than the worst</td>
 *       <td>difference of success rates</td></tr>
 *   <tr><td>RELIABLE_PROVIDER</td><td>success rate &gt; {@code reliableRate}</td><td>success rate</td></tr>
 * </table>
 * Within each kind the strongest evidence comes first (confidence, then effect size, then target).
 */
public final class KnowledgeExtractor {

    private KnowledgeExtractor() {
    }

    /** Least relative latency rise that counts as a regression. */
    static final double MIN_LATENCY_RISE = 0.2;
    /** Least rise of a failure rate that counts as a regression. */
    static final double MIN_FAILURE_RISE = 0.05;

    public static ActionableKnowledge extractActionableKnowledge(InteractionPatterns patterns,
                                                                 LearningSettings settings) {
        List<Knowledge> out = new ArrayList<>();
        Map<String, PerformanceTrend> trends = new HashMap<>();
        for (PerformanceTrend t : patterns.performanceTrends()) {
            trends.put(t.provider(), t);
        }
        cacheCandidates(patterns, trends, settings, out);
        regressions(patterns, settings, out);
        transientFailures(patterns, settings, out);
        timeoutPressure(patterns, trends, settings, out);
        failingInputs(patterns, settings, out);
        preferences(patterns, settings, out);
        bestAgents(patterns, settings, out);
        reliableProviders(patterns, settings, out);
        out.sort(Comparator.comparingDouble((Knowledge k) -> -k.evidence().confidence())
                .thenComparingDouble(k -> -k.evidence().effectSize())
                .thenComparing(Knowledge::target)
                .thenComparing(Knowledge::insight));
        return ActionableKnowledge.of(out);
    }

    /** One-sided confidence that a rate p̂ of n exceeds {@code threshold} (score test). */
    static double aboveThreshold(long k, long n, double threshold) {
        if (n == 0) {
            return 0;
        }
        double p = (double) k / n;
        double se = Math.sqrt(threshold * (1 - threshold) / n);
        return Stats.normalCdf((p - threshold) / se);
    }

    /** One-sided confidence that rate k1/n1 exceeds k2/n2 (pooled two-proportion z). */
    static double aboveOther(long k1, long n1, long k2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return 0;
        }
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double pooled = (double) (k1 + k2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return p1 > p2 ? 1 : 0.5;
        }
        return Stats.normalCdf((p1 - p2) / se);
    }

    private static boolean strong(double confidence, long n, LearningSettings s) {
        return n >= s.minCalls() && confidence >= s.confidenceLevel();
    }

    private static void cacheCandidates(InteractionPatterns p, Map<String, PerformanceTrend> trends,
                                        LearningSettings s, List<Knowledge> out) {
        for (RepetitionPattern r : p.repetition()) {
            double c = aboveThreshold(r.repeats(), r.fingerprinted(), s.minRepeatRate());
            if (Providers.isTool(r.provider()) && strong(c, r.fingerprinted(), s)) {
                double rate = (double) r.repeats() / r.fingerprinted();
                PerformanceTrend t = trends.get(r.provider());
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("fingerprinted", r.fingerprinted());
                d.put("repeats", r.repeats());
                d.put("repeatRate", rate);
                d.put("p50Micros", t == null ? 0L : t.p50Micros());
                out.add(new Knowledge(Insight.CACHE_CANDIDATE, r.provider(), String.format(Locale.ROOT,
                        "%.0f%% of calls repeat earlier arguments within %d ms: a result cache would answer them",
                        100 * rate, s.cacheTtlMillis()), d, new Evidence(r.fingerprinted(), rate, c)));
            }
        }
    }

    private static void regressions(InteractionPatterns p, LearningSettings s, List<Knowledge> out) {
        for (PerformanceTrend t : p.performanceTrends()) {
            if (t.latencyChange().isPresent()) {
                ChangePoint c = t.latencyChange().get();
                double rise = c.before() > 0 ? c.after() / c.before() - 1 : 0;
                if (rise >= MIN_LATENCY_RISE && strong(c.confidence(), t.calls(), s)) {
                    out.add(new Knowledge(Insight.LATENCY_REGRESSION, t.provider(), String.format(Locale.ROOT,
                            "latency rose from about %.0f µs to %.0f µs (+%.0f%%) since sequence %d", c.before(),
                            c.after(), 100 * rise, c.sequence()), changeDetail(c),
                            new Evidence(c.countBefore() + c.countAfter(), rise, c.confidence())));
                }
            }
            if (t.failureChange().isPresent()) {
                ChangePoint c = t.failureChange().get();
                double rise = c.after() - c.before();
                if (rise >= MIN_FAILURE_RISE && strong(c.confidence(), t.calls(), s)) {
                    out.add(new Knowledge(Insight.FAILURE_REGRESSION, t.provider(), String.format(Locale.ROOT,
                            "failure rate rose from %.1f%% to %.1f%% since sequence %d", 100 * c.before(),
                            100 * c.after(), c.sequence()), changeDetail(c),
                            new Evidence(c.countBefore() + c.countAfter(), rise, c.confidence())));
                }
            }
        }
    }

    private static Map<String, Object> changeDetail(ChangePoint c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("since", c.sequence());
        d.put("sinceTime", c.time().toString());
        d.put("detectedAt", c.detectedAt());
        d.put("before", c.before());
        d.put("after", c.after());
        return d;
    }

    private static void transientFailures(InteractionPatterns p, LearningSettings s, List<Knowledge> out) {
        Map<String, long[]> byProvider = new TreeMap<>(); // transient failures, calls
        Map<String, List<String>> classes = new HashMap<>();
        for (FailureIndicator f : p.failureIndicators()) {
            // only what a retry could fix: the engine never retries a busy rejection or a tool's error result
            if (f.retryable() && InputFeatures.ALL.equals(f.sizeClass()) && Providers.isTool(f.provider())) {
                long[] a = byProvider.computeIfAbsent(f.provider(), k -> new long[2]);
                a[0] += f.failures();
                a[1] = f.calls();
                classes.computeIfAbsent(f.provider(), k -> new ArrayList<>()).add(f.errorClass());
            }
        }
        Map<String, Long> retried = new HashMap<>();
        for (SuccessIndicator x : p.successIndicators()) {
            if (InputFeatures.ALL.equals(x.sizeClass())) {
                retried.put(x.provider(), x.retriedSuccesses());
            }
        }
        for (Map.Entry<String, long[]> e : byProvider.entrySet()) {
            long k = e.getValue()[0];
            long n = e.getValue()[1];
            double c = aboveThreshold(k, n, s.minTransientFailureRate());
            if (strong(c, n, s)) {
                double rate = (double) k / n;
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("transientFailures", k);
                d.put("calls", n);
                d.put("errorClasses", classes.get(e.getKey()));
                d.put("retriedSuccesses", retried.getOrDefault(e.getKey(), 0L));
                out.add(new Knowledge(Insight.TRANSIENT_FAILURES, e.getKey(), String.format(Locale.ROOT,
                        "%.1f%% of calls fail transiently (%s): a retry would likely succeed", 100 * rate,
                        String.join(", ", classes.get(e.getKey()))), d, new Evidence(n, rate, c)));
            }
        }
    }

    private static void timeoutPressure(InteractionPatterns p, Map<String, PerformanceTrend> trends,
                                        LearningSettings s, List<Knowledge> out) {
        for (PerformanceTrend t : p.performanceTrends()) {
            if (t.timeouts() == 0 || !Providers.isTool(t.provider())) {
                continue;
            }
            double c = aboveThreshold(t.timeouts(), t.calls(), s.minTransientFailureRate());
            if (strong(c, t.calls(), s)) {
                double rate = (double) t.timeouts() / t.calls();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("timeouts", t.timeouts());
                d.put("calls", t.calls());
                d.put("p50Micros", t.p50Micros());
                d.put("p99Micros", t.p99Micros());
                out.add(new Knowledge(Insight.TIMEOUT_PRESSURE, t.provider(), String.format(Locale.ROOT,
                        "%.1f%% of calls time out; successful calls take %d µs (median) to %d µs (p99)", 100 * rate,
                        t.p50Micros(), t.p99Micros()), d, new Evidence(t.calls(), rate, c)));
            }
        }
    }

    private static void failingInputs(InteractionPatterns p, LearningSettings s, List<Knowledge> out) {
        Map<String, Map<String, long[]>> bySize = new TreeMap<>(); // provider → size → {failures, calls}
        Map<String, long[]> totals = new HashMap<>();
        for (SuccessIndicator x : p.successIndicators()) {
            long[] a = new long[]{x.calls() - x.successes(), x.calls()};
            if (InputFeatures.ALL.equals(x.sizeClass())) {
                totals.put(x.provider(), a);
            } else if (InputFeatures.SIZE_CLASSES.contains(x.sizeClass())) {
                bySize.computeIfAbsent(x.provider(), k -> new LinkedHashMap<>()).put(x.sizeClass(), a);
            }
        }
        for (Map.Entry<String, Map<String, long[]>> e : bySize.entrySet()) {
            long[] total = totals.get(e.getKey());
            if (total == null || e.getValue().size() < 2) {
                continue;
            }
            for (Map.Entry<String, long[]> size : e.getValue().entrySet()) {
                long k1 = size.getValue()[0];
                long n1 = size.getValue()[1];
                long k2 = total[0] - k1;
                long n2 = total[1] - n1;
                double c = aboveOther(k1, n1, k2, n2);
                double diff = (double) k1 / n1 - (n2 == 0 ? 0 : (double) k2 / n2);
                if (n1 >= s.minCalls() && n2 >= s.minCalls() && c >= s.confidenceLevel() && diff >= 0.05) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("sizeClass", size.getKey());
                    d.put("failures", k1);
                    d.put("calls", n1);
                    d.put("otherFailures", k2);
                    d.put("otherCalls", n2);
                    out.add(new Knowledge(Insight.FAILING_INPUT, e.getKey(), String.format(Locale.ROOT,
                            "inputs of %s fail %.1f%% of the time against %.1f%% for other sizes", size.getKey(),
                            100.0 * k1 / n1, 100.0 * k2 / n2), d, new Evidence(n1 + n2, diff, c)));
                }
            }
        }
    }

    private static void preferences(InteractionPatterns p, LearningSettings s, List<Knowledge> out) {
        for (UserPreference u : p.userPreferences()) {
            if (u.ratings() < s.minRatings()) {
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ratings", u.ratings());
            d.put("meanRating", u.meanRating());
            d.put("positive", u.positive());
            d.put("negative", u.negative());
            double liked = aboveThreshold(u.positive(), u.ratings(), 0.5);
            double disliked = aboveThreshold(u.negative(), u.ratings(), 0.5);
            if (liked >= s.confidenceLevel()) {
                out.add(new Knowledge(Insight.PREFERRED_PROVIDER, u.provider(), String.format(Locale.ROOT,
                        "rated %.1f of 5 on average; %d of %d ratings are good", u.meanRating(), u.positive(),
                        u.ratings()), d, new Evidence(u.ratings(), u.meanRating() - 3, liked)));
            } else if (disliked >= s.confidenceLevel()) {
                out.add(new Knowledge(Insight.DISLIKED_PROVIDER, u.provider(), String.format(Locale.ROOT,
                        "rated %.1f of 5 on average; %d of %d ratings are bad", u.meanRating(), u.negative(),
                        u.ratings()), d, new Evidence(u.ratings(), 3 - u.meanRating(), disliked)));
            }
        }
    }

    private static void bestAgents(InteractionPatterns p, LearningSettings s, List<Knowledge> out) {
        for (RoutingPattern r : p.routing()) {
            List<ArmPattern> observed = r.arms().stream().filter(a -> a.successes() + a.failures() > 0).toList();
            if (observed.size() < 2 || r.withOutcome() < s.minCalls()) {
                continue;
            }
            ArmPattern best = null;
            ArmPattern worst = null;
            for (ArmPattern a : observed) {
                if (best == null || posteriorMean(a) > posteriorMean(best)) {
                    best = a;
                }
                if (worst == null || posteriorMean(a) < posteriorMean(worst)) {
                    worst = a;
                }
            }
            long nb = best.successes() + best.failures();
            long nw = worst.successes() + worst.failures();
            double c = aboveOther(best.successes(), nb, worst.successes(), nw);
            double diff = (double) best.successes() / nb - (double) worst.successes() / nw;
            if (c >= s.confidenceLevel() && diff > 0) {
                List<Object> arms = new ArrayList<>();
                for (ArmPattern a : r.arms()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("agent", a.agent());
                    m.put("successes", a.successes());
                    m.put("failures", a.failures());
                    arms.add(m);
                }
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("capability", r.capability());
                d.put("best", best.agent());
                d.put("worst", worst.agent());
                d.put("arms", arms);
                out.add(new Knowledge(Insight.BEST_AGENT, Providers.capability(r.capability()),
                        String.format(Locale.ROOT, "%s succeeds %.1f%% of the time, %s %.1f%%: route more to %s",
                                best.agent(), 100.0 * best.successes() / nb, worst.agent(),
                                100.0 * worst.successes() / nw, best.agent()), d,
                        new Evidence(r.withOutcome(), diff, c)));
            }
        }
    }

    private static double posteriorMean(ArmPattern a) {
        return (a.successes() + 1.0) / (a.successes() + a.failures() + 2.0);
    }

    private static void reliableProviders(InteractionPatterns p, LearningSettings s, List<Knowledge> out) {
        for (SuccessIndicator x : p.successIndicators()) {
            if (!InputFeatures.ALL.equals(x.sizeClass())) {
                continue;
            }
            double c = aboveThreshold(x.successes(), x.calls(), s.reliableRate());
            if (strong(c, x.calls(), s)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("successes", x.successes());
                d.put("calls", x.calls());
                out.add(new Knowledge(Insight.RELIABLE_PROVIDER, x.provider(), String.format(Locale.ROOT,
                        "succeeds %.2f%% of %d calls", 100.0 * x.successes() / x.calls(), x.calls()), d,
                        new Evidence(x.calls(), x.rate(), c)));
            }
        }
    }
}
