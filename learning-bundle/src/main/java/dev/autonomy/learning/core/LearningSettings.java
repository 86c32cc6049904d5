package dev.autonomy.learning.core;

import java.time.Duration;

/**
 * Validated settings of learning (configuration PID {@code dev.autonomy.learning}). Bad values are rejected with a
 * message naming the field, the range and the value.
 *
 * @param confidenceLevel confidence level of intervals and knowledge, in (0.5, 1) (default 0.95)
 * @param minCalls least observations before a rate counts as evidence (1..1000000) (default 30)
 * @param routingFloor least routing probability of any agent, ε (0.001..0.5) (default 0.02): never 0, so that every
 *                     logged propensity stays positive and the off-policy estimates stay unbiased (positivity)
 * @param routingDraws Monte Carlo draws per routing computation (100..1000000) (default 4000)
 * @param holdoutShare share of traffic kept on the old behaviour during an experiment (0.01..0.49) (default 0.10)
 * @param alpha error bound of the sequential test (0.001..0.2) (default 0.05)
 * @param maxExperimentUnits units after which an undecided experiment is reverted (100..100000000) (default 20000)
 * @param maxExperimentDuration time after which an undecided experiment is reverted; with the cycle it must end
 *                     before the governor's lease does (the component clamps it to 540 s − the cycle) (default 600 s)
 * @param maxConcurrentExperiments experiments open at once (1..100) (default 5)
 * @param revertCooldown how long a reverted change of a target is not proposed again (default 1 h)
 * @param minTransientFailureRate transient failure rate (lower confidence bound) that makes retries worth proposing (0..1) (default 0.02)
 * @param maxRetries most retries learning proposes (0..10), within the operator's bounds (default 2)
 * @param minRepeatRate share of calls a cache would answer (lower confidence bound) that makes a cache worth proposing (default 0.2)
 * @param cacheTtlMillis cache lifetime simulated and proposed, in ms (1..86400000) (default 60000)
 * @param cacheSlots entries of the simulated cache per tool, a power of two (16..1048576) (default 1024)
 * @param ewmaAlpha weight of the newest value in moving averages (0..1) (default 0.05)
 * @param latencyChange Page-Hinkley δ and λ on log₂ latency (default (0.25, 50))
 * @param failureChange Page-Hinkley δ and λ on the failure indicator (default (0.01, 50))
 * @param minRatings least ratings before a preference counts (1..10000) (default 5)
 * @param reliableRate success rate (lower confidence bound) of a reliable provider (0.5..1) (default 0.99)
 */
