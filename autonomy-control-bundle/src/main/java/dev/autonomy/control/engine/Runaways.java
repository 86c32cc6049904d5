package dev.autonomy.control.engine;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.control.core.Runaway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runaway detection and the pauses it leads to: validations without gain in a row per capability, rollbacks of one
 * target within a window. Guarded by the governor's lock; persists through the store as it changes.
 */
final class Runaways {

    private static final Logger LOG = LoggerFactory.getLogger(Runaways.class);

    private final ControlStore store;
    private final Map<String, String> paused = new TreeMap<>();
    private final Map<String, Integer> noGain = new HashMap<>();
    private final Map<String, Window> rollbacks = new HashMap<>();

    Runaways(ControlStore store) {
        this.store = store;
        paused.putAll(store.paused());
        noGain.putAll(store.noGainStreaks());
        store.rollbackTimes().forEach((k, times) -> {
            Window w = new Window(1000);
            for (long t : times) {
                w.add(t);
            }
            rollbacks.put(k, w);
        });
    }

    String pausedWhy(String capability) {
        return paused.get(capability);
    }

    Map<String, String> paused() {
        return Map.copyOf(paused);
    }

    /** Counts a validation; pauses the capability when too many in a row showed no gain. Returns the streak. */
    int validated(String capability, boolean improved, GovernorSettings s, List<AuditEntry> out) {
        int streak = Runaway.noGainStreak(noGain.getOrDefault(capability, 0), improved);
        int reported = streak;
        if (Runaway.noGainTrips(streak, s.noGainLimit())) {
            pause(capability, Reasons.runawayNoGain(streak), out);
            streak = 0;
        }
        noGain.put(capability, streak);
        store.putNoGainStreak(capability, streak);
        return reported;
    }

    /** Counts a rollback of {@code target}; pauses the capability when the target was rolled back too often. */
    void rolledBack(String capability, String target, long now, GovernorSettings s, List<AuditEntry> out) {
        String key = capability + "|" + target;
        Window w = rollbacks.computeIfAbsent(key, k -> new Window(1000));
        w.add(now);
        long window = s.runawayWindowMinutes() * 60_000;
        store.putRollbackTimes(key, w.after(now - window));
        int n = w.used(now, window);
        if (n >= s.runawayRollbacks() && !paused.containsKey(capability)) {
            pause(capability, Reasons.runawayRollbacks(target, n, s.runawayWindowMinutes()), out);
        }
    }

    private void pause(String capability, String why, List<AuditEntry> out) {
        paused.put(capability, why);
        store.putPaused(capability, why);
        out.add(AuditEntry.draft(AuditEntry.Type.PAUSED, null, capability, null, null, Governor.GOVERNOR,
                "paused " + capability + ": " + why, Map.of("reason", why)));
        LOG.warn("Capability {} paused: {}", capability, why);
    }

    /** Lifts one pause and resets the capability's streak; false if it was not paused. */
    boolean unpause(String capability) {
        if (paused.remove(capability) == null) {
            return false;
        }
        store.removePaused(capability);
        noGain.put(capability, 0);
        store.putNoGainStreak(capability, 0);
        return true;
    }

    /** Lifts every pause; returns the capabilities that were paused. */
    List<String> unpauseAll() {
        List<String> was = List.copyOf(paused.keySet());
        for (String c : was) {
            store.removePaused(c);
        }
        paused.clear();
        return was;
    }
}
