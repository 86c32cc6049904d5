package dev.autonomy.creator.check;

/** The guard woven test code calls: counts its calls and stops the code after {@link #limit} of them. */
public final class CountingGuard {

    /** What ends woven code once the limit is reached; an Error like the real guard's cutoff. */
    public static final class Stop extends Error {
        private static final long serialVersionUID = 1L;

        Stop() {
            super("stopped", null, false, false);
        }
    }

    static int calls;
    static int limit = Integer.MAX_VALUE;

    private CountingGuard() {
    }

    public static void check() {
        if (++calls > limit) {
            throw new Stop();
        }
    }

    static void reset(int newLimit) {
        calls = 0;
        limit = newLimit;
    }
}