public record LearningSettings(double confidenceLevel,
                               int minCalls,
                               double routingFloor,
                               int routingDraws,
                               double holdoutShare,
                               double alpha,
                               long maxExperimentUnits,
                               Duration maxExperimentDuration,
                               int maxConcurrentExperiments,
                               Duration revertCooldown,
                               double minTransientFailureRate,
                               int maxRetries,
                               double minRepeatRate,
                               long cacheTtlMillis,
                               int cacheSlots,
                               double ewmaAlpha,
                               ChangeDetection latencyChange,
                               ChangeDetection failureChange,
                               int minRatings,
                               double reliableRate) {

    /** Page-Hinkley parameters: tolerated drift δ and alarm threshold λ. */
    public record ChangeDetection(double delta, double lambda) {
        public ChangeDetection {
            if (!(delta >= 0) || Double.isInfinite(delta)) {
                throw new IllegalArgumentException("delta must be finite and >= 0, was " + delta);
            }
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
            }
        }
    }

    public static final LearningSettings DEFAULTS = new LearningSettings(0.95, 30, 0.02, 4000, 0.10, 0.05, 20000, Duration.ofSeconds(600), 5, Duration.ofHours(1), 0.02, 2, 0.2, 60000, 1024, 0.05, new ChangeDetection(0.25, 50), new ChangeDetection(0.01, 50), 5, 0.99);

    public LearningSettings {
        if (!(confidenceLevel > 0.5 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be 0.5 < confidenceLevel < 1, was " + confidenceLevel);
        }
        if (minCalls < 1 || minCalls > 1_000_000) {
            throw new IllegalArgumentException("minCalls must be 1..1000000, was " + minCalls);
        }
        if (!(routingFloor >= 0.001 && routingFloor <= 0.5)) {
            throw new IllegalArgumentException("routingFloor must be 0.001..0.5, was " + routingFloor);
        }
        if (routingDraws < 100 || routingDraws > 1_000_000) {
            throw new IllegalArgumentException("routingDraws must be 100..1000000, was " + routingDraws);
        }
        if (!(holdoutShare >= 0.01 && holdoutShare <= 0.49)) {
            throw new IllegalArgumentException("holdoutShare must be 0.01..0.49, was " + holdoutShare);
        }
        if (!(alpha >= 0.001 && alpha <= 0.2)) {
            throw new IllegalArgumentException("alpha must be 0.001..0.2, was " + alpha);
        }
        if (maxExperimentUnits < 100 || maxExperimentUnits > 100_000_000) {
            throw new IllegalArgumentException("maxExperimentUnits must be 100..100000000, was " + maxExperimentUnits);
        }
        if (maxExperimentDuration == null || maxExperimentDuration.isNegative() || maxExperimentDuration.isZero()) {
            throw new IllegalArgumentException("maxExperimentDuration must be positive, was " + maxExperimentDuration);
        }
        if (maxConcurrentExperiments < 1 || maxConcurrentExperiments > 100) {
            throw new IllegalArgumentException("maxConcurrentExperiments must be 1..100, was " + maxConcurrentExperiments);
        }
        if (revertCooldown == null || revertCooldown.isNegative()) {
            throw new IllegalArgumentException("revertCooldown must be not negative, was " + revertCooldown);
        }
        if (!(minTransientFailureRate > 0 && minTransientFailureRate < 1)) {
            throw new IllegalArgumentException("minTransientFailureRate must be in (0, 1), was " + minTransientFailureRate);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be 0..10, was " + maxRetries);
        }
        if (!(minRepeatRate > 0 && minRepeatRate < 1)) {
            throw new IllegalArgumentException("minRepeatRate must be in (0, 1), was " + minRepeatRate);
        }
        if (cacheTtlMillis < 1 || cacheTtlMillis > 86_400_000) {
            throw new IllegalArgumentException("cacheTtlMillis must be 1..86400000, was " + cacheTtlMillis);
        }
        if (cacheSlots < 16 || cacheSlots > 1_048_576 || Integer.bitCount(cacheSlots) != 1) {
            throw new IllegalArgumentException("cacheSlots must be a power of two in 16..1048576, was " + cacheSlots);
        }
        if (!(ewmaAlpha > 0 && ewmaAlpha <= 1)) {
            throw new IllegalArgumentException("ewmaAlpha must be in (0, 1], was " + ewmaAlpha);
        }
        if (latencyChange == null) {
            throw new IllegalArgumentException("latencyChange must be given, was " + latencyChange);
        }
        if (failureChange == null) {
            throw new IllegalArgumentException("failureChange must be given, was " + failureChange);
        }
        if (minRatings < 1 || minRatings > 10_000) {
            throw new IllegalArgumentException("minRatings must be 1..10000, was " + minRatings);
        }
        if (!(reliableRate >= 0.5 && reliableRate < 1)) {
            throw new IllegalArgumentException("reliableRate must be 0.5..1, was " + reliableRate);
        }
    }

    /** The two-sided z of {@link #confidenceLevel}. */
    public double z() {
        return Stats.zForConfidence(confidenceLevel);
    }

    public LearningSettings withConfidenceLevel(double v) {
        return new LearningSettings(v, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withMinCalls(int v) {
        return new LearningSettings(confidenceLevel, v, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withRoutingFloor(double v) {
        return new LearningSettings(confidenceLevel, minCalls, v, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withRoutingDraws(int v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, v, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withHoldoutShare(double v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, v, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withAlpha(double v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, v, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withMaxExperimentUnits(long v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, v, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withMaxExperimentDuration(Duration v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, v, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withMaxConcurrentExperiments(int v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, v, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withRevertCooldown(Duration v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, v, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withMinTransientFailureRate(double v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, v, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withMaxRetries(int v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, v, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withMinRepeatRate(double v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, v, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withCacheTtlMillis(long v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, v, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withCacheSlots(int v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, v, ewmaAlpha, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withEwmaAlpha(double v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, v, latencyChange, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withLatencyChange(ChangeDetection v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, v, failureChange, minRatings, reliableRate);
    }

    public LearningSettings withFailureChange(ChangeDetection v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, v, minRatings, reliableRate);
    }

    public LearningSettings withMinRatings(int v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, v, reliableRate);
    }

    public LearningSettings withReliableRate(double v) {
        return new LearningSettings(confidenceLevel, minCalls, routingFloor, routingDraws, holdoutShare, alpha, maxExperimentUnits, maxExperimentDuration, maxConcurrentExperiments, revertCooldown, minTransientFailureRate, maxRetries, minRepeatRate, cacheTtlMillis, cacheSlots, ewmaAlpha, latencyChange, failureChange, minRatings, v);
    }

}
