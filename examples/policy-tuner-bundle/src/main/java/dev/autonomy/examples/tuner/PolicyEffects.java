package dev.autonomy.examples.tuner;

import dev.autonomy.api.config.ConfigChange;
import dev.autonomy.api.config.ConfigTarget;
import dev.autonomy.api.config.ConfigValues;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link PolicyChange} does to autonomy's configuration of one tool, as pure functions: the executor applies
 * and restores it with autonomy-api's {@link dev.autonomy.api.config.ReversibleConfig}, whose {@link ConfigChange}
 * effect is the rollback recipe stored with the applied action.
 */
final class PolicyEffects {

    static final String TOOL = "tool";

    private PolicyEffects() {
    }

    /** The configuration that holds autonomy's policy of {@code tool}. */
    static ConfigTarget target(String tool) {
        return ConfigTarget.factory(ToolPolicyKeys.AUTONOMY_FACTORY_PID, tool);
    }

    /** The configuration after the change: what was there, the tool, and the change's settings over them. */
    static Map<String, Object> applied(PolicyChange change, Map<String, ?> previous) {
        Map<String, Object> out = new LinkedHashMap<>(ConfigValues.own(previous));
        out.put(ToolPolicyKeys.TOOL, change.tool());
        out.putAll(change.settings());
        return out;
    }

    /**
     * The change an effect describes. Release 0.1 wrote {@code {"tool", "created", "previous": {flat properties},
     * "applied"}}; such an effect (of an action applied before an upgrade) is read too, its numbers as ConfigAdmin
     * takes them.
     */
    static ConfigChange change(Map<String, ?> effect) {
        if (effect.containsKey("config")) {
            return ConfigChange.fromEffect(effect);
        }
        Object tool = effect.get(TOOL);
        Object created = effect.get("created");
        Object previous = effect.get("previous");
        if (!(tool instanceof String) || ((String) tool).isBlank()) {
            throw new IllegalArgumentException("the effect names no tool");
        }
        if (!(created instanceof Boolean)) {
            throw new IllegalArgumentException("the effect does not say whether the configuration was created");
        }
        if (!(Boolean) created && !(previous instanceof Map)) {
            throw new IllegalArgumentException("the effect has no previous properties");
        }
        Optional<Map<String, Object>> before = (Boolean) created ? Optional.empty()
                : Optional.of(ConfigValues.fromJson(Map.of("values", previous)));
        return new ConfigChange(target((String) tool), before, Map.of());
    }
}
