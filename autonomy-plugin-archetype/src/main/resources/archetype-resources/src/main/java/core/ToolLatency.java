package ${package}.core;

/**
 * What the samples of one tool add up to.
 *
 * @param tool      the tool
 * @param calls     calls observed
 * @param timeouts  of which ended by their time limit
 * @param p95Micros the 95th percentile of their durations (nearest rank)
 */
public record ToolLatency(String tool, long calls, long timeouts, long p95Micros) {

    public ToolLatency {
        if (tool == null || tool.isBlank()) {
            throw new IllegalArgumentException("tool must not be blank");
        }
        if (calls < 1 || timeouts < 0 || timeouts > calls || p95Micros < 0) {
            throw new IllegalArgumentException("need calls >= 1, 0 <= timeouts <= calls, p95Micros >= 0; was calls="
                    + calls + ", timeouts=" + timeouts + ", p95Micros=" + p95Micros);
        }
    }

    /** The 95th percentile in whole milliseconds, rounded up. */
    public long p95Ms() {
        return (p95Micros + 999) / 1000;
    }
}
