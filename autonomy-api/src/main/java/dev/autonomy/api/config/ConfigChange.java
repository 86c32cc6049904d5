package dev.autonomy.api.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration change as its owner can undo it: what was there before (empty: the configuration did not exist)
 * and what was written. Its {@link #toEffect()} is the rollback recipe an {@code ActionExecutor} returns from {@code
 * apply}; {@link #fromEffect} reads it back, also after a restart.
 *
 * @param target the configuration
 * @param before its own properties before the change; empty if it was absent
 * @param after  its own properties after the change
 */
public record ConfigChange(ConfigTarget target, Optional<Map<String, Object>> before, Map<String, Object> after) {

    static final String CONFIG = "config";
    static final String CREATED = "created";
    static final String PREVIOUS = "previous";
    static final String APPLIED = "applied";

    public ConfigChange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(before, "before");
        before = before.map(ConfigValues::own).map(Map::copyOf);
        after = Map.copyOf(ConfigValues.own(Objects.requireNonNull(after, "after")));
    }

    /** Whether the change created the configuration (undoing it deletes it). */
    public boolean created() {
        return before.isEmpty();
    }

    /**
     * The rollback recipe as JSON values: {@code {"config": {target}, "created": true|false, "previous": {values,
     * types}?, "applied": {values, types}}}.
     */
    public Map<String, Object> toEffect() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(CONFIG, target.toJson());
        m.put(CREATED, created());
        before.ifPresent(b -> m.put(PREVIOUS, ConfigValues.toJson(b)));
        m.put(APPLIED, ConfigValues.toJson(after));
        return m;
    }

    /** Reads what {@link #toEffect()} wrote; a damaged recipe is an error naming what is missing. */
    public static ConfigChange fromEffect(Map<String, ?> effect) {
        Object target = effect.get(CONFIG);
        Object created = effect.get(CREATED);
        Object previous = effect.get(PREVIOUS);
        Object applied = effect.get(APPLIED);
        if (!(target instanceof Map)) {
            throw new IllegalArgumentException("the effect names no configuration");
        }
        if (!(created instanceof Boolean)) {
            throw new IllegalArgumentException("the effect does not say whether the configuration was created");
        }
        if (!(Boolean) created && !(previous instanceof Map)) {
            throw new IllegalArgumentException("the effect has no previous properties");
        }
        if (!(applied instanceof Map)) {
            throw new IllegalArgumentException("the effect has no applied properties");
        }
        return new ConfigChange(ConfigTarget.fromJson(cast(target)),
                (Boolean) created ? Optional.empty() : Optional.of(ConfigValues.fromJson(cast(previous))),
                ConfigValues.fromJson(cast(applied)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Object o) {
        return (Map<String, ?>) o;
    }
}
