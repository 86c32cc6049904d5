package dev.autonomy.benchmarks;

import dev.autonomy.benchmarks.learning.IngestBenchmark;
import dev.autonomy.benchmarks.learning.PatternBenchmark;
import dev.autonomy.learning.core.InteractionPatterns;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Figure {@code learn}, Plugin 4 (adaptive learning):
 * <ol>
 *   <li><b>ingest</b>: experiences appended through the experience store's API with group commit (10 ms, fsync),
 *       sustained rate and append latency ({@link IngestBenchmark}, in this JVM, the store on this machine's
 *       disk under {@code target/bench});</li>
 *   <li><b>patterns</b>: pattern analysis over 1,000,000 experiences, from the store as the learning cycle does it
 *       and over an in-memory list: time and heap ({@link PatternBenchmark}, in this JVM);</li>
 *   <li><b>advice</b> and <b>policy</b>: from a decision to the first call under the new behaviour, in the running
 *       container ({@link AdaptationLatencyBenchmark}).</li>
 * </ol>
 */
public final class LearningBenchmark {

    private static final int PATTERN_EXPERIENCES = 1_000_000;

    private final Settings settings;
    private final Launched launched;

    private LearningBenchmark(Settings settings, Launched launched) {
        this.settings = settings;
        this.launched = launched;
    }

    public static void main(String[] args) {
        BenchmarkMain.run("learn", args, (settings, launched) -> new LearningBenchmark(settings, launched).run());
    }

