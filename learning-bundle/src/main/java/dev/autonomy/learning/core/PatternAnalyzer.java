package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.learning.core.InteractionPatterns.ArmPattern;
import dev.autonomy.learning.core.InteractionPatterns.ChangePoint;
import dev.autonomy.learning.core.InteractionPatterns.DecisionLog;
import dev.autonomy.learning.core.InteractionPatterns.FailureIndicator;
import dev.autonomy.learning.core.InteractionPatterns.PerformanceTrend;
import dev.autonomy.learning.core.InteractionPatterns.RepetitionPattern;
import dev.autonomy.learning.core.InteractionPatterns.RoutingPattern;
import dev.autonomy.learning.core.InteractionPatterns.SuccessIndicator;
import dev.autonomy.learning.core.InteractionPatterns.UserPreference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stage 2, {@code analyze_interaction_patterns}: one pass over the experiences (oldest first) into primitive
 * accumulators keyed by provider × error class × input size class; figures and intervals are computed once at the
 * end. Memory grows with the number of providers and error classes, not with the number of experiences: a million
 * experiences take well under a second.
 *
 * <ul>
 *   <li>success and failure rates with Wilson intervals, by provider × size class and by provider × error class ×
 *       size class ({@code REQUEST} experiences);</li>
 *   <li>preferences: ratings by provider ({@code FEEDBACK});</li>
 *   <li>trends by provider: mean, percentiles (log histogram of successful latencies), EWMAs of latency and
 *       failure, and Page-Hinkley change points of log₂ latency and of the failure indicator;</li>
 *   <li>routing by capability × agent ({@code ROUTING} with an outcome), with the off-policy sums of decisions that
 *       logged a propensity;</li>
 *   <li>repetition by tool: a simulated direct-mapped result cache over the argument fingerprints.</li>
 * </ul>
 */
public final class PatternAnalyzer {

    private PatternAnalyzer() {
    }

    /** The patterns of {@code experiences} with the default settings. */
    public static InteractionPatterns analyzeInteractionPatterns(List<LearningExperience> experiences) {
        return analyzeInteractionPatterns(experiences, LearningSettings.DEFAULTS);
    }

    /** The patterns of {@code experiences}, oldest first. */
    public static InteractionPatterns analyzeInteractionPatterns(List<LearningExperience> experiences,
                                                                 LearningSettings settings) {
        Accumulator acc = new Accumulator(settings);
        for (int i = 0, n = experiences.size(); i < n; i++) {
            acc.add(experiences.get(i));
        }
        return acc.result();
    }

    /**
     * The same analysis, fed one experience at a time (for instance straight from a store scan, without a list).
     * Not thread-safe; one per analysis.
     */
    public static final class Accumulator {

        private final LearningSettings settings;
        private final double z;
        private final Map<String, ProviderAcc> providers = new HashMap<>();
        private final Map<String, RatingAcc> ratings = new HashMap<>();
        private final Map<String, RoutingAcc> routing = new HashMap<>();
        private long count;
        private long dropped;
        private Instant from;
        private Instant to;
        private String lastProvider;
        private ProviderAcc last;

        public Accumulator(LearningSettings settings) {
            this.settings = settings;
            this.z = settings.z();
        }

        public void add(LearningExperience x) {
            count++;
            Instant t = x.time();
            if (from == null || t.isBefore(from)) {
                from = t;
            }
            if (to == null || t.isAfter(to)) {
                to = t;
            }
            switch (x.kind()) {
                case REQUEST -> {
                    if (x.hasOutcome()) {
                        provider(x.provider()).add(x, count);
                    }
                }
                case ROUTING -> routing(x);
                case FEEDBACK -> {
                    if (x.rating() > 0 && !x.provider().isEmpty()) {
                        ratings.computeIfAbsent(x.provider(), RatingAcc::new).add(x.rating());
                    }
                }
                case EVENTS_DROPPED -> {
                    Object d = x.inputFeatures().get(InputFeatures.DROPPED);
                    if (d instanceof Number) {
                        dropped += ((Number) d).longValue();
                    }
                }
                case CAPABILITY_GAP, AGENT_REGISTERED, AGENT_UNREGISTERED -> {
                    // counted; nothing to accumulate for rates
                }
                default -> throw new AssertionError(x.kind());
            }
        }

