package dev.autonomy.control.core;

import dev.autonomy.api.governor.Mode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Validated settings of the governor (configuration PID {@code dev.autonomy.governor}).
 *
 * @param defaultMode              mode of actions that no key of {@code modes} matches
 * @param modes                    mode by key {@code <capability>[.<kind>]}; the most specific matching key wins
 * @param actionsPerHour           action budget by key; the most specific matching key wins, and an action counts
 *                                 against that key only
 * @param defaultActionsPerHour    budget of a capability that no key of {@code actionsPerHour} matches
 * @param agentsPerHour            actions of kind {@code agent.create} per hour, all capabilities together
 * @param maxConcurrentExperiments applied reversible actions still open (not validated-done, rolled back, released
 *                                 or expired)
 * @param globalActionsPerHour     actions per hour, all capabilities together
 * @param leaseSeconds             how long an applied reversible action holds its target at most
 * @param runawayWindowMinutes     the window of runaway detection
 * @param runawayRollbacks         rollbacks of one target within the window that pause its capability
 * @param noGainLimit              consecutive validations without gain that pause a capability
 * @param proposalTtlHours         how long a queued proposal waits for an owner (executor) that is gone
 * @param maxLeaseSeconds          how long, counted from when it was applied, an experiment may hold its target at
 *                                 most when it renews its lease with new evidence (at least {@code leaseSeconds})
 */
