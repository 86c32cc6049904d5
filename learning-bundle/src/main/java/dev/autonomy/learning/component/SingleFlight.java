package dev.autonomy.learning.component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A computation run on demand, one at a time, whose result is reused for a while, so that no caller can keep it
 * running: callers that ask while it runs wait for it and share its result; a result is reused for {@code reuse}
 * from when it was made, and at least as long as it took to make (asking without pause keeps it busy at most half
 * the time). A failure is not reused: the callers waiting for it get it, the next caller computes again.
 *
 * <p>Lock: {@code flightLock} guards the last result and the computation in flight. The computation runs outside
 * it, on the thread of the caller that started it.
 */
final class SingleFlight<T> {

    private final Supplier<T> compute;
    private final Clock clock;
    private final Duration reuse;

    private final Object flightLock = new Object();
    private T last; // flightLock
    private Instant freshUntil = Instant.MIN; // flightLock
    private CompletableFuture<T> inFlight; // flightLock
    private int waiting; // flightLock

    SingleFlight(Supplier<T> compute, Clock clock, Duration reuse) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (reuse.isNegative()) {
            throw new IllegalArgumentException("reuse must be ≥ 0, was " + reuse);
        }
        this.reuse = reuse;
    }

    /** The last result while it is fresh, else the one being computed, else a new one computed on this thread. */
    T get() {
        CompletableFuture<T> other = null;
        CompletableFuture<T> mine = null;
        synchronized (flightLock) {
            if (last != null && clock.instant().isBefore(freshUntil)) {
                return last;
            }
            if (inFlight != null) {
                other = inFlight;
                waiting++;
            } else {
                inFlight = mine = new CompletableFuture<>();
            }
        }
        return mine != null ? computeHere(mine) : await(other);
    }

    /** A result made elsewhere (a scheduled run of the same computation): reused from now on like one made here. */
    void offer(T value) {
        Objects.requireNonNull(value, "value");
        synchronized (flightLock) {
            last = value;
            freshUntil = clock.instant().plus(reuse);
        }
    }

    /** How many callers wait for the computation in flight (for tests and figures). */
    int waiting() {
        synchronized (flightLock) {
            return waiting;
        }
    }

    private T computeHere(CompletableFuture<T> flight) {
        Instant started = clock.instant();
        T value;
        try {
            value = Objects.requireNonNull(compute.get(), "the computation's result");
        } catch (RuntimeException | Error e) {
            synchronized (flightLock) {
                inFlight = null;
            }
            flight.completeExceptionally(e);
            throw e;
        }
        Instant done = clock.instant();
        Duration took = Duration.between(started, done);
        synchronized (flightLock) {
            last = value;
            freshUntil = done.plus(took.compareTo(reuse) > 0 ? took : reuse);
            inFlight = null;
        }
        flight.complete(value);
        return value;
    }

    private T await(CompletableFuture<T> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } finally {
            synchronized (flightLock) {
                waiting--;
            }
        }
    }
}
