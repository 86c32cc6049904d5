package dev.autonomy.mcp.core;

/**
 * The invocation policy of one tool, resolved from the operator's and autonomy's configurations.
 *
 * @param timeoutMs        time limit of one attempt, > 0
 * @param maxConcurrency   calls at once, 0 = unlimited
 * @param cacheTtlMs       result cache validity, 0 = no cache
 * @param cacheMaxEntries  cache size bound, >= 1
 * @param retries          extra attempts after an exception or a timeout (idempotent tools only)
 * @param retryBackoffMs   pause before the first retry, doubled each time
 */
public record ToolPolicy(long timeoutMs, int maxConcurrency, long cacheTtlMs, int cacheMaxEntries, int retries,
                         long retryBackoffMs) {

    public static final ToolPolicy DEFAULTS = new ToolPolicy(30_000, 0, 0, 256, 0, 50);

    public ToolPolicy {
        check("timeoutMs", timeoutMs, 1, 3_600_000);
        check("maxConcurrency", maxConcurrency, 0, 100_000);
        check("cacheTtlMs", cacheTtlMs, 0, 86_400_000);
        check("cacheMaxEntries", cacheMaxEntries, 1, 1_000_000);
        check("retries", retries, 0, 10);
        check("retryBackoffMs", retryBackoffMs, 0, 60_000);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }

    public ToolPolicy withTimeoutMs(long v) {
        return new ToolPolicy(v, maxConcurrency, cacheTtlMs, cacheMaxEntries, retries, retryBackoffMs);
    }

    public ToolPolicy withMaxConcurrency(int v) {
        return new ToolPolicy(timeoutMs, v, cacheTtlMs, cacheMaxEntries, retries, retryBackoffMs);
    }

    public ToolPolicy withCacheTtlMs(long v) {
        return new ToolPolicy(timeoutMs, maxConcurrency, v, cacheMaxEntries, retries, retryBackoffMs);
    }

    public ToolPolicy withRetries(int v) {
        return new ToolPolicy(timeoutMs, maxConcurrency, cacheTtlMs, cacheMaxEntries, v, retryBackoffMs);
    }

    public boolean cacheEnabled() {
        return cacheTtlMs > 0;
    }
}
