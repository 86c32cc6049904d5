package dev.autonomy.foundation.api.tool;

/**
 * Configuration keys of tool invocation policies. The operator writes factory configurations of
 * {@value #OPERATOR_FACTORY_PID} (files {@code etc/dev.autonomy.tool.policy-<tool>.cfg}); they set values and the
 * bounds within which autonomy may tune them. Autonomy writes factory configurations of
 * {@value #AUTONOMY_FACTORY_PID} through ConfigAdmin (never files in {@code etc/}); the foundation clamps them to
 * the operator's bounds, and the operator's value wins where no autonomous override exists.
 */
public final class ToolPolicyKeys {

    private ToolPolicyKeys() {
    }

    /** Operator-owned policies (one factory configuration per tool). */
    public static final String OPERATOR_FACTORY_PID = "dev.autonomy.tool.policy";
    /** Autonomy-owned overrides (one factory configuration per tool), clamped to the operator's bounds. */
    public static final String AUTONOMY_FACTORY_PID = "dev.autonomy.tool.policy.auto";

    /** The tool the policy applies to; {@code *} for the default of every tool. */
    public static final String TOOL = "tool";
    /** Time limit of one call in milliseconds; 0 means the global default. */
    public static final String TIMEOUT_MS = "timeoutMs";
    /** Calls allowed at once; further calls get a "busy" error result at once. 0 means unlimited. */
    public static final String MAX_CONCURRENCY = "maxConcurrency";
    /** How long a cached result stays valid in milliseconds; 0 disables the cache. */
    public static final String CACHE_TTL_MS = "cacheTtlMs";
    /** Most results kept in the cache. */
    public static final String CACHE_MAX_ENTRIES = "cacheMaxEntries";
    /** Extra attempts after a failure (idempotent tools only). */
    public static final String RETRIES = "retries";
    /** Pause before a retry in milliseconds, doubled each time. */
    public static final String RETRY_BACKOFF_MS = "retryBackoffMs";

    /** Prefix of the bounds keys: {@code max.timeoutMs}, {@code min.retries} etc. bound autonomous overrides. */
    /**
     * Autonomy layer only: the share of calls (0 to 0.5) that keep the operator's policy while autonomy's override
     * is being evaluated, so the two can be compared. Calls are assigned by a hash of {@link #EXPERIMENT} and the
     * request id; request events carry the assignment ({@code SessionEventTypes.VARIANT}).
     */
    public static final String HOLDOUT_SHARE = "holdoutShare";
    /** Autonomy layer only: the name of the experiment an override belongs to (required with a holdout). */
    public static final String EXPERIMENT = "experiment";
    /**
     * Autonomy layer only: the keys the experiment changes (String[] or comma-separated). The holdout keeps the rest
     * of autonomy's override (changes kept before) and drops only these; without it, the holdout gets the
     * operator's policy alone.
     */
    public static final String EXPERIMENT_KEYS = "experimentKeys";
    public static final String MAX_PREFIX = "max.";
    public static final String MIN_PREFIX = "min.";
}
