package dev.autonomy.learning.component;

import dev.autonomy.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The on-demand analysis's wrapper: one computation at a time, its result reused for a while. */
class SingleFlightTest {

    private final MutableClock clock = MutableClock.create();
    private final AtomicInteger runs = new AtomicInteger();

    /** A computation that counts its runs and answers the run's number. */
    private final Supplier<Integer> counted = runs::incrementAndGet;

    @Test
    void callersAskingAtOnceShareOneComputation() throws Exception {
        int callers = 8;
        AtomicReference<SingleFlight<Integer>> shared = new AtomicReference<>();
        // no reuse at all: only the single flight keeps the others from computing again; the first computation
        // ends once all the others wait for it
        shared.set(new SingleFlight<>(() -> {
            int run = runs.incrementAndGet();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (run == 1 && shared.get().waiting() < callers - 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return run;
        }, clock, Duration.ZERO));
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return shared.get().get();
                }));
            }
            go.countDown();
            for (Future<Integer> a : answers) {
                assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(shared.get().waiting()).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs).hasValue(1);
        assertThat(shared.get().get()).as("nothing in flight, nothing to reuse: a new run").isEqualTo(2);
    }

    @Test
    void aResultIsReusedWithinTheWindowAndMadeAfreshAfterIt() {
        SingleFlight<Integer> flight = new SingleFlight<>(counted, clock, Duration.ofSeconds(5));
        assertThat(flight.get()).isEqualTo(1);
        clock.advance(Duration.ofMillis(4999));
        assertThat(flight.get()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(flight.get()).isEqualTo(2);
        assertThat(flight.get()).isEqualTo(2);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aSlowResultIsReusedAsLongAsItTookToMake() {
        SingleFlight<Integer> flight = new SingleFlight<>(() -> {
            clock.advance(Duration.ofSeconds(8));
            return runs.incrementAndGet();
        }, clock, Duration.ofSeconds(5));
        assertThat(flight.get()).isEqualTo(1);
        clock.advance(Duration.ofMillis(7999));
        assertThat(flight.get()).as("8 s to make, so reused 8 s, not 5").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(flight.get()).isEqualTo(2);
    }

    @Test
    void aFailureIsNotReused() {
        RuntimeException boom = new IllegalStateException("boom");
        SingleFlight<Integer> flight = new SingleFlight<>(() -> {
            if (runs.incrementAndGet() == 1) {
                throw boom;
            }
            return runs.get();
        }, clock, Duration.ofSeconds(5));
        assertThatThrownBy(flight::get).isSameAs(boom);
        assertThat(flight.get()).isEqualTo(2);
    }

    @Test
    void aResultOfferedByTheCycleIsReusedLikeOneMadeOnDemand() {
        SingleFlight<Integer> flight = new SingleFlight<>(counted, clock, Duration.ofSeconds(5));
        flight.offer(42);
        clock.advance(Duration.ofMillis(4999));
        assertThat(flight.get()).isEqualTo(42);
        clock.advance(Duration.ofMillis(1));
        assertThat(flight.get()).isEqualTo(1);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aNegativeReuseIsRejected() {
        assertThatThrownBy(() -> new SingleFlight<>(counted, clock, Duration.ofSeconds(-1)))
                .hasMessage("reuse must be ≥ 0, was PT-1S");
    }
}
