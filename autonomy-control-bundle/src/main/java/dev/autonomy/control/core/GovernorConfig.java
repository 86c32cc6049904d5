package dev.autonomy.control.core;

import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.config.ConfigReader;

import java.util.List;
import java.util.Map;

/**
 * The governor's configuration (PID {@code dev.autonomy.governor}) read key by key: a number out of range is clamped
 * to its bound, a value that does not parse keeps its previous value, each with a warning; the other keys apply.
 * Example: {@code runawayRollbacks=0, noGainLimit=four} → runawayRollbacks 1 ("runawayRollbacks: 0 is below 1;
 * using 1"), noGainLimit unchanged ("noGainLimit: 'four' is not a whole number; keeping 5").
 */
public final class GovernorConfig {

    /** What was read, and what was clamped or kept. */
    public record Read(GovernorSettings settings, Retention retention, List<String> warnings) {
        public Read {
            warnings = List.copyOf(warnings);
        }
    }

    private GovernorConfig() {
    }

    /**
     * Reads {@code properties}: an absent key is its default ({@link GovernorSettings#DEFAULTS}, {@link
     * Retention#DEFAULTS}: taking a key out of the file undoes it), a key that does not parse keeps its value in
     * {@code previous}.
     */
    public static Read read(Map<String, ?> properties, GovernorSettings previous, Retention previousRetention) {
        GovernorSettings d = GovernorSettings.DEFAULTS;
        Retention dr = Retention.DEFAULTS;
        ConfigReader r = new ConfigReader(properties);
        List<String> clamped = new java.util.ArrayList<>();
        Mode defaultMode = r.parsed("defaultMode", d.defaultMode(), previous.defaultMode(), Mode::parse);
        Map<String, Mode> modes = r.parsed("modes", d.modes(), previous.modes(),
                s -> GovernorSettings.parseModes(r.list("modes", List.of()).toArray(String[]::new)));
        Map<String, Integer> perKey = r.parsed("actionsPerHour", d.actionsPerHour(), previous.actionsPerHour(),
                s -> clampedLimits(GovernorSettings.parseLimits("actionsPerHour",
                        r.list("actionsPerHour", List.of()).toArray(String[]::new)), clamped));
        GovernorSettings settings = new GovernorSettings(defaultMode, modes, perKey,
                r.integer("defaultActionsPerHour", d.defaultActionsPerHour(), previous.defaultActionsPerHour(), 0,
                        1_000_000),
                r.integer("agentsPerHour", d.agentsPerHour(), previous.agentsPerHour(), 0, 1_000_000),
                r.integer("maxConcurrentExperiments", d.maxConcurrentExperiments(),
                        previous.maxConcurrentExperiments(), 0, 10_000),
                r.integer("globalActionsPerHour", d.globalActionsPerHour(), previous.globalActionsPerHour(), 0,
                        1_000_000),
                r.number("leaseSeconds", d.leaseSeconds(), previous.leaseSeconds(), 1, 604_800),
                r.number("runawayWindowMinutes", d.runawayWindowMinutes(), previous.runawayWindowMinutes(), 1,
                        10_080),
                r.integer("runawayRollbacks", d.runawayRollbacks(), previous.runawayRollbacks(), 1, 1000),
                r.integer("noGainLimit", d.noGainLimit(), previous.noGainLimit(), 1, 1000),
                r.number("proposalTtlHours", d.proposalTtlHours(), previous.proposalTtlHours(), 1, 8760),
                r.number("maxLeaseSeconds", d.maxLeaseSeconds(), previous.maxLeaseSeconds(), 1, 2_592_000));
        Retention retention = new Retention(
                r.integer("auditRetentionDays", dr.days(), previousRetention.days(), 1, 36_500),
                r.number("auditMaxEntries", dr.maxEntries(), previousRetention.maxEntries(), 1_000,
                        1_000_000_000L));
        List<String> warnings = new java.util.ArrayList<>(r.warnings());
        warnings.addAll(clamped);
        return new Read(settings, retention, warnings);
    }

    /** Budgets out of range are refused by the settings: here they are clamped instead (0..1,000,000). */
    private static Map<String, Integer> clampedLimits(Map<String, Integer> limits, List<String> warnings) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        limits.forEach((k, v) -> {
            int c = Math.max(0, Math.min(1_000_000, v));
            if (c != v) {
                warnings.add("actionsPerHour: " + k + "=" + v + " is out of 0..1000000; using " + c);
            }
            out.put(k, c);
        });
        return out;
    }
}
