package dev.autonomy.control.core;

import dev.autonomy.api.governor.Mode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which mode applies: the operator's overrides (set with {@code autonomy:mode}) are layered key by key over the
 * configured modes; of the resulting keys the most specific matching one wins; without a match, the default mode.
 */
public final class Modes {

    /** The key of a resolution that matched no key. */
    public static final String DEFAULT_KEY = "defaultMode";

    /** A mode and the key it came from ({@link #DEFAULT_KEY} if none matched). */
    public record Resolution(Mode mode, String key) {
    }

    /** One effective key: its mode and whether the operator set it (else the configuration). */
    public record Effective(String key, Mode mode, boolean operator) {
    }

    private Modes() {
    }

    /** The configured modes with the operator's overrides on top. */
    public static Map<String, Mode> layered(Map<String, Mode> configured, Map<String, Mode> overrides) {
        Map<String, Mode> m = new TreeMap<>(configured);
        m.putAll(overrides);
        return Map.copyOf(m);
    }

    public static Resolution resolve(Map<String, Mode> layered, Mode defaultMode, String capability, String kind) {
        String key = Keys.mostSpecific(layered, capability, kind);
        return key == null ? new Resolution(defaultMode, DEFAULT_KEY) : new Resolution(layered.get(key), key);
    }

    /** Every effective key, sorted, with its source. */
    public static java.util.List<Effective> effective(Map<String, Mode> configured, Map<String, Mode> overrides) {
        Map<String, Effective> m = new TreeMap<>();
        configured.forEach((k, v) -> m.put(k, new Effective(k, v, false)));
        overrides.forEach((k, v) -> m.put(k, new Effective(k, v, true)));
        return java.util.List.copyOf(m.values());
    }

    /** Keys more specific than {@code key} (they still win over it for their actions). */
    public static java.util.List<String> moreSpecific(Map<String, Mode> layered, String key) {
        return layered.keySet().stream().filter(k -> k.startsWith(key + ".")).sorted().toList();
    }
}