    private void run() {
        System.out.println("== learn: experiences ingested through the store (group commit), pattern analysis over "
                + Format.count(PATTERN_EXPERIENCES) + " experiences, and from a decision (routing advice, tool policy)"
                + " to the first call under it in the container ==");
        System.out.println("    " + Machine.loadAverages() + " at the start");
        Machine.printNoteIfBusy();
        System.out.flush();
        // the parts are independent: one that fails is reported, and the others still run
        int failed = part("ingest", this::ingest) + part("patterns", this::patterns)
                + part("advice/policy", () -> new AdaptationLatencyBenchmark(settings, launched).run());
        System.out.println("    " + Machine.loadAverages() + " at the end");
        System.out.flush();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of 3 parts failed (see above)");
        }
    }

    private interface Part {
        void run() throws IOException, InterruptedException;
    }

    /** Runs a part; 1 if it failed (printed), else 0. */
    private int part(String name, Part part) {
        try {
            part.run();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
            }
            System.out.println("learn " + name + " failed: " + e + " (logs in " + settings.logs() + ")");
            System.out.flush();
            return 1;
        }
    }

    // ------------------------------------------------------------------ 1. ingest

    private void ingest() throws IOException, InterruptedException {
        Duration duration = Duration.ofSeconds(settings.quick() ? 10 : 60);
        Path dir = settings.work().resolve("learn-ingest");
        Dirs.deleteTree(dir);
        IngestBenchmark.Result r;
        try {
            r = IngestBenchmark.measure(dir, duration, s -> System.err.println("  [learn] ingest: " + s));
        } finally {
            Dirs.deleteTree(dir);
        }
        IngestBenchmark.Phase sat = r.saturated();
        IngestBenchmark.Phase paced = r.paced();
        System.out.println("learn ingest " + Format.count(sat.perMinute()) + " experiences/min sustained over "
                + Format.seconds(sat.took()) + " (goal >= 1,000,000/min; floor 1,000/min): ExperienceStore.append,"
                + " group commit " + r.settings().groupCommitMillis() + " ms or " + Format.count(r.settings()
                .batchSize()) + " appends, fsync " + (r.settings().sync() ? "on" : "off") + ", "
                + Format.count(IngestBenchmark.WINDOW) + " in flight; append-to-durable-ack p50 "
                + ms(sat.ackNanos(), 50) + " p99 " + ms(sat.ackNanos(), 99) + " (mostly waiting behind the window);"
                + " after the paced phase");
        System.out.println("learn ingest paced at 1,000,000/min offered for " + Format.seconds(paced.took()) + " ("
                + Format.count(paced.perMinute()) + "/min acknowledged): append-to-durable-ack p50 "
                + ms(paced.ackNanos(), 50) + " p99 " + ms(paced.ackNanos(), 99) + " p99.9 "
                + ms(paced.ackNanos(), 99.9) + " max " + Format.millisFromMicros(paced.ackNanos().getMaxValue()
                / 1000.0) + "; the append() call itself p50 " + us(paced.appendNanos(), 50) + " p99 "
                + us(paced.appendNanos(), 99) + " max " + micros(paced.appendNanos().getMaxValue() / 1000.0) + "; " + Format.count(paced.commits())
                + " commits, the longest commit+fsync so far " + Format.millisFromMicros(paced.maxCommitMicros()));
        var s = r.stats();
        System.out.println(String.format(Locale.ROOT, "    store: %s experiences appended in %s commits (%.0f per"
                        + " commit), %s held (%s deleted by retention, maxEntries %s), longest commit+fsync %s, file"
                        + " %.1f MB (%.0f bytes/experience held), %s; appends from one thread, %s s in all (2 s"
                        + " warm-up, then half paced, half saturated)",
                Format.count(s.appended()), Format.count(s.commits()),
                (double) s.appended() / Math.max(1, s.commits()), Format.count(s.size()),
                Format.count(s.deletedByRetention()), Format.count(r.settings().maxEntries()),
                Format.millisFromMicros(s.maxCommitMicros()), s.fileBytes() / 1e6,
                (double) s.fileBytes() / Math.max(1, s.size()), r.fileSystem(), r.duration().toSeconds() + 2));
        System.out.flush();
    }

    // ------------------------------------------------------------------ 2. patterns

    private void patterns() throws IOException {
        int warmUps = settings.quick() ? 1 : 3;
        int runs = settings.quick() ? 3 : 7;
        Path dir = settings.work().resolve("learn-patterns");
        Dirs.deleteTree(dir);
        PatternBenchmark.Result r;
        try {
            r = PatternBenchmark.measure(dir, PATTERN_EXPERIENCES, warmUps, runs,
                    s -> System.err.println("  [learn] patterns: " + s));
        } finally {
            Dirs.deleteTree(dir);
        }
        PatternBenchmark.Runs store = r.fromStore();
        PatternBenchmark.Runs memory = r.inMemory();
        System.out.println("learn patterns " + Format.count(r.analysed()) + " experiences from the store median "
                + millis(store.median()) + " (min " + millis(store.min()) + ", max " + millis(store.max())
                + ") (goal <= 2 s): ExperienceStore.forEach over the 24 h window into PatternAnalyzer.Accumulator, as"
                + " Learner.runCycle; " + mb(store.allocatedBytes()) + " allocated per analysis ("
                + Format.count((double) store.allocatedBytes() / Math.max(1, r.analysed())) + " bytes/experience),"
                + " heap in use with the store open " + mb(r.storeHeapBytes()) + " after a full GC, over the JVM's"
                + " baseline (file " + mb(r.storeFileBytes()) + ")");
        System.out.println("learn patterns " + Format.count(r.count()) + " experiences in memory median "
                + millis(memory.median()) + " (min " + millis(memory.min()) + ", max " + millis(memory.max())
                + ") (goal <= 2 s): analyzeInteractionPatterns over a List; " + mb(memory.allocatedBytes())
                + " allocated per analysis; the list holds " + mb(r.listHeapBytes()) + " of heap ("
                + Format.count((double) r.listHeapBytes() / r.count()) + " bytes/experience)");
        InteractionPatterns p = r.patterns();
        System.out.println("    " + warmUps + " warm-up + " + runs + " timed runs each, one thread; result: "
                + p.successIndicators().size() + " success rows, " + p.failureIndicators().size() + " failure rows, "
                + p.performanceTrends().size() + " trends, " + p.routing().size() + " routing patterns, "
                + p.repetition().size() + " repetition rows, " + p.userPreferences().size() + " preferences;"
                + " extractActionableKnowledge " + millis(r.knowledgeMillis()) + " (" + r.insights() + " insights);"
                + " store filled in " + millis(r.fillMillis()) + " (fsync off); max heap "
                + mb(Runtime.getRuntime().maxMemory()));
        System.out.flush();
    }

    // ------------------------------------------------------------------ helpers

    private static String ms(Histogram h, double percentile) {
        return Format.millisFromMicros(h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String us(Histogram h, double percentile) {
        return micros(h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** "0.3 µs", "23 µs". */
    private static String micros(double us) {
        return us < 10 ? String.format(Locale.ROOT, "%.1f µs", us) : Format.micros(us);
    }

    private static String millis(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : Format.millisFromMicros(ms * 1000);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
