package dev.autonomy.control.core;

import dev.autonomy.api.governor.Mode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The governor at one moment, for {@code autonomy:status} and {@code autonomy_status}.
 *
 * @param halt             the halt in force
 * @param paused           paused capabilities and why
 * @param pendingProposals proposals waiting for approval
 * @param openExperiments  leases in force
 * @param actionsLastHour  actions counted against the global budget in the last hour
 * @param modes            the layered modes (configured with the operator's on top)
 * @param executors        capabilities with an executor now, sorted
 */
public record GovernorStatus(Optional<HaltState> halt, Map<String, String> paused, int pendingProposals,
                             int openExperiments, int maxConcurrentExperiments, int actionsLastHour,
                             int globalActionsPerHour, Mode defaultMode, Map<String, Mode> modes,
                             List<String> executors) {

    public GovernorStatus {
        paused = Map.copyOf(paused);
        modes = Map.copyOf(modes);
        executors = List.copyOf(executors);
    }

    public boolean halted() {
        return halt.isPresent();
    }

    /** As JSON values, keys in a stable order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halted", halt.isPresent());
        halt.ifPresent(h -> {
            m.put("haltReason", h.reason());
            m.put("haltedBy", h.actor());
            m.put("haltedSince", Reasons.time(h.since()));
        });
        m.put("paused", new TreeMap<>(paused));
        m.put("pendingProposals", pendingProposals);
        m.put("openExperiments", openExperiments);
        m.put("maxConcurrentExperiments", maxConcurrentExperiments);
        m.put("actionsLastHour", actionsLastHour);
        m.put("globalActionsPerHour", globalActionsPerHour);
        m.put("defaultMode", defaultMode.toString());
        Map<String, Object> ms = new TreeMap<>();
        modes.forEach((k, v) -> ms.put(k, v.toString()));
        m.put("modes", ms);
        m.put("executors", executors);
        return m;
    }
}
