package dev.autonomy.learning.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stage 2's output, {@code InteractionPatternList}: what the experiences show, each figure with its evidence.
 *
 * @param experiences        how many experiences were analyzed
 * @param from               time of the first, or null when none
 * @param to                 time of the last, or null when none
 * @param successIndicators  success rates by provider × input size class (and {@code *} for all sizes)
 * @param failureIndicators  failure rates by provider × error class × input size class (and {@code *})
 * @param userPreferences    ratings by provider
 * @param performanceTrends  latency and failure trends by provider, with detected changes
 * @param routing            routed calls by capability and agent, with the off-policy statistics
 * @param repetition         repeated identical calls by tool: what a cache would have answered
 * @param droppedEvents      events lost by overflowing handler queues (the history has holes)
 */
public record InteractionPatterns(long experiences, Instant from, Instant to,
                                  List<SuccessIndicator> successIndicators, List<FailureIndicator> failureIndicators,
                                  List<UserPreference> userPreferences, List<PerformanceTrend> performanceTrends,
                                  List<RoutingPattern> routing, List<RepetitionPattern> repetition,
                                  long droppedEvents) {

    public static final InteractionPatterns EMPTY = new InteractionPatterns(0, null, null, List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), 0);

    public InteractionPatterns {
        successIndicators = List.copyOf(successIndicators);
        failureIndicators = List.copyOf(failureIndicators);
        userPreferences = List.copyOf(userPreferences);
        performanceTrends = List.copyOf(performanceTrends);
        routing = List.copyOf(routing);
        repetition = List.copyOf(repetition);
    }

    /**
     * Calls of a provider with inputs of one size class.
     *
     * @param retriedSuccesses successes that took more than one attempt (a retry saved them)
     */
    public record SuccessIndicator(String provider, String sizeClass, long calls, long successes,
                                   long retriedSuccesses, Interval successRate) {
        public double rate() {
            return calls == 0 ? 0 : (double) successes / calls;
        }
    }

    /**
     * Failures of one error class among the calls of a provider with inputs of one size class.
     *
     * @param transientFailure whether this class of failure tends to go away on its own ({@link Outcomes})
     * @param retryable        whether the engine's retries could fix it ({@link Outcomes#isRetryable}): transient,
     *                         and an outcome the engine retries (not a busy rejection, not a tool's error result)
     */
    public record FailureIndicator(String provider, String errorClass, String sizeClass, long failures, long calls,
                                   Interval failureRate, boolean transientFailure, boolean retryable) {
        public double rate() {
            return calls == 0 ? 0 : (double) failures / calls;
        }
    }

    /**
     * Ratings of a provider: positive is 4–5, negative 1–2.
     *
     * @param capability the capability it was rated for (routed calls), or empty
     */
    public record UserPreference(String provider, String capability, long ratings, double meanRating, long positive,
                                 long negative, Interval positiveRate, Interval negativeRate) {
    }

    /**
     * The performance of a provider over time (in the order of the experiences).
     *
     * @param calls              calls with an outcome
     * @param meanLatencyMicros  mean latency of all calls
     * @param p50Micros          median latency of successful calls (from a log histogram, within about 10 %)
     * @param p95Micros          95th percentile of successful calls
     * @param p99Micros          99th percentile of successful calls
     * @param ewmaLatencyMicros  exponentially weighted moving average of latency, the latest value
     * @param ewmaFailureRate    exponentially weighted moving average of the failure indicator
     * @param timeouts           calls that timed out
     * @param latencyChange      a detected rise of latency (Page-Hinkley on log₂ latency)
     * @param failureChange      a detected rise of the failure rate (Page-Hinkley on the failure indicator)
     */
    public record PerformanceTrend(String provider, long calls, double meanLatencyMicros, long p50Micros,
                                   long p95Micros, long p99Micros, double ewmaLatencyMicros, double ewmaFailureRate,
                                   long timeouts, Optional<ChangePoint> latencyChange,
                                   Optional<ChangePoint> failureChange) {
    }

    /**
     * A detected change of level.
     *
     * @param sequence sequence number (or, for unstored experiences, 1-based position) where the change began
     * @param time     when it began
     * @param detectedAt sequence number (or position) at which it was detected
     * @param before   the level before (micros, as a geometric mean, for latency; a rate for failures)
     * @param after    the level since
     * @param countBefore values before the change
     * @param countAfter  values since
     * @param confidence  Φ(z) of Welch's z for the rise (on the detector's scale); nominal, and optimistic, since
     *                    the detector chose the split where the difference looks largest
     */
    public record ChangePoint(long sequence, Instant time, long detectedAt, double before, double after,
                              long countBefore, long countAfter, double confidence) {
    }

    /**
     * Routed calls of one capability.
     *
     * @param logs the off-policy sufficient statistics by the candidates the router chose among and the agent it
     *             chose, so that a policy can be evaluated on the candidates of each decision
     */
    public record RoutingPattern(String capability, List<ArmPattern> arms, long decisions, long withOutcome,
                                 List<DecisionLog> logs) {
        public RoutingPattern {
            arms = List.copyOf(arms);
            logs = List.copyOf(logs);
        }

        /** Without the logs by candidates: each arm's log stands for decisions among all the arms. */
        public RoutingPattern(String capability, List<ArmPattern> arms, long decisions, long withOutcome) {
            this(capability, arms, decisions, withOutcome, arms.stream()
                    .map(a -> new DecisionLog(List.of(), a.log())).toList());
        }
    }

    /**
     * Logged decisions among the same candidates that chose the same agent ({@code log.action()}).
     *
     * @param candidates the agents the router chose among, sorted; empty when not logged (then: every arm)
     */
    public record DecisionLog(List<String> candidates, OffPolicy.ActionLog log) {
        public DecisionLog {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * The routed calls of one agent for a capability.
     *
     * @param log the off-policy sufficient statistics of decisions with a logged propensity (reward 1 = success)
     */
    public record ArmPattern(String agent, long routed, long successes, long failures, Interval successRate,
                             OffPolicy.ActionLog log) {
    }

    /**
     * Calls of a tool with a known argument fingerprint, and how many a result cache would have answered: the same
     * fingerprint succeeded before within the cache time-to-live (simulated with a direct-mapped table).
     */
    public record RepetitionPattern(String provider, long fingerprinted, long repeats, Interval repeatRate) {
    }
}
