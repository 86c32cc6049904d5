package dev.autonomy.mcp.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls admitted and not yet finished (every attempt thread ended), for draining. */
final class InFlight {

    private final AtomicInteger count = new AtomicInteger();

    void begin() {
        count.incrementAndGet();
    }

    void end() {
        if (count.decrementAndGet() == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    int count() {
        return count.get();
    }

    /** Waits until no call is in flight; false if the time limit passed first. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (count.get() > 0 && System.nanoTime() < deadline) {
            synchronized (this) {
                // a short wait: end() may notify between the check and the wait
                wait(20);
            }
        }
        return count.get() == 0;
    }
}
