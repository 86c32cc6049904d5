package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a tool's effective policy from three layers, pure: the built-in defaults, the operator's configuration
 * (the {@code *} default, then the tool's own), and autonomy's override for the tool, which is clamped to the
 * operator's {@code min.}/{@code max.} bounds. An operator's value out of its key's range is clamped to the range, a
 * value that is not a number is skipped (the earlier layer's value stays); each is reported, never fatal.
 */
public final class ToolPolicies {

    private ToolPolicies() {
    }

    /** The resolved policy and what was skipped or clamped on the way (for logs and {@code server_status}). */
    public record Resolution(ToolPolicy policy, List<String> diagnostics) {
        public Resolution {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * @param defaults         the built-in defaults (e.g. with the server's default timeout)
     * @param operatorWildcard the operator's {@code tool=*} configuration, if any
     * @param operatorTool     the operator's configuration of this tool, if any
     * @param autonomyTool     autonomy's override of this tool, if any
     */
    public static Resolution resolve(ToolPolicy defaults, Optional<Map<String, ?>> operatorWildcard,
                                     Optional<Map<String, ?>> operatorTool, Optional<Map<String, ?>> autonomyTool) {
        List<String> diagnostics = new ArrayList<>();
        long[] v = toArray(defaults);
        long[] min = new long[KEYS.length];
        long[] max = new long[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            min[i] = LIMITS[i][0];
            max[i] = LIMITS[i][1];
        }
        operatorWildcard.ifPresent(c -> apply(c, "operator(*)", v, min, max, diagnostics));
        operatorTool.ifPresent(c -> apply(c, "operator", v, min, max, diagnostics));
        autonomyTool.ifPresent(c -> {
            for (int i = 0; i < KEYS.length; i++) {
                Optional<Long> value = number(c, KEYS[i], "autonomy", diagnostics);
                if (value.isEmpty() || isDefaultTimeout(i, value.get())) {
                    continue;
                }
                long clamped = Math.max(min[i], Math.min(max[i], value.get()));
                if (clamped != value.get()) {
                    diagnostics.add("autonomy " + KEYS[i] + "=" + value.get() + " clamped to " + clamped
                            + " (operator bounds " + min[i] + ".." + max[i] + ")");
                }
                v[i] = clamped;
            }
        });
        return new Resolution(fromArray(v), diagnostics);
    }

    private static final String[] KEYS = {ToolPolicyKeys.TIMEOUT_MS, ToolPolicyKeys.MAX_CONCURRENCY,
            ToolPolicyKeys.CACHE_TTL_MS, ToolPolicyKeys.CACHE_MAX_ENTRIES, ToolPolicyKeys.RETRIES,
            ToolPolicyKeys.RETRY_BACKOFF_MS};
    private static final long[][] LIMITS = {{1, 3_600_000}, {0, 100_000}, {0, 86_400_000}, {1, 1_000_000}, {0, 10},
            {0, 60_000}};

    private static void apply(Map<String, ?> config, String layer, long[] v, long[] min, long[] max,
                              List<String> diagnostics) {
        for (int i = 0; i < KEYS.length; i++) {
            final int k = i;
            number(config, KEYS[i], layer, diagnostics).ifPresent(n -> {
                if (isDefaultTimeout(k, n)) {
                    // 0 means "the global default": keep what the earlier layers set
                } else if (n < LIMITS[k][0]) {
                    diagnostics.add(layer + " " + KEYS[k] + ": " + n + " is below " + LIMITS[k][0] + "; using "
                            + LIMITS[k][0]);
                    v[k] = LIMITS[k][0];
                } else if (n > LIMITS[k][1]) {
                    diagnostics.add(layer + " " + KEYS[k] + ": " + n + " is above " + LIMITS[k][1] + "; using "
                            + LIMITS[k][1]);
                    v[k] = LIMITS[k][1];
                } else {
                    v[k] = n;
                }
            });
            // Bounds are clamped into the key's valid range on both sides, so a clamped value is always valid.
            number(config, ToolPolicyKeys.MIN_PREFIX + KEYS[i], layer, diagnostics)
                    .ifPresent(n -> min[k] = Math.max(LIMITS[k][0], Math.min(LIMITS[k][1], n)));
            number(config, ToolPolicyKeys.MAX_PREFIX + KEYS[i], layer, diagnostics)
                    .ifPresent(n -> max[k] = Math.min(LIMITS[k][1], Math.max(LIMITS[k][0], n)));
            if (min[k] > max[k]) {
                diagnostics.add(layer + " bounds of " + KEYS[k] + " are contradictory (min " + min[k] + " > max "
                        + max[k] + "); ignored");
                min[k] = LIMITS[k][0];
                max[k] = LIMITS[k][1];
            }
        }
    }

    /** {@code timeoutMs = 0} means "the global default", i.e. no override from this layer. */
    private static boolean isDefaultTimeout(int key, long value) {
        return KEYS[key].equals(ToolPolicyKeys.TIMEOUT_MS) && value == 0;
    }

    private static Optional<Long> number(Map<String, ?> config, String key, String layer, List<String> diagnostics) {
        Object raw = config.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof Number) {
            return Optional.of(((Number) raw).longValue());
        }
        try {
            return Optional.of(Long.parseLong(raw.toString().trim()));
        } catch (NumberFormatException e) {
            diagnostics.add(layer + " " + key + " is not a whole number: '" + raw + "' (ignored)");
            return Optional.empty();
        }
    }

    private static long[] toArray(ToolPolicy p) {
        return new long[]{p.timeoutMs(), p.maxConcurrency(), p.cacheTtlMs(), p.cacheMaxEntries(), p.retries(),
                p.retryBackoffMs()};
    }

    private static ToolPolicy fromArray(long[] v) {
        return new ToolPolicy(v[0], (int) v[1], v[2], (int) v[3], (int) v[4], v[5]);
    }
}
