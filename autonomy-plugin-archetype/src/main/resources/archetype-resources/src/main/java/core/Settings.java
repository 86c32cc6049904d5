package ${package}.core;

/**
 * The pipeline's settings, validated: a tool is slow when it has at least {@code minCalls} calls and its p95 is at
 * least {@code slowMs}; its planned time limit is p95 × {@code headroom}, rounded up to whole 100 ms and kept within
 * {@code minTimeoutMs}..{@code maxTimeoutMs}.
 *
 * @param slowMs       the p95 (ms) from which a tool counts as slow, 0..3600000
 * @param minCalls     the calls a tool needs before it is judged, 1..100000
 * @param headroom     the factor over p95 the time limit leaves, 1..10
 * @param minTimeoutMs the shortest time limit planned, 1..3600000
 * @param maxTimeoutMs the longest time limit planned, minTimeoutMs..3600000
 */
public record Settings(long slowMs, int minCalls, double headroom, long minTimeoutMs, long maxTimeoutMs) {

    public static final long MAX_MS = 3_600_000;
    public static final Settings DEFAULTS = new Settings(1_000, 20, 1.5, 1_000, 120_000);

    public Settings {
        if (slowMs < 0 || slowMs > MAX_MS) {
            throw new IllegalArgumentException("slowMs must be 0.." + MAX_MS + ", was " + slowMs);
        }
        if (minCalls < 1 || minCalls > 100_000) {
            throw new IllegalArgumentException("minCalls must be 1..100000, was " + minCalls);
        }
        if (!(headroom >= 1 && headroom <= 10)) {
            throw new IllegalArgumentException("headroom must be 1..10, was " + headroom);
        }
        if (minTimeoutMs < 1 || minTimeoutMs > MAX_MS) {
            throw new IllegalArgumentException("minTimeoutMs must be 1.." + MAX_MS + ", was " + minTimeoutMs);
        }
        if (maxTimeoutMs < minTimeoutMs || maxTimeoutMs > MAX_MS) {
            throw new IllegalArgumentException("maxTimeoutMs must be " + minTimeoutMs + ".." + MAX_MS + ", was "
                    + maxTimeoutMs);
        }
    }

    public Settings withSlowMs(long value) {
        return new Settings(value, minCalls, headroom, minTimeoutMs, maxTimeoutMs);
    }

    public Settings withMinCalls(int value) {
        return new Settings(slowMs, value, headroom, minTimeoutMs, maxTimeoutMs);
    }

    public Settings withHeadroom(double value) {
        return new Settings(slowMs, minCalls, value, minTimeoutMs, maxTimeoutMs);
    }

    public Settings withTimeoutBounds(long min, long max) {
        return new Settings(slowMs, minCalls, headroom, min, max);
    }
}
