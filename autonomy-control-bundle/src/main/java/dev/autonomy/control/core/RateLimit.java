package dev.autonomy.control.core;

/**
 * A sliding-window rate limit over action times (epoch milliseconds, ascending): an action at {@code t} counts
 * while {@code t > now - window}; there is room while fewer than {@code limit} count. Hand-computable: limit 2 per
 * hour, actions at 0 and 10 min → at 30 min there is no room, and room frees up at 60 min.
 */
public final class RateLimit {

    private RateLimit() {
    }

    /** How many of the first {@code size} times of {@code ascending} are inside the window. */
    public static int used(long[] ascending, int size, long now, long windowMillis) {
        return used(ascending, 0, size, now, windowMillis);
    }

    /** How many times of {@code ascending[from..to)} are inside the window. */
    public static int used(long[] ascending, int from, int to, long now, long windowMillis) {
        long floor = now - windowMillis;
        int n = 0;
        for (int i = to - 1; i >= from && ascending[i] > floor; i--) {
            n++;
        }
        return n;
    }

    /** Whether one more action fits. */
    public static boolean admits(long[] ascending, int size, int limit, long now, long windowMillis) {
        return used(ascending, 0, size, now, windowMillis) < limit;
    }

    /**
     * When the next action fits: {@code now} if it fits now, {@code Long.MAX_VALUE} for a limit of 0, else the time
     * at which the {@code limit}-th newest action leaves the window.
     */
    public static long nextFree(long[] ascending, int size, int limit, long now, long windowMillis) {
        return nextFree(ascending, 0, size, limit, now, windowMillis);
    }

    /** {@link #nextFree(long[], int, int, long, long)} over {@code ascending[from..to)}. */
    public static long nextFree(long[] ascending, int from, int to, int limit, long now, long windowMillis) {
        if (limit <= 0) {
            return Long.MAX_VALUE;
        }
        if (used(ascending, from, to, now, windowMillis) < limit) {
            return now;
        }
        return ascending[to - limit] + windowMillis;
    }
}
