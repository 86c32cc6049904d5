package dev.autonomy.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How figures are printed: thousands separators, a sensible number of digits, the unit after the number. */
final class Format {

    private Format() {
    }

    static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    /** Milliseconds from microseconds: "0.42 ms", "4.1 ms", "120 ms". */
    static String millisFromMicros(double micros) {
        double ms = micros / 1000.0;
        String pattern = ms < 1 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms";
        return String.format(Locale.ROOT, pattern, ms);
    }

    static String micros(double micros) {
        return String.format(Locale.ROOT, "%.0f µs", micros);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    static String seconds(List<Duration> runs) {
        return runs.stream().map(Format::seconds).collect(Collectors.joining(", "));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    /** The median (the mean of the middle two for an even count). */
    static Duration median(List<Duration> runs) {
        List<Duration> sorted = runs.stream().sorted().collect(Collectors.toList());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    static Duration max(List<Duration> runs) {
        return runs.stream().max(Duration::compareTo).orElseThrow();
    }
}
