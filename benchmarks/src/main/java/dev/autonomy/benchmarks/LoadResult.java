package dev.autonomy.benchmarks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured point of the load generator, passed from its JVM to the benchmark as a single line
 * {@code RESULT key=value ...} on stdout.
 *
 * @param callsPerSecond  completed calls in the measured period per second
 * @param p50Micros       median latency of a call
 * @param p99Micros       99th percentile latency
 * @param serverCpuMicros server CPU (user + system, all its processes) per call
 * @param clientCpuMicros load generator CPU per call
 * @param calls           calls in the measured period
 * @param errors          failed calls (errors or exceptions), warm-up included
 */
record LoadResult(double callsPerSecond, double p50Micros, double p99Micros, double serverCpuMicros,
                  double clientCpuMicros, long calls, long errors) {

    private static final String PREFIX = "RESULT ";

    String toLine() {
        return String.format(Locale.ROOT, PREFIX + "callsPerSecond=%.1f p50Micros=%.1f p99Micros=%.1f "
                        + "serverCpuMicros=%.1f clientCpuMicros=%.1f calls=%d errors=%d",
                callsPerSecond, p50Micros, p99Micros, serverCpuMicros, clientCpuMicros, calls, errors);
    }

    static boolean isResultLine(String line) {
        return line.startsWith(PREFIX);
    }

    static LoadResult parse(String line) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new LoadResult(
                Double.parseDouble(values.get("callsPerSecond")),
                Double.parseDouble(values.get("p50Micros")),
                Double.parseDouble(values.get("p99Micros")),
                Double.parseDouble(values.get("serverCpuMicros")),
                Double.parseDouble(values.get("clientCpuMicros")),
                Long.parseLong(values.get("calls")),
                Long.parseLong(values.get("errors")));
    }

    /** "1,520 calls/s p50 4.1 ms p99 9.8 ms cpu 61 µs/call" */
    String summary() {
        return Format.count(callsPerSecond) + " calls/s p50 " + Format.millisFromMicros(p50Micros)
                + " p99 " + Format.millisFromMicros(p99Micros) + " cpu " + Format.micros(serverCpuMicros) + "/call"
                + (errors > 0 ? " (" + Format.count(errors) + " errors!)" : "");
    }
}