        private ProviderAcc provider(String name) {
            if (name == lastProvider) { // the same instance again: the common case of a stored or generated stream
                return last;
            }
            ProviderAcc p = providers.get(name);
            if (p == null) {
                p = new ProviderAcc(name, settings);
                providers.put(name, p);
            }
            lastProvider = name;
            last = p;
            return p;
        }

        private void routing(LearningExperience x) {
            RoutingAcc r = routing.computeIfAbsent(x.capability(), k -> new RoutingAcc());
            r.decisions++;
            for (int i = 0, n = x.candidates().size(); i < n; i++) {
                r.arm(x.candidates().get(i));
            }
            String agent = Providers.name(x.provider());
            ArmAcc arm = r.arm(agent);
            arm.routed++;
            if (!x.hasOutcome()) {
                return;
            }
            r.withOutcome++;
            boolean ok = x.succeeded();
            if (ok) {
                arm.successes++;
            } else {
                arm.failures++;
            }
            double p = x.propensity();
            if (p > 0) {
                double reward = ok ? 1 : 0;
                arm.log(p, reward);
                r.decision(x.candidates(), agent).log(p, reward);
            }
        }

        public InteractionPatterns result() {
            List<SuccessIndicator> successes = new ArrayList<>();
            List<FailureIndicator> failures = new ArrayList<>();
            List<PerformanceTrend> trends = new ArrayList<>();
            List<RepetitionPattern> repetition = new ArrayList<>();
            for (ProviderAcc p : new TreeMap<>(providers).values()) {
                p.report(z, successes, failures, trends, repetition);
            }
            List<UserPreference> preferences = new ArrayList<>();
            for (RatingAcc r : new TreeMap<>(ratings).values()) {
                preferences.add(new UserPreference(r.provider, "", r.n, (double) r.sum / r.n, r.positive, r.negative,
                        Wilson.intervalZ(r.positive, r.n, z), Wilson.intervalZ(r.negative, r.n, z)));
            }
            List<RoutingPattern> routed = new ArrayList<>();
            for (Map.Entry<String, RoutingAcc> e : new TreeMap<>(routing).entrySet()) {
                RoutingAcc r = e.getValue();
                List<ArmPattern> arms = new ArrayList<>();
                for (ArmAcc a : r.arms.values()) {
                    arms.add(new ArmPattern(a.agent, a.routed, a.successes, a.failures,
                            Wilson.intervalZ(a.successes, a.successes + a.failures, z), a.actionLog()));
                }
                List<DecisionLog> logs = new ArrayList<>();
                for (ArmAcc a : r.byCandidates.values()) {
                    logs.add(new DecisionLog(a.candidates, a.actionLog()));
                }
                routed.add(new RoutingPattern(e.getKey(), arms, r.decisions, r.withOutcome, logs));
            }
            return new InteractionPatterns(count, from, to, successes, failures, preferences, trends, routed,
                    repetition, dropped);
        }
    }

    // ------------------------------------------------------------------------------------------- accumulators

    private static final int SIZES = 5; // four size classes and "unknown"

    private static final class ProviderAcc {
        final String provider;
        final LearningSettings settings;
        final long[] calls = new long[SIZES];
        final long[] successes = new long[SIZES];
        final long[] retried = new long[SIZES];
        final Map<String, long[]> failures = new HashMap<>(4);
        final LogHistogram successLatency = new LogHistogram();
        long latencyCount;
        double latencySum;
        double ewmaLatency = Double.NaN;
        double ewmaFailure = Double.NaN;
        long timeouts;
        final ChangeTracker latencyChange;
        final ChangeTracker failureChange;
        long[] slotFingerprint;
        long[] slotTime;
        long fingerprinted;
        long repeats;