public record GovernorSettings(Mode defaultMode, Map<String, Mode> modes, Map<String, Integer> actionsPerHour,
                               int defaultActionsPerHour, int agentsPerHour, int maxConcurrentExperiments,
                               int globalActionsPerHour, long leaseSeconds, long runawayWindowMinutes,
                               int runawayRollbacks, int noGainLimit, long proposalTtlHours, long maxLeaseSeconds) {

    /** The default of {@code maxLeaseSeconds}: four hours. */
    public static final long DEFAULT_MAX_LEASE_SECONDS = 14_400;

    /** Safe out of the box: everything waits for a person, except learning's routing advice (reversible, low risk). */
    public static final GovernorSettings DEFAULTS = new GovernorSettings(Mode.SUGGEST,
            Map.of("learning.routing", Mode.AUTO), Map.of(), 20, 10, 5, 100, 600, 60, 3, 5, 24,
            DEFAULT_MAX_LEASE_SECONDS);

    /** Settings with the default {@code maxLeaseSeconds}. */
    public GovernorSettings(Mode defaultMode, Map<String, Mode> modes, Map<String, Integer> actionsPerHour,
                            int defaultActionsPerHour, int agentsPerHour, int maxConcurrentExperiments,
                            int globalActionsPerHour, long leaseSeconds, long runawayWindowMinutes,
                            int runawayRollbacks, int noGainLimit, long proposalTtlHours) {
        this(defaultMode, modes, actionsPerHour, defaultActionsPerHour, agentsPerHour, maxConcurrentExperiments,
                globalActionsPerHour, leaseSeconds, runawayWindowMinutes, runawayRollbacks, noGainLimit,
                proposalTtlHours, DEFAULT_MAX_LEASE_SECONDS);
    }

    /** The kind whose actions {@code agentsPerHour} counts (and kinds below it, {@code agent.create.*}). */
    public static final String AGENT_CREATE = "agent.create";

    public GovernorSettings {
        Objects.requireNonNull(defaultMode, "defaultMode");
        modes = sorted(modes, "modes");
        actionsPerHour = sorted(actionsPerHour, "actionsPerHour");
        actionsPerHour.forEach((k, v) -> range("actionsPerHour " + k, v, 0, 1_000_000));
        range("defaultActionsPerHour", defaultActionsPerHour, 0, 1_000_000);
        range("agentsPerHour", agentsPerHour, 0, 1_000_000);
        range("maxConcurrentExperiments", maxConcurrentExperiments, 0, 10_000);
        range("globalActionsPerHour", globalActionsPerHour, 0, 1_000_000);
        range("leaseSeconds", leaseSeconds, 1, 604_800);
        range("runawayWindowMinutes", runawayWindowMinutes, 1, 10_080);
        range("runawayRollbacks", runawayRollbacks, 1, 1000);
        range("noGainLimit", noGainLimit, 1, 1000);
        range("proposalTtlHours", proposalTtlHours, 1, 8760);
        range("maxLeaseSeconds", maxLeaseSeconds, 1, 2_592_000);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m, String what) {
        Objects.requireNonNull(m, what);
        Map<String, V> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(Keys.validate(what, k), Objects.requireNonNull(v, what + " " + k)));
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + v);
        }
    }

    /** Parses {@code key=off|suggest|auto} entries; a bad entry is an error naming it. */
    public static Map<String, Mode> parseModes(String[] entries) {
        Map<String, Mode> m = new TreeMap<>();
        for (String[] kv : pairs("modes", entries)) {
            try {
                m.put(Keys.validate("modes", kv[0]), Mode.parse(kv[1]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("modes") ? e.getMessage()
                        : "modes: " + kv[0].trim() + ": " + e.getMessage(), e);
            }
        }
        return m;
    }

    /** Parses {@code key=N} entries; a bad entry is an error naming it. */
    public static Map<String, Integer> parseLimits(String what, String[] entries) {
        Map<String, Integer> m = new TreeMap<>();
        for (String[] kv : pairs(what, entries)) {
            String key = Keys.validate(what, kv[0]);
            try {
                m.put(key, Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": " + key + " must be a whole number, was '"
                        + kv[1].trim() + "'", e);
            }
        }
        return m;
    }

    private static java.util.List<String[]> pairs(String what, String[] entries) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        if (entries == null) {
            return out;
        }
        for (String raw : entries) {
            // ConfigAdmin files may give one comma-separated string instead of an array
            for (String e : raw == null ? new String[0] : raw.split(",")) {
                if (e.isBlank()) {
                    continue;
                }
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(what + ": entries must be key=value, was '" + e.trim() + "'");
                }
                out.add(new String[]{e.substring(0, eq), e.substring(eq + 1)});
            }
        }
        return out;
    }

    /** The budget key of an action: the most specific matching key of {@code actionsPerHour}, else its capability. */
    public String budgetKey(String capability, String kind) {
        String key = Keys.mostSpecific(actionsPerHour, capability, kind);
        return key == null ? capability : key;
    }

    /** The limit of a budget key. */
    public int budgetLimit(String budgetKey) {
        Integer v = actionsPerHour.get(budgetKey);
        return v == null ? defaultActionsPerHour : v;
    }

    public static boolean createsAgent(String kind) {
        return kind.equals(AGENT_CREATE) || kind.startsWith(AGENT_CREATE + ".");
    }

    public GovernorSettings withModes(Mode defaultMode, Map<String, Mode> newModes) {
        return new GovernorSettings(defaultMode, newModes, actionsPerHour, defaultActionsPerHour, agentsPerHour,
                maxConcurrentExperiments, globalActionsPerHour, leaseSeconds, runawayWindowMinutes, runawayRollbacks,
                noGainLimit, proposalTtlHours, maxLeaseSeconds);
    }

    public GovernorSettings withBudgets(Map<String, Integer> perKey, int perCapability, int agents, int experiments,
                                        int global) {
        return new GovernorSettings(defaultMode, modes, perKey, perCapability, agents, experiments, global,
                leaseSeconds, runawayWindowMinutes, runawayRollbacks, noGainLimit, proposalTtlHours, maxLeaseSeconds);
    }

    public GovernorSettings withLeaseSeconds(long seconds) {
        return new GovernorSettings(defaultMode, modes, actionsPerHour, defaultActionsPerHour, agentsPerHour,
                maxConcurrentExperiments, globalActionsPerHour, seconds, runawayWindowMinutes, runawayRollbacks,
                noGainLimit, proposalTtlHours, maxLeaseSeconds);
    }

    public GovernorSettings withRunaway(long windowMinutes, int rollbacks, int noGain) {
        return new GovernorSettings(defaultMode, modes, actionsPerHour, defaultActionsPerHour, agentsPerHour,
                maxConcurrentExperiments, globalActionsPerHour, leaseSeconds, windowMinutes, rollbacks, noGain,
                proposalTtlHours, maxLeaseSeconds);
    }

    public GovernorSettings withMaxLeaseSeconds(long seconds) {
        return new GovernorSettings(defaultMode, modes, actionsPerHour, defaultActionsPerHour, agentsPerHour,
                maxConcurrentExperiments, globalActionsPerHour, leaseSeconds, runawayWindowMinutes, runawayRollbacks,
                noGainLimit, proposalTtlHours, seconds);
    }

    public GovernorSettings withProposalTtlHours(long hours) {
        return new GovernorSettings(defaultMode, modes, actionsPerHour, defaultActionsPerHour, agentsPerHour,
                maxConcurrentExperiments, globalActionsPerHour, leaseSeconds, runawayWindowMinutes, runawayRollbacks,
                noGainLimit, hours, maxLeaseSeconds);
    }
}
