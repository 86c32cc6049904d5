package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What learning knows of one tool's policy, from the same layers the foundation resolves it from: the built-in
 * defaults, the operator's configurations ({@code tool=*}, then the tool's own), and autonomy's override. The
 * values are what runs now (as far as learning can tell: the foundation clamps an override to the operator's
 * bounds, and so does this); the bounds are the operator's {@code min.<key>}/{@code max.<key>}.
 */
public final class ToolPolicyFacts {

    private ToolPolicyFacts() {
    }

    /** The policy keys learning reads, with the foundation's built-in default of each. */
    static final Map<String, Long> DEFAULTS = defaults();

    private static Map<String, Long> defaults() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(ToolPolicyKeys.TIMEOUT_MS, 30_000L);
        m.put(ToolPolicyKeys.MAX_CONCURRENCY, 0L);
        m.put(ToolPolicyKeys.CACHE_TTL_MS, 0L);
        m.put(ToolPolicyKeys.CACHE_MAX_ENTRIES, 256L);
        m.put(ToolPolicyKeys.RETRIES, 0L);
        m.put(ToolPolicyKeys.RETRY_BACKOFF_MS, 50L);
        return Map.copyOf(m);
    }

    /**
     * The facts of {@code tool}.
     *
     * @param operator         the operator's policy configurations (each with its {@code tool}: a name or {@code *})
     * @param autonomy         autonomy's overrides (each with its {@code tool})
     * @param defaultTimeoutMs the server's default time limit ({@code defaultTimeoutMs} of {@code dev.autonomy.mcp})
     */
    public static SystemFacts.ToolFacts of(String tool, ToolAnnotations annotations, List<Map<String, ?>> operator,
                                           List<Map<String, ?>> autonomy, long defaultTimeoutMs) {
        Map<String, Long> values = new LinkedHashMap<>(DEFAULTS);
        if (defaultTimeoutMs > 0) {
            values.put(ToolPolicyKeys.TIMEOUT_MS, defaultTimeoutMs);
        }
        Map<String, Long> min = new LinkedHashMap<>();
        Map<String, Long> max = new LinkedHashMap<>();
        for (String layer : new String[]{"*", tool}) {
            for (Map<String, ?> c : operator) {
                if (layer.equals(c.get(ToolPolicyKeys.TOOL))) {
                    for (String key : DEFAULTS.keySet()) {
                        Long v = whole(c.get(key));
                        if (v != null && !(key.equals(ToolPolicyKeys.TIMEOUT_MS) && v == 0)) {
                            values.put(key, v);
                        }
                        Long lo = whole(c.get(ToolPolicyKeys.MIN_PREFIX + key));
                        if (lo != null) {
                            min.put(key, lo);
                        }
                        Long hi = whole(c.get(ToolPolicyKeys.MAX_PREFIX + key));
                        if (hi != null) {
                            max.put(key, hi);
                        }
                    }
                }
            }
        }
        for (Map<String, ?> c : autonomy) {
            if (tool.equals(c.get(ToolPolicyKeys.TOOL))) {
                for (String key : DEFAULTS.keySet()) {
                    Long v = whole(c.get(key));
                    if (v != null && !(key.equals(ToolPolicyKeys.TIMEOUT_MS) && v == 0)) {
                        long clamped = v;
                        if (max.containsKey(key)) {
                            clamped = Math.min(clamped, max.get(key));
                        }
                        if (min.containsKey(key)) {
                            clamped = Math.max(clamped, min.get(key));
                        }
                        values.put(key, clamped);
                    }
                }
            }
        }
        return new SystemFacts.ToolFacts(annotations, values, min, max);
    }

    /** A whole number from a configuration value (a number, or text of one); null if it is none. */
    static Long whole(Object v) {
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (v instanceof String) {
            try {
                return Long.parseLong(((String) v).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
