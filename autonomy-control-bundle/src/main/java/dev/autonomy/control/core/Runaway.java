package dev.autonomy.control.core;

/**
 * Runaway detection: a target rolled back again and again within a window, or a capability whose validations keep
 * showing no gain, gets its capability paused.
 */
public final class Runaway {

    private Runaway() {
    }

    /** Whether the rollbacks of one target (ascending times, the newest included) reach the limit in the window. */
    public static boolean tooManyRollbacks(long[] ascending, int size, long now, long windowMillis, int limit) {
        return RateLimit.used(ascending, size, now, windowMillis) >= limit;
    }

    /** The streak of validations without gain after one more validation: a gain resets it. */
    public static int noGainStreak(int streak, boolean improved) {
        return improved ? 0 : streak + 1;
    }

    public static boolean noGainTrips(int streak, int limit) {
        return streak >= limit;
    }
}