        ProviderAcc(String provider, LearningSettings settings) {
            this.provider = provider;
            this.settings = settings;
            this.latencyChange = new ChangeTracker(settings.latencyChange());
            this.failureChange = new ChangeTracker(settings.failureChange());
        }

        void add(LearningExperience x, long position) {
            int size = InputFeatures.sizeClass(x.inputBytes());
            boolean ok = x.succeeded();
            calls[size]++;
            long seq = x.sequence() > 0 ? x.sequence() : position;
            double alpha = settings.ewmaAlpha();
            if (ok) {
                successes[size]++;
                Object attempts = x.inputFeatures().isEmpty() ? null : x.inputFeatures().get(InputFeatures.ATTEMPTS);
                if (attempts instanceof Number && ((Number) attempts).longValue() > 1) {
                    retried[size]++;
                }
            } else {
                long[] f = failures.get(x.errorClass());
                if (f == null) {
                    f = new long[SIZES + 1]; // last slot: 1 when transient, +2 when the engine's retries could fix it
                    f[SIZES] = (Outcomes.isTransient(x.outcome(), x.errorClass()) ? 1 : 0)
                            | (Outcomes.isRetryable(x.outcome(), x.errorClass()) ? 2 : 0);
                    failures.put(x.errorClass(), f);
                }
                f[size]++;
                if (SessionEventTypes.OUTCOME_TIMEOUT.equals(x.outcome())) {
                    timeouts++;
                }
            }
            double failure = ok ? 0 : 1;
            ewmaFailure = Double.isNaN(ewmaFailure) ? failure : ewmaFailure + alpha * (failure - ewmaFailure);
            failureChange.add(failure, seq, x.time());
            long micros = x.latencyMicros();
            if (micros >= 0) {
                latencyCount++;
                latencySum += micros;
                ewmaLatency = Double.isNaN(ewmaLatency) ? micros : ewmaLatency + alpha * (micros - ewmaLatency);
                if (ok) {
                    successLatency.record(micros);
                    latencyChange.add(log2(micros), seq, x.time());
                }
            }
            long fp = x.inputFingerprint();
            if (fp != 0) {
                simulateCache(fp, x.time().toEpochMilli(), ok);
            }
        }

        private void simulateCache(long fp, long millis, boolean ok) {
            if (slotFingerprint == null) {
                slotFingerprint = new long[settings.cacheSlots()];
                slotTime = new long[settings.cacheSlots()];
            }
            fingerprinted++;
            int slot = (int) (Holdout.mix64(fp) & (slotFingerprint.length - 1));
            boolean fresh = slotFingerprint[slot] == fp && millis - slotTime[slot] <= settings.cacheTtlMillis();
            if (fresh) {
                repeats++;
            } else if (ok) {
                slotFingerprint[slot] = fp;
                slotTime[slot] = millis;
            }
        }

