package dev.autonomy.testkit.container;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a time limit passes (no fixed sleeps). */
public final class Await {

    private Await() {
    }

    /** Returns once {@code condition} holds; throws an {@link AssertionError} naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = 5;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + limit + " waiting for: " + what);
            }
            try {
                Thread.sleep(pause); // polling interval, not a fixed wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
            pause = Math.min(50, pause * 2);
        }
    }

    /** The first value of {@code supplier} that {@code ok} accepts, within {@code limit}. */
    public static <T> T value(String what, Duration limit, Supplier<T> supplier, Predicate<T> ok) {
        AtomicReference<T> last = new AtomicReference<>();
        until(what, limit, () -> {
            T v = supplier.get();
            last.set(v);
            return ok.test(v);
        });
        return last.get();
    }
}
