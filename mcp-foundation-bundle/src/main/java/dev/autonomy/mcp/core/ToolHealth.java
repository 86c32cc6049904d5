package dev.autonomy.mcp.core;

/**
 * A tool's health as a client sees it in {@code server_status}, from its call figures alone: {@code unused} (no
 * call yet), {@code ok} (no error), {@code degraded} (some errors, at most half the calls), {@code failing} (more
 * than half the calls failed). Example: 10 calls, 3 errors → degraded; 10 calls, 6 errors → failing.
 */
public enum ToolHealth {
    UNUSED, OK, DEGRADED, FAILING;

    public static ToolHealth of(long calls, long errors) {
        if (calls <= 0) {
            return UNUSED;
        }
        if (errors <= 0) {
            return OK;
        }
        return errors * 2 > calls ? FAILING : DEGRADED;
    }

    /** As clients read it: lower case. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