        void report(double z, List<SuccessIndicator> successOut, List<FailureIndicator> failureOut,
                    List<PerformanceTrend> trendOut, List<RepetitionPattern> repetitionOut) {
            long allCalls = 0;
            long allSuccesses = 0;
            long allRetried = 0;
            for (int s = 0; s < SIZES; s++) {
                if (calls[s] > 0) {
                    successOut.add(new SuccessIndicator(provider, InputFeatures.sizeClassName(s), calls[s],
                            successes[s], retried[s], Wilson.intervalZ(successes[s], calls[s], z)));
                }
                allCalls += calls[s];
                allSuccesses += successes[s];
                allRetried += retried[s];
            }
            successOut.add(new SuccessIndicator(provider, InputFeatures.ALL, allCalls, allSuccesses, allRetried,
                    Wilson.intervalZ(allSuccesses, allCalls, z)));
            for (Map.Entry<String, long[]> e : new TreeMap<>(failures).entrySet()) {
                long[] f = e.getValue();
                boolean isTransient = (f[SIZES] & 1) != 0;
                boolean retryable = (f[SIZES] & 2) != 0;
                long all = 0;
                for (int s = 0; s < SIZES; s++) {
                    if (f[s] > 0) {
                        failureOut.add(new FailureIndicator(provider, e.getKey(), InputFeatures.sizeClassName(s), f[s],
                                calls[s], Wilson.intervalZ(f[s], calls[s], z), isTransient, retryable));
                    }
                    all += f[s];
                }
                failureOut.add(new FailureIndicator(provider, e.getKey(), InputFeatures.ALL, all, allCalls,
                        Wilson.intervalZ(all, allCalls, z), isTransient, retryable));
            }
            trendOut.add(new PerformanceTrend(provider, allCalls, latencyCount == 0 ? 0 : latencySum / latencyCount,
                    successLatency.quantile(0.50), successLatency.quantile(0.95), successLatency.quantile(0.99),
                    Double.isNaN(ewmaLatency) ? 0 : ewmaLatency, Double.isNaN(ewmaFailure) ? 0 : ewmaFailure,
                    timeouts, latencyChange.changePoint(true), failureChange.changePoint(false)));
            if (fingerprinted > 0) {
                repetitionOut.add(new RepetitionPattern(provider, fingerprinted, repeats,
                        Wilson.intervalZ(repeats, fingerprinted, z)));
            }
        }
    }

    static double log2(long micros) {
        return Math.log(micros + 1.0) * 1.4426950408889634;
    }

    /** Page-Hinkley with the position and time of the estimated start of a change, and the level since. */
    private static final class ChangeTracker {
        final PageHinkley ph;
        long startSeq;
        Instant startTime;
        long detectedAt;
        double before;
        double varianceBefore;
        long countBefore;
        double afterSum;
        double afterSumSq;
        long afterCount;

        ChangeTracker(LearningSettings.ChangeDetection d) {
            this.ph = new PageHinkley(d.delta(), d.lambda());
        }

        void add(double x, long seq, Instant time) {
            if (detectedAt != 0) {
                afterSum += x;
                afterSumSq += x * x;
                afterCount++;
                return;
            }
            boolean alarm = ph.add(x);
            if (ph.changeStart() == ph.count()) { // this value is where a change would begin
                startSeq = seq;
                startTime = time;
            }
            if (alarm) {
                detectedAt = seq;
                before = ph.meanBefore();
                varianceBefore = ph.varianceBefore();
                countBefore = ph.countBefore();
                afterCount = ph.count() - ph.countBefore();
                afterSum = ph.meanAfter() * afterCount;
                double v = ph.varianceAfter();
                afterSumSq = (Double.isNaN(v) ? 0 : v * (afterCount - 1)) + afterSum * afterSum / afterCount;
            }
        }

        Optional<ChangePoint> changePoint(boolean log2Scale) {
            if (detectedAt == 0 || startTime == null) {
                return Optional.empty();
            }
            double after = afterSum / afterCount;
            double varianceAfter = PageHinkley.variance(afterSum, afterSumSq, afterCount);
            double se = Math.sqrt((Double.isNaN(varianceBefore) ? 0 : varianceBefore / countBefore)
                    + (Double.isNaN(varianceAfter) ? 0 : varianceAfter / afterCount));
            double confidence = se > 0 ? Stats.normalCdf((after - before) / se) : after > before ? 1 : 0.5;
            if (log2Scale) {
                return Optional.of(new ChangePoint(startSeq, startTime, detectedAt, Math.pow(2, before) - 1,
                        Math.pow(2, after) - 1, countBefore, afterCount, confidence));
            }
            return Optional.of(new ChangePoint(startSeq, startTime, detectedAt, before, after, countBefore,
                    afterCount, confidence));
        }
    }

