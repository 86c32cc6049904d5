package dev.autonomy.testkit.traffic;

import java.util.Arrays;

/**
 * What N calls did: how many failed (an error result) or threw, and their latencies in microseconds (nearest-rank
 * percentiles, so every figure is one of the measured values).
 */
public record TrafficFigures(int calls, int failures, int exceptions, long minMicros, double meanMicros,
                             long p50Micros, long p95Micros, long p99Micros, long maxMicros) {

    /** Figures of these latencies (one per call, in any order) and outcome counts; pure. */
    public static TrafficFigures of(long[] latenciesMicros, int failures, int exceptions) {
        if (failures < 0 || exceptions < 0 || failures + exceptions > latenciesMicros.length) {
            throw new IllegalArgumentException("failures + exceptions must be 0.." + latenciesMicros.length
                    + ", was " + failures + " + " + exceptions);
        }
        int n = latenciesMicros.length;
        if (n == 0) {
            return new TrafficFigures(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        long[] sorted = latenciesMicros.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new TrafficFigures(n, failures, exceptions, sorted[0], mean, rank(sorted, 0.50), rank(sorted, 0.95),
                rank(sorted, 0.99), sorted[n - 1]);
    }

    /** The nearest-rank percentile: the smallest value with at least {@code q} of the values at or below it. */
    static long rank(long[] sorted, double q) {
        int r = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, r - 1)];
    }

    /** Calls that did not succeed (error results and exceptions). */
    public int unsuccessful() {
        return failures + exceptions;
    }

    /** The share of calls that did not succeed. */
    public double failureRate() {
        return calls == 0 ? 0 : (double) unsuccessful() / calls;
    }
}
