package dev.autonomy.mcp.core;

/**
 * When to send {@code notifications/tools/list_changed}: at once when none was sent within the last window, else at
 * the end of that window — so a lone change reaches clients immediately, and a burst gives one notice at its start
 * and one for the rest. Example (window 150 ms): changes at 0, 10 and 40 ms → notices at 0 and 150 ms; a change at
 * 1,000 ms → a notice at 1,000 ms.
 */
public final class ListChangedPacing {

    private ListChangedPacing() {
    }

    /** The delay, in ms, of the next notice for a change at {@code now}, the last notice sent at {@code lastSent}. */
    public static long delay(long now, long lastSent, long windowMs) {
        return Math.max(0, lastSent + windowMs - now);
    }
}
