package dev.autonomy.control.engine;

import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.Modes;
import dev.autonomy.control.core.Reasons;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The modes in force: the configured ones with the operator's on top, and what they resolve to per (capability,
 * kind), cached until settings or modes change. Guarded by the governor's lock.
 */
final class ModeBook {

    /** What the settings say about one (capability, kind). */
    record Resolved(Mode mode, String modeKey, String budgetKey, int budgetLimit, boolean agent, String reason) {
    }

    private static final int MAX_CACHED = 10_000;

    private final Map<String, Mode> overrides = new TreeMap<>();
    private final Map<String, Map<String, Resolved>> cache = new HashMap<>();
    private GovernorSettings settings;
    private Map<String, Mode> layered = Map.of();
    private int cached;

    ModeBook(GovernorSettings settings, Map<String, Mode> operatorModes) {
        this.settings = settings;
        overrides.putAll(operatorModes);
        relayer();
    }

    void settings(GovernorSettings s) {
        settings = s;
        relayer();
    }

    Resolved resolved(String capability, String kind) {
        Map<String, Resolved> byKind = cache.computeIfAbsent(capability, c -> new HashMap<>());
        Resolved r = byKind.get(kind);
        if (r == null) {
            if (cached > MAX_CACHED) { // a capability inventing kinds: bound the cache
                cache.clear();
                cached = 0;
                byKind = cache.computeIfAbsent(capability, c -> new HashMap<>());
            }
            Modes.Resolution m = resolution(capability, kind);
            String budgetKey = settings.budgetKey(capability, kind);
            r = new Resolved(m.mode(), m.key(), budgetKey, settings.budgetLimit(budgetKey),
                    GovernorSettings.createsAgent(kind), m.mode() == Mode.SUGGEST ? Reasons.queued(m.key())
                    : Reasons.auto(m.key()));
            byKind.put(kind, r);
            cached++;
        }
        return r;
    }

    Modes.Resolution resolution(String capability, String kind) {
        return Modes.resolve(layered, settings.defaultMode(), capability, kind);
    }

    /** Sets the operator's mode of {@code key}; returns the mode that applied to it before. */
    Mode put(String key, Mode mode) {
        int dot = key.indexOf('.');
        Mode previous = resolution(dot < 0 ? key : key.substring(0, dot), dot < 0 ? "" : key.substring(dot + 1))
                .mode();
        overrides.put(key, mode);
        relayer();
        return previous;
    }

    /** Removes the operator's mode of {@code key}; returns it, or null if there was none. */
    Mode remove(String key) {
        Mode removed = overrides.remove(key);
        if (removed != null) {
            relayer();
        }
        return removed;
    }

    java.util.Set<String> operatorKeys() {
        return overrides.keySet();
    }

    List<String> moreSpecific(String key) {
        return Modes.moreSpecific(layered, key);
    }

    List<Modes.Effective> effective() {
        return Modes.effective(settings.modes(), overrides);
    }

    /** The layered modes, for the status. */
    Map<String, Mode> layered() {
        return layered;
    }

    private void relayer() {
        layered = Modes.layered(settings.modes(), overrides);
        cache.clear();
        cached = 0;
    }
}
