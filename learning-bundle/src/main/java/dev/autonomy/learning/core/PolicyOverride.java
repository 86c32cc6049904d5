package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.api.config.ConfigValues;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What applying, keeping and rolling back a tool policy adaptation (RETRY, TIMEOUT, CACHE) does to autonomy's
 * override of the tool — the factory configuration {@value ToolPolicyKeys#AUTONOMY_FACTORY_PID}{@code ~<tool>} —
 * as pure functions over property maps; the executor only reads and writes ConfigurationAdmin around them.
 *
 * <p>While the experiment runs, the override carries {@value ToolPolicyKeys#HOLDOUT_SHARE},
 * {@value ToolPolicyKeys#EXPERIMENT} (the adaptation's id) and {@value ToolPolicyKeys#EXPERIMENT_KEYS} (the keys this
 * adaptation changes, comma-separated): the foundation gives that share of the calls the override without those
 * keys — the previous override, with the changes kept earlier — and tags every request event with the experiment
 * and its variant. So stacked experiments on one tool compare "previous" against "previous + this change". Once
 * kept, only the three bookkeeping keys go (and only if the override is still this experiment's) and every call
 * gets the change.
 *
 * <p>The effect handed to the governor is the rollback recipe: {@code {"tool", "experiment", "created", "previous",
 * "applied"}}. Undoing touches only the keys this adaptation applied ({@link #undone}): each goes back to its value
 * in {@code previous} (or away, when the adaptation added it), and only while the override still holds the value
 * this adaptation set — so reverting an older kept RETRY leaves a newer kept CACHE (and anyone's later change of
 * the same key) alone. The override is deleted only when nothing of autonomy's is left in it.
 */
public final class PolicyOverride {

    public static final String TOOL = "tool";
    public static final String EXPERIMENT = "experiment";
    public static final String CREATED = "created";
    public static final String PREVIOUS = "previous";
    public static final String APPLIED = "applied";

    /** The policy keys an adaptation may set. */
    public static final List<String> SETTINGS = List.of(ToolPolicyKeys.TIMEOUT_MS, ToolPolicyKeys.RETRIES,
            ToolPolicyKeys.CACHE_TTL_MS);

    private PolicyOverride() {
    }

    /** A tool policy adaptation as the executor applies it: the tool, the settings, the holdout. */
    public record Change(String tool, Map<String, Long> settings, double holdoutShare, String experiment) {
        public Change {
            if (tool == null || !Tool.NAME_PATTERN.matcher(tool).matches()) {
                throw new IllegalArgumentException("tool must be a tool name, was '" + tool + "'");
            }
            if (settings == null || settings.isEmpty()) {
                throw new IllegalArgumentException("give at least one of " + SETTINGS);
            }
            for (Map.Entry<String, Long> e : settings.entrySet()) {
                if (!SETTINGS.contains(e.getKey())) {
                    throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; settings: " + SETTINGS);
                }
                if (e.getValue() == null || e.getValue() < 0) {
                    throw new IllegalArgumentException(e.getKey() + " must be >= 0, was " + e.getValue());
                }
            }
            settings = Map.copyOf(settings);
            if (!(holdoutShare > 0 && holdoutShare <= 0.5)) {
                throw new IllegalArgumentException("holdoutShare must be in (0, 0.5], was " + holdoutShare);
            }
            if (experiment == null || experiment.isBlank()) {
                throw new IllegalArgumentException("experiment must not be blank");
            }
        }

        /** {@code retries=1} etc. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (String k : SETTINGS) {
                if (settings.containsKey(k)) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(settings.get(k));
                }
            }
            return sb.toString();
        }
    }

    /** The change an adaptation's payload describes ({@code tool}, {@code settings}). */
    public static Change change(Adaptation a) {
        Object tool = a.payload().get("tool");
        Object settings = a.payload().get("settings");
        if (!(settings instanceof Map)) {
            throw new IllegalArgumentException("payload has no 'settings' object");
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) settings).entrySet()) {
            Long v = ToolPolicyFacts.whole(e.getValue());
            if (v == null) {
                throw new IllegalArgumentException(e.getKey() + " must be a whole number, was " + e.getValue());
            }
            values.put(String.valueOf(e.getKey()), v);
        }
        if (!("tool:" + tool).equals(a.target())) {
            throw new IllegalArgumentException("the payload is about tool " + tool + ", the adaptation about "
                    + a.target());
        }
        return new Change(tool instanceof String ? (String) tool : null, values, a.holdoutShare(), a.id());
    }

    /**
     * The content of a configuration: without the bookkeeping of ConfigAdmin, FileInstall and SCR
     * ({@code service.*}, {@code felix.*}, {@code component.*}) and without values that are not JSON scalars.
     */
    public static Map<String, Object> ownProperties(Map<String, ?> properties) {
        Map<String, Object> out = new LinkedHashMap<>();
        ConfigValues.own(properties).forEach((k, v) -> {
            if (v instanceof String || v instanceof Boolean || v instanceof Number) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The bookkeeping keys of an experiment in the override. */
    public static final List<String> BOOKKEEPING = List.of(ToolPolicyKeys.HOLDOUT_SHARE, ToolPolicyKeys.EXPERIMENT,
            ToolPolicyKeys.EXPERIMENT_KEYS);

    /**
     * The override while the experiment runs: what was there, the tool, the settings, the holdout, the experiment
     * and the keys it changes (so that the holdout keeps the rest of the previous override).
     */
    public static Map<String, Object> applied(Change change, Map<String, ?> previous) {
        Map<String, Object> out = new LinkedHashMap<>(ownProperties(previous));
        out.put(ToolPolicyKeys.TOOL, change.tool());
        out.putAll(change.settings());
        out.put(ToolPolicyKeys.HOLDOUT_SHARE, change.holdoutShare());
        out.put(ToolPolicyKeys.EXPERIMENT, change.experiment());
        out.put(ToolPolicyKeys.EXPERIMENT_KEYS, experimentKeys(change));
        return out;
    }

    /** The keys a change sets, comma-separated in {@link #SETTINGS} order ({@code retries}, {@code cacheTtlMs}). */
    public static String experimentKeys(Change change) {
        List<String> keys = new java.util.ArrayList<>();
        for (String k : SETTINGS) {
            if (change.settings().containsKey(k)) {
                keys.add(k);
            }
        }
        return String.join(",", keys);
    }

    /**
     * What undoing an adaptation leaves of autonomy's override {@code current}: each key of {@code applied} that
     * still holds the value the adaptation set goes back to its value in {@code previous} (or away, when
     * {@code previous} has none: the adaptation added it); keys changed since are left alone; the bookkeeping goes
     * if the override is still {@code experiment}'s. Empty: nothing of autonomy's is left (delete the override).
     *
     * @param previous the override before the adaptation was applied (empty when it created it, or when the
     *                 recipe is lost: then its keys simply go)
     */
    public static Optional<Map<String, Object>> undone(Map<String, ?> current, String experiment,
                                                       Map<String, ?> applied, Map<String, ?> previous) {
        Map<String, Object> out = new LinkedHashMap<>(ownProperties(current));
        for (Map.Entry<String, ?> e : applied.entrySet()) {
            if (!SETTINGS.contains(e.getKey()) || !same(out.get(e.getKey()), e.getValue())) {
                continue; // not a policy setting, or changed since by someone else: not this adaptation's to undo
            }
            Object before = previous.get(e.getKey());
            if (before == null) {
                out.remove(e.getKey());
            } else {
                out.put(e.getKey(), before instanceof Number ? ConfigValues.configNumber((Number) before) : before);
            }
        }
        if (isOf(out, experiment)) {
            BOOKKEEPING.forEach(out::remove);
        }
        boolean any = out.keySet().stream().anyMatch(k -> !k.equals(ToolPolicyKeys.TOOL));
        return any ? Optional.of(out) : Optional.empty();
    }

    /** The settings a recipe says were applied (JSON numbers as they came back). */
    public static Map<String, Object> appliedSettings(Map<String, ?> effect) {
        Object applied = effect.get(APPLIED);
        if (!(applied instanceof Map)) {
            throw new IllegalArgumentException("the effect does not say what was applied");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) applied).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Whether two configuration values are the same setting (numbers compared as whole or decimal values). */
    static boolean same(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return ConfigValues.configNumber((Number) a).equals(ConfigValues.configNumber((Number) b));
        }
        if (a instanceof String && b instanceof Number || a instanceof Number && b instanceof String) {
            Long x = ToolPolicyFacts.whole(a);
            Long y = ToolPolicyFacts.whole(b);
            return x != null && x.equals(y);
        }
        return a != null && a.equals(b);
    }

    /** The rollback recipe of applying {@code change} over {@code previous} (empty: there was no override). */
    public static Map<String, Object> effect(Change change, Optional<Map<String, ?>> previous) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(TOOL, change.tool());
        out.put(EXPERIMENT, change.experiment());
        out.put(CREATED, previous.isEmpty());
        previous.ifPresent(p -> out.put(PREVIOUS, ownProperties(p)));
        out.put(APPLIED, change.settings());
        return out;
    }

    /** The tool a recipe is about. */
    public static String tool(Map<String, ?> effect) {
        Object tool = effect.get(TOOL);
        if (!(tool instanceof String) || ((String) tool).isBlank()) {
            throw new IllegalArgumentException("the effect names no tool");
        }
        return (String) tool;
    }

    /**
     * What rolling back does: empty means delete the override (applying created it); otherwise write these
     * properties back (numbers as ConfigAdmin takes them: Long, or Double when not whole).
     */
    public static Optional<Map<String, Object>> restore(Map<String, ?> effect) {
        Object created = effect.get(CREATED);
        if (!(created instanceof Boolean)) {
            throw new IllegalArgumentException("the effect does not say whether the override was created");
        }
        if ((Boolean) created) {
            return Optional.empty();
        }
        Object previous = effect.get(PREVIOUS);
        if (!(previous instanceof Map)) {
            throw new IllegalArgumentException("the effect has no previous properties");
        }
        return Optional.of(ConfigValues.fromJson(Map.of("values", previous)));
    }

    /** Whether the override is still the one of {@code experiment} (nobody replaced it meanwhile). */
    public static boolean isOf(Map<String, ?> properties, String experiment) {
        return experiment.equals(properties.get(ToolPolicyKeys.EXPERIMENT));
    }

    /**
     * The override once its experiment is kept: the same settings for every call, without the holdout (the three
     * bookkeeping keys); empty when the override no longer belongs to {@code experiment}.
     */
    public static Optional<Map<String, Object>> kept(Map<String, ?> properties, String experiment) {
        if (!isOf(properties, experiment)) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>(ownProperties(properties));
        BOOKKEEPING.forEach(out::remove); // this experiment's bookkeeping only: the settings stay
        return Optional.of(out);
    }
}
