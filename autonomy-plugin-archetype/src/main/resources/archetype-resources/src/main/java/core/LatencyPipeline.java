package ${package}.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline, as pure functions: {@code observe} → {@code findSlow} → {@code plan}, or all three with
 * {@code run}. Same input, same output; nothing here reads a clock, a file or a service.
 */
public final class LatencyPipeline {

    private LatencyPipeline() {
    }

    /** All three stages: the time limits planned for the slow tools among {@code samples}. */
    public static List<TimeoutPlan> run(List<RequestSample> samples, Settings settings) {
        return plan(findSlow(observe(samples), settings), settings);
    }

    /** Stage 1: per tool (by name), its calls, its timeouts and its p95 duration (nearest rank). */
    public static List<ToolLatency> observe(List<RequestSample> samples) {
        Map<String, List<RequestSample>> byTool = new TreeMap<>();
        for (RequestSample s : samples) {
            byTool.computeIfAbsent(s.tool(), t -> new ArrayList<>()).add(s);
        }
        List<ToolLatency> out = new ArrayList<>();
        byTool.forEach((tool, list) -> {
            long[] micros = list.stream().mapToLong(RequestSample::durationMicros).sorted().toArray();
            long timeouts = list.stream().filter(RequestSample::timedOut).count();
            out.add(new ToolLatency(tool, micros.length, timeouts, percentile(micros, 95)));
        });
        return List.copyOf(out);
    }

    /** Stage 2: the tools with at least {@code minCalls} calls whose p95 is at least {@code slowMs}, slowest first. */
    public static List<ToolLatency> findSlow(List<ToolLatency> latencies, Settings settings) {
        return latencies.stream()
                .filter(l -> l.calls() >= settings.minCalls() && l.p95Micros() >= settings.slowMs() * 1000)
                .sorted(Comparator.comparingLong(ToolLatency::p95Micros).reversed()
                        .thenComparing(ToolLatency::tool))
                .toList();
    }

    /**
     * Stage 3: a time limit for each slow tool: p95 × headroom, rounded up to whole 100 ms, within the settings'
     * bounds.
     */
    public static List<TimeoutPlan> plan(List<ToolLatency> slow, Settings settings) {
        List<TimeoutPlan> out = new ArrayList<>();
        for (ToolLatency l : slow) {
            long ms = (long) Math.ceil(l.p95Micros() * settings.headroom() / 1000.0);
            long rounded = (ms + 99) / 100 * 100;
            long timeoutMs = Math.max(settings.minTimeoutMs(), Math.min(settings.maxTimeoutMs(), rounded));
            String reason = String.format(Locale.ROOT, "p95 %d ms over %d calls (%d timed out); limit = p95 x %s",
                    l.p95Ms(), l.calls(), l.timeouts(), settings.headroom());
            out.add(new TimeoutPlan(l.tool(), timeoutMs, reason));
        }
        return List.copyOf(out);
    }

    /** The {@code p}-th percentile of sorted values, nearest rank: the value at rank ceil(p/100 × n). */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
