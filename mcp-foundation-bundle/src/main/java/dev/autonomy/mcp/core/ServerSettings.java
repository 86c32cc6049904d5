package dev.autonomy.mcp.core;

/**
 * Validated settings of the MCP server (configuration PID {@code dev.autonomy.mcp}).
 */
public record ServerSettings(String serverName, int pageSize, long listChangedDebounceMs,
                             long sessionIdleTimeoutSeconds, int recentRequests, long defaultTimeoutMs,
                             int maxArgumentBytes, long drainTimeoutSeconds) {

    public static final ServerSettings DEFAULTS = new ServerSettings("autonomy-mcp", 50, 150, 1800, 20, 30_000,
            262_144, 10);

    public ServerSettings {
        if (serverName == null || serverName.isBlank()) {
            throw new IllegalArgumentException("serverName must not be blank");
        }
        range("pageSize", pageSize, 1, 1000);
        range("listChangedDebounceMs", listChangedDebounceMs, 0, 10_000);
        range("sessionIdleTimeoutSeconds", sessionIdleTimeoutSeconds, 1, 604_800);
        range("recentRequests", recentRequests, 0, 1000);
        range("defaultTimeoutMs", defaultTimeoutMs, 1, 3_600_000);
        range("maxArgumentBytes", maxArgumentBytes, 1024, 64 * 1024 * 1024);
        range("drainTimeoutSeconds", drainTimeoutSeconds, 0, 600);
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + v);
        }
    }
}
