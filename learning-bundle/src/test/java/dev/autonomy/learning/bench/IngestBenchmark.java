package dev.autonomy.learning.bench;

import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.learning.store.ExperienceStore;
import dev.autonomy.learning.store.StoreSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Ingest through the store API with group commit (fsync before each acknowledgement), in two phases of half the
 * duration each: saturation (as fast as the writer takes them, 4,096 in flight) for the sustained rate, then paced
 * at the goal rate (1,000,000 a minute) for the append-to-acknowledgement latency under that load.
 * Arguments: [seconds (60)] [directory (a temporary one)]. Prints figures; asserts nothing.
 */
public final class IngestBenchmark {

    private static final double GOAL_PER_MINUTE = 1_000_000;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("learning-ingest");
        StoreSettings settings = StoreSettings.DEFAULTS;
        System.out.printf(Locale.ROOT, "IngestBenchmark: %d s, store %s, groupCommitMillis=%d batchSize=%d sync=%s,"
                        + " %d cores%n", seconds, dir, settings.groupCommitMillis(), settings.batchSize(),
                settings.sync(), Runtime.getRuntime().availableProcessors());
        try (ExperienceStore store = ExperienceStore.open(dir, settings, Clock.systemUTC())) {
            warmUp(store);
            Result saturated = run(store, seconds / 2.0, 0, 4096);
            Result paced = run(store, seconds / 2.0, GOAL_PER_MINUTE / 60, 1_000_000);
            ExperienceStore.StoreStats stats = store.stats();
            System.out.printf(Locale.ROOT, "saturated: %,.0f experiences/minute (goal >= %,.0f: %s); append-to-ack "
                            + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (4,096 in flight: mostly queueing)%n",
                    saturated.perMinute(), GOAL_PER_MINUTE, saturated.perMinute() >= GOAL_PER_MINUTE ? "met" : "NOT met",
                    saturated.quantileMillis(0.5), saturated.quantileMillis(0.99), saturated.maxMillis());
            System.out.printf(Locale.ROOT, "paced at the goal (%,.0f/minute offered, %,.0f/minute acknowledged): "
                            + "append-to-ack p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", GOAL_PER_MINUTE,
                    paced.perMinute(), paced.quantileMillis(0.5), paced.quantileMillis(0.99),
                    paced.quantileMillis(0.999), paced.maxMillis());
            System.out.printf(Locale.ROOT, "store: %,d experiences, %,d commits (%.0f per commit on average), last "
                            + "commit+fsync %.2f ms, longest %.2f ms, file %,.1f MB (%.0f bytes/experience)%n",
                    stats.size(), stats.commits(), (double) stats.appended() / Math.max(1, stats.commits()),
                    stats.lastCommitMicros() / 1000.0, stats.maxCommitMicros() / 1000.0, stats.fileBytes() / 1e6,
                    (double) stats.fileBytes() / Math.max(1, stats.size()));
        } finally {
            if (args.length <= 1) {
                delete(dir);
            }
        }
    }

    private static void warmUp(ExperienceStore store) throws InterruptedException {
        run(store, 2, 0, 4096);
    }

    /** Appends for {@code seconds}, at {@code perSecond} (0 = as fast as possible), at most {@code window} open. */
    private static Result run(ExperienceStore store, double seconds, double perSecond, int window)
            throws InterruptedException {
        Histogram h = new Histogram();
        Semaphore open = new Semaphore(window);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long sent = 0;
        long i = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (perSecond > 0) {
                long due = (long) ((now - start) / 1e9 * perSecond);
                if (sent >= due) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
            }
            open.acquire();
            long t0 = System.nanoTime();
            store.append(experience(i++)).whenComplete((seq, e) -> {
                h.record(System.nanoTime() - t0);
                open.release();
            });
            sent++;
        }
        open.acquire(window); // every append acknowledged
        open.release(window);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(h, sent / elapsed * 60);
    }

    private static LearningExperience experience(long i) {
        boolean ok = i % 20 != 0;
        return LearningExperience.request(Instant.now(), "session-" + (i % 100), "request-" + i,
                "tool_" + (i % 20), ok ? "success" : "timeout", "", 500 + i % 10_000, (int) (i % 5000))
                .withInputFingerprint(1 + i % 1000);
    }

    private record Result(Histogram h, double perMinute) {
        double quantileMillis(double q) {
            return h.quantile(q) / 1e6;
        }

        double maxMillis() {
            return h.max() / 1e6;
        }
    }

    /** Latencies in nanoseconds, log-linear buckets (about 3 % wide); thread-safe. */
    private static final class Histogram {
        private final AtomicLongArray counts = new AtomicLongArray(64 * 32);
        private final AtomicLongArray max = new AtomicLongArray(1);

        void record(long nanos) {
            long v = Math.max(1, nanos);
            int e = 63 - Long.numberOfLeadingZeros(v);
            int sub = e < 5 ? 0 : (int) ((v >>> (e - 5)) & 31);
            counts.incrementAndGet(e * 32 + sub);
            max.accumulateAndGet(0, v, Math::max);
        }

        long quantile(double q) {
            long total = 0;
            for (int i = 0; i < counts.length(); i++) {
                total += counts.get(i);
            }
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank && counts.get(i) > 0) {
                    int e = i / 32;
                    int sub = i % 32;
                    return e < 5 ? 1L << e : ((32L + sub) << (e - 5)) + (1L << (e - 5)) / 2;
                }
            }
            return max();
        }

        long max() {
            return max.get(0);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
