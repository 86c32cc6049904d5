package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Autonomy's policy override under evaluation: a share of the calls keeps the operator's policy (the holdout), chosen
 * by a hash of the experiment and the request id, so that the choice needs no state and anyone who knows both can
 * recompute it.
 */
public record PolicyExperiment(String name, double holdoutShare, java.util.Set<String> keys) {

    public PolicyExperiment {
        keys = java.util.Set.copyOf(keys);
    }

    public PolicyExperiment(String name, double holdoutShare) {
        this(name, holdoutShare, java.util.Set.of());
    }

    /**
     * The autonomy layer the holdout runs with: without the experiment's keys (and its bookkeeping), so that
     * changes kept earlier stay; empty (operator only) when the experiment does not name its keys.
     */
    public Optional<Map<String, Object>> baseline(Map<String, ?> autonomyLayer) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> rest = new java.util.LinkedHashMap<>(autonomyLayer);
        rest.keySet().removeAll(keys);
        rest.remove(ToolPolicyKeys.EXPERIMENT);
        rest.remove(ToolPolicyKeys.HOLDOUT_SHARE);
        rest.remove(ToolPolicyKeys.EXPERIMENT_KEYS);
        return Optional.of(rest);
    }

    /** The largest holdout: at least half the traffic gets the change under evaluation. */
    public static final double MAX_SHARE = 0.5;

    /** The experiment of an autonomy override, if it asks for a holdout. */
    public static Optional<PolicyExperiment> of(Map<String, ?> autonomyLayer) {
        Object name = autonomyLayer.get(ToolPolicyKeys.EXPERIMENT);
        Object share = autonomyLayer.get(ToolPolicyKeys.HOLDOUT_SHARE);
        if (!(name instanceof String) || ((String) name).isBlank() || share == null) {
            return Optional.empty();
        }
        double s;
        try {
            s = share instanceof Number ? ((Number) share).doubleValue() : Double.parseDouble(share.toString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!(s > 0)) {
            return Optional.empty();
        }
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        Object k = autonomyLayer.get(ToolPolicyKeys.EXPERIMENT_KEYS);
        if (k instanceof String[]) {
            keys.addAll(java.util.Arrays.asList((String[]) k));
        } else if (k instanceof java.util.Collection) {
            ((java.util.Collection<?>) k).forEach(x -> keys.add(String.valueOf(x)));
        } else if (k instanceof String) {
            for (String part : ((String) k).split(",")) {
                if (!part.isBlank()) {
                    keys.add(part.trim());
                }
            }
        }
        return Optional.of(new PolicyExperiment((String) name, Math.min(MAX_SHARE, s), keys));
    }

    /** Whether this request keeps the operator's policy. */
    public boolean holdout(String requestId) {
        return unit(name + ":" + requestId) < holdoutShare;
    }

    /** A uniform number in [0, 1) from the text: FNV-1a 64, then a mix, top 53 bits. */
    static double unit(String text) {
        long h = fnv(text.getBytes(StandardCharsets.UTF_8), 0xcbf29ce484222325L);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** FNV-1a 64 of {@code bytes}, starting from {@code basis} (a salt gives a different family of hashes). */
    public static long fnv(byte[] bytes, long basis) {
        long h = basis;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
