package dev.autonomy.benchmarks.learning;

import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.learning.store.ExperienceStore;
import dev.autonomy.learning.store.StoreSettings;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Experiences ingested through the learning bundle's {@link ExperienceStore} API with its default settings: group
 * commit every 10 ms (or every 4,096 appends), the file forced to disk before each acknowledgement. After a 2 s
 * warm-up, two phases of half the duration each: paced at the goal rate ({@value #GOAL_PER_MINUTE} a minute) for
 * the latency under that load, then saturation (as fast as the writer takes them, {@value #WINDOW} appends in
 * flight) for the sustained rate. Paced first: a saturated phase soon fills the store beyond its retention limit
 * (5,000,000), and the paced phase would then also measure retention catching up. Latencies: the {@code append} call itself (it only enqueues; it waits when the
 * queue is full), and from the call until the future completed (the experience is durable: committed and
 * fsync'ed).
 *
 * <p>Moved here from the learning bundle's tests; prints nothing, {@code LearningBenchmark} prints the figures.
 */
public final class IngestBenchmark {

    public static final double GOAL_PER_MINUTE = 1_000_000;
    public static final int WINDOW = 4096;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private IngestBenchmark() {
    }

    /**
     * One phase.
     *
     * @param perMinute experiences acknowledged per minute (sent over the phase, all acknowledged at its end)
     * @param appendNanos the {@code append} call (enqueueing)
     * @param ackNanos    from the call until the experience was acknowledged durable
     * @param commits     commits (each forced to disk) during the phase
     * @param maxCommitMicros the longest commit+fsync since the store opened, at the phase's end
     */
    public record Phase(double perMinute, long experiences, Duration took, Histogram appendNanos,
                        Histogram ackNanos, long commits, long maxCommitMicros) {
    }

    public record Result(StoreSettings settings, Duration duration, Phase saturated, Phase paced,
                         ExperienceStore.StoreStats stats, String fileSystem) {
    }

    /** Ingests into a new store in {@code dir} (which should not exist or be empty) for {@code duration}. */
    public static Result measure(Path dir, Duration duration, Consumer<String> progress)
            throws IOException, InterruptedException {
        StoreSettings settings = StoreSettings.DEFAULTS;
        Files.createDirectories(dir);
        try (ExperienceStore store = ExperienceStore.open(dir, settings, Clock.systemUTC())) {
            progress.accept("warm-up " + WARM_UP.toSeconds() + " s");
            run(store, WARM_UP, 0, WINDOW);
            Duration half = duration.dividedBy(2);
            progress.accept("paced at " + (long) GOAL_PER_MINUTE + "/min, " + half.toSeconds() + " s");
            Phase paced = run(store, half, GOAL_PER_MINUTE / 60, 1_000_000);
            progress.accept("saturation " + half.toSeconds() + " s (" + WINDOW + " in flight)");
            Phase saturated = run(store, half, 0, WINDOW);
            return new Result(settings, duration, saturated, paced, store.stats(), fileSystemOf(dir));
        }
    }

    /** Appends for {@code duration} at {@code perSecond} (0: as fast as possible), at most {@code window} open. */
    private static Phase run(ExperienceStore store, Duration duration, double perSecond, int window)
            throws InterruptedException {
        Histogram append = new Histogram(HIGHEST_NANOS, 3);
        Histogram ack = new ConcurrentHistogram(HIGHEST_NANOS, 3); // completed on the writer thread
        Semaphore open = new Semaphore(window);
        long commitsBefore = store.stats().commits();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (perSecond > 0 && sent >= (long) ((now - start) / 1e9 * perSecond)) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            open.acquire();
            long t0 = System.nanoTime();
            var done = store.append(experience(sent));
            long t1 = System.nanoTime();
            append.recordValue(Math.min(HIGHEST_NANOS, t1 - t0));
            done.whenComplete((seq, e) -> {
                ack.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - t0));
                open.release();
            });
            sent++;
        }
        open.acquire(window); // every append acknowledged
        open.release(window);
        long took = System.nanoTime() - start;
        ExperienceStore.StoreStats stats = store.stats();
        return new Phase(sent / (took / 1e9) * 60, sent, Duration.ofNanos(took), append, ack,
                stats.commits() - commitsBefore, stats.maxCommitMicros());
    }

    /** A request experience as the learning bundle records one: 20 tools, 5 % failures, fingerprints. */
    private static LearningExperience experience(long i) {
        boolean ok = i % 20 != 0;
        return LearningExperience.request(Instant.now(), "session-" + (i % 100), "request-" + i,
                "tool_" + (i % 20), ok ? "success" : "timeout", "", 500 + i % 10_000, (int) (i % 5000))
                .withInputFingerprint(1 + i % 1000);
    }

    /** "ext4 on /" for the file system holding {@code path} (from /proc/mounts), or "unknown". */
    static String fileSystemOf(Path path) {
        try {
            Path real = path.toRealPath();
            String best = "";
            String type = "unknown";
            List<String> mounts = new ArrayList<>(Files.readAllLines(Path.of("/proc/mounts")));
            for (String line : mounts) {
                String[] f = line.split(" ");
                if (f.length >= 3 && real.startsWith(f[1].replace("\\040", " ")) && f[1].length() >= best.length()) {
                    best = f[1];
                    type = f[2];
                }
            }
            return best.isEmpty() ? "unknown" : type + " on " + best;
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