    private static final class RatingAcc {
        final String provider;
        long n;
        long sum;
        long positive;
        long negative;

        RatingAcc(String provider) {
            this.provider = provider;
        }

        void add(int rating) {
            n++;
            sum += rating;
            if (rating >= 4) {
                positive++;
            } else if (rating <= 2) {
                negative++;
            }
        }
    }

    /** Most distinct candidate sets kept per capability; decisions among further sets count as "not logged". */
    static final int MAX_CANDIDATE_SETS = 64;

    private static final class RoutingAcc {
        final Map<String, ArmAcc> arms = new LinkedHashMap<>(4);
        /** By candidate set and chosen agent: {@code sorted candidates \u0000 agent}. */
        final Map<String, ArmAcc> byCandidates = new LinkedHashMap<>(4);
        final java.util.Set<List<String>> candidateSets = new java.util.HashSet<>();
        long decisions;
        long withOutcome;

        ArmAcc arm(String agent) {
            ArmAcc a = arms.get(agent);
            if (a == null) {
                a = new ArmAcc(agent, List.of());
                arms.put(agent, a);
            }
            return a;
        }

        ArmAcc decision(List<String> candidates, String agent) {
            List<String> set = candidates;
            if (!set.isEmpty()) {
                List<String> sorted = new ArrayList<>(set);
                java.util.Collections.sort(sorted);
                set = List.copyOf(sorted);
                if (!candidateSets.contains(set)) {
                    if (candidateSets.size() >= MAX_CANDIDATE_SETS) {
                        set = List.of();
                    } else {
                        candidateSets.add(set);
                    }
                }
            }
            String key = String.join("\u0001", set) + "\u0000" + agent;
            ArmAcc a = byCandidates.get(key);
            if (a == null) {
                a = new ArmAcc(agent, set);
                byCandidates.put(key, a);
            }
            return a;
        }
    }

    private static final class ArmAcc {
        final String agent;
        final List<String> candidates;
        long routed;
        long successes;
        long failures;
        long n;
        double sumInvP;
        double sumRInvP;
        double sumInvP2;
        double sumRInvP2;
        double sumR2InvP2;

        ArmAcc(String agent, List<String> candidates) {
            this.agent = agent;
            this.candidates = candidates;
        }

        void log(double propensity, double reward) {
            double inv = 1 / propensity;
            n++;
            sumInvP += inv;
            sumRInvP += reward * inv;
            sumInvP2 += inv * inv;
            sumRInvP2 += reward * inv * inv;
            sumR2InvP2 += reward * reward * inv * inv;
        }

        OffPolicy.ActionLog actionLog() {
            return new OffPolicy.ActionLog(agent, n, sumInvP, sumRInvP, sumInvP2, sumRInvP2, sumR2InvP2);
        }
    }

    /**
     * Latencies in log-linear buckets: exact below 16 µs, then 8 buckets per power of two (a bucket is at most
     * 12.5 % wide; its midpoint is reported).
     */
    static final class LogHistogram {
        private final long[] counts = new long[16 + 59 * 8];
        private long total;

        void record(long v) {
            counts[index(v)]++;
            total++;
        }

        static int index(long v) {
            if (v < 16) {
                return (int) Math.max(0, v);
            }
            int e = 63 - Long.numberOfLeadingZeros(v);
            int sub = (int) ((v >>> (e - 3)) & 7);
            return 16 + (e - 4) * 8 + sub;
        }

        static long midpoint(int index) {
            if (index < 16) {
                return index;
            }
            int e = (index - 16) / 8 + 4;
            int sub = (index - 16) % 8;
            long lower = (8L + sub) << (e - 3);
            long width = 1L << (e - 3);
            return lower + width / 2;
        }

        long quantile(double q) {
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return midpoint(i);
                }
            }
            return midpoint(counts.length - 1);
        }
    }
}
