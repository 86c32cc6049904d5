package dev.autonomy.learning.component;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The learner's own thread, {@code learning-cycle}, which runs a cycle at a fixed delay. Lock: {@code scheduleLock}
 * guards the scheduled task.
 */
final class CycleSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CycleSchedule.class);

    private final Runnable cycle;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "learning-cycle");
        t.setDaemon(true);
        return t;
    });
    private final Object scheduleLock = new Object();
    private ScheduledFuture<?> task; // scheduleLock

    CycleSchedule(Runnable cycle) {
        this.cycle = cycle;
    }

    /** Runs the cycle every {@code interval}, from one interval from now. */
    void start(Duration interval) {
        synchronized (scheduleLock) {
            if (task != null) {
                task.cancel(false);
            }
            long millis = interval.toMillis();
            task = scheduler.scheduleWithFixedDelay(cycle, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs {@code work} once on the cycle thread, at once (before the next cycle, unless one is running). */
    void soon(Runnable work) {
        scheduler.execute(work);
    }

    /** How long until the next cycle starts: zero while one runs; empty before the start. */
    Optional<Duration> untilNext() {
        ScheduledFuture<?> t;
        synchronized (scheduleLock) {
            t = task;
        }
        if (t == null || t.isDone()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(0, t.getDelay(TimeUnit.MILLISECONDS))));
    }

    /** A new interval, applied at once when the cycles run. */
    void interval(Duration interval) {
        boolean started;
        synchronized (scheduleLock) {
            started = task != null;
        }
        if (started) {
            start(interval);
        }
    }

    /** Stops: a running cycle ends on its own (it is asked to, not interrupted), within 10 s. */
    void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Learning: a cycle did not end within 10 s of the stop");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
