package dev.autonomy.control.engine;

/**
 * The newest action times of one budget, at most {@code max} of them (older ones cannot matter to a limit of
 * {@code max}), in a ring: adding is O(1) and allocation-free once the ring reached its size. Same rules as
 * {@link dev.autonomy.control.core.RateLimit}: a time {@code t} counts while {@code t > now - window}. Not
 * thread-safe: the governor uses it under its lock.
 */
final class Window {

    private final int max;
    private long[] ring;
    private int head; // index of the oldest time
    private int size;

    Window(int max) {
        this.max = Math.max(1, max);
        this.ring = new long[Math.min(this.max, 16)];
    }

    /** Adds a time not older than any before it. */
    void add(long t) {
        if (size == ring.length && size < max) {
            long[] bigger = new long[(int) Math.min(max, ring.length * 2L)];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        if (size == ring.length) { // full at max: the oldest goes
            ring[head] = t;
            head = (head + 1) % ring.length;
        } else {
            ring[(head + size) % ring.length] = t;
            size++;
        }
    }

    /** The {@code k}-th newest time (1 = newest). */
    private long newest(int k) {
        return ring[(head + size - k) % ring.length];
    }

    int used(long now, long windowMillis) {
        long floor = now - windowMillis;
        int n = 0;
        while (n < size && newest(n + 1) > floor) {
            n++;
        }
        return n;
    }

    /** When one more action fits (see {@link dev.autonomy.control.core.RateLimit#nextFree}). */
    long nextFree(int limit, long now, long windowMillis) {
        if (limit <= 0) {
            return Long.MAX_VALUE;
        }
        if (used(now, windowMillis) < limit) {
            return now;
        }
        return newest(limit) + windowMillis;
    }

    /** The times newer than {@code floor}, ascending. */
    long[] after(long floor) {
        int n = 0;
        while (n < size && newest(n + 1) > floor) {
            n++;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = newest(n - i);
        }
        return out;
    }
}
