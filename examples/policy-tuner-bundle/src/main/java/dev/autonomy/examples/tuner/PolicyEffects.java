package dev.autonomy.examples.tuner;

import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What applying and rolling back a {@link PolicyChange} does to autonomy's configuration of one tool, as pure
 * functions over property maps: the executor only reads and writes ConfigurationAdmin around them.
 *
 * <p>The effect that {@link PolicyTunerExecutor#apply} hands back to the governor is the rollback recipe, stored
 * with the applied action: {@code {"tool": "text_word_count", "created": true, "applied": {...}}} when the change
 * created the configuration (rollback deletes it), or {@code {..., "created": false, "previous": {...}}} when it
 * updated one (rollback restores those properties).
 */
final class PolicyEffects {

    static final String TOOL = "tool";
    static final String CREATED = "created";
    static final String PREVIOUS = "previous";
    static final String APPLIED = "applied";

    private PolicyEffects() {
    }

    /**
     * The properties of a configuration that are its content: without what ConfigAdmin, FileInstall or SCR add
     * ({@code service.*}, {@code felix.*}, {@code component.*}) and without values that are not JSON scalars (the
     * tuner writes none).
     */
    static Map<String, Object> ownProperties(Map<String, ?> properties) {
        Map<String, Object> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            boolean bookkeeping = k.startsWith("service.") || k.startsWith("felix.") || k.startsWith("component.");
            if (!bookkeeping && (v instanceof String || v instanceof Boolean || v instanceof Number)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The configuration after the change: what was there, the tool, and the change's settings over them. */
    static Map<String, Object> applied(PolicyChange change, Map<String, ?> previous) {
        Map<String, Object> out = new LinkedHashMap<>(ownProperties(previous));
        out.put(ToolPolicyKeys.TOOL, change.tool());
        out.putAll(change.settings());
        return out;
    }

    /**
     * The effect of applying {@code change} over {@code previous} (empty: there was no configuration): all that
     * {@link #restore} needs later, as JSON values.
     */
    static Map<String, Object> effect(PolicyChange change, Optional<Map<String, ?>> previous) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(TOOL, change.tool());
        out.put(CREATED, previous.isEmpty());
        previous.ifPresent(p -> out.put(PREVIOUS, ownProperties(p)));
        out.put(APPLIED, change.settings());
        return out;
    }

    /** The tool an effect is about. */
    static String tool(Map<String, ?> effect) {
        Object tool = effect.get(TOOL);
        if (!(tool instanceof String) || ((String) tool).isBlank()) {
            throw new IllegalArgumentException("the effect names no tool");
        }
        return (String) tool;
    }

    /**
     * What rolling back does: empty means delete the configuration (the change created it); otherwise write these
     * properties back (numbers as ConfigAdmin takes them: {@code Long}, or {@code Double} if not whole).
     */
    static Optional<Map<String, Object>> restore(Map<String, ?> effect) {
        Object created = effect.get(CREATED);
        if (!(created instanceof Boolean)) {
            throw new IllegalArgumentException("the effect does not say whether the configuration was created");
        }
        if ((Boolean) created) {
            return Optional.empty();
        }
        Object previous = effect.get(PREVIOUS);
        if (!(previous instanceof Map)) {
            throw new IllegalArgumentException("the effect has no previous properties");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) previous).forEach((k, v) -> out.put(String.valueOf(k), v instanceof Number
                ? configNumber((Number) v) : v));
        return Optional.of(out);
    }

    /** JSON numbers come back as Integer, Long, Double or BigDecimal; ConfigAdmin takes Long and Double. */
    private static Object configNumber(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        BigDecimal d = new BigDecimal(n.toString());
        try {
            return d.longValueExact();
        } catch (ArithmeticException notWhole) {
            return d.doubleValue();
        }
    }
}
