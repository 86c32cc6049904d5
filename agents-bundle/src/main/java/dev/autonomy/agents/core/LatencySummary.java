package dev.autonomy.agents.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Call figures of one agent: counts over its whole life, latency percentiles over its recent calls.
 *
 * @param errorRate errors / calls, 0 without calls
 * @param p95Micros 95th percentile of the recent latencies (nearest rank), 0 without calls
 */
public record LatencySummary(long calls, long errors, double errorRate, long meanMicros, long p95Micros) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

    /**
     * @param totalMicros sum of the latencies of all {@code calls}
     * @param recent      latencies of recent calls (any order; not modified)
     */
    public static LatencySummary of(long calls, long errors, long totalMicros, long[] recent) {
        return new LatencySummary(calls, errors, calls == 0 ? 0 : (double) errors / calls,
                calls == 0 ? 0 : totalMicros / calls, percentile(recent, 95));
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} % of the values at or below it. */
    public static long percentile(long[] values, int p) {
        if (p < 1 || p > 100) {
            throw new IllegalArgumentException("p must be 1..100, was " + p);
        }
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** As the {@code statistics} of an {@code AgentInfo}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", calls);
        m.put("errors", errors);
        m.put("errorRate", errorRate);
        m.put("meanMicros", meanMicros);
        m.put("p95Micros", p95Micros);
        return m;
    }
}
