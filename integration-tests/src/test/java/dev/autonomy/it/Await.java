package dev.autonomy.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a time limit passes (no fixed sleeps). */
final class Await {

    private Await() {
    }

    static void until(String what, Duration limit, BooleanSupplier condition) {
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

    static <T> T value(String what, Duration limit, Supplier<T> supplier, java.util.function.Predicate<T> ok) {
        Object[] last = new Object[1];
        until(what, limit, () -> {
            T v = supplier.get();
            last[0] = v;
            return ok.test(v);
        });
        @SuppressWarnings("unchecked")
        T v = (T) last[0];
        return v;
    }
}
