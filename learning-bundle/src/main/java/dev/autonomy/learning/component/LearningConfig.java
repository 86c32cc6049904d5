package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.config.ConfigReader;
import dev.autonomy.learning.core.LearningSettings;
import dev.autonomy.learning.store.StoreSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Learning's configuration (PID {@code dev.autonomy.learning}) read key by key: a number out of range is clamped to
 * its bound, a value that does not parse keeps its previous value, each with a warning; the other keys apply.
 * Example: {@code cycleSeconds=0, alpha=low} → cycleSeconds 1 ("cycleSeconds: 0 is below 1; using 1"), alpha
 * unchanged. The bounds are those {@link LearningSettings}, {@link LearningOptions} and {@link StoreSettings}
 * enforce; an experiment and the cycle that decides it must also end inside the governor's lease, so
 * {@code maxExperimentSeconds} is lowered to {@value LearningOptions#LEASE_BUDGET_SECONDS} − {@code cycleSeconds}
 * when they do not fit, with a warning.
 */
public final class LearningConfig {

    /*
     * Bounds the settings hold exclusive ((0.5, 1), (0, 1)) cannot be clamped to: a value beyond one is clamped to
     * the nearest value that is still accepted, at the precision an operator writes.
     */
    static final double CONFIDENCE_MIN = 0.501;
    static final double RATE_MIN = 0.001;
    static final double BELOW_ONE = 0.9999;
    /** A year: longer cooldowns or retention mean "never", and Duration arithmetic stays far from overflow. */
    static final long MAX_COOLDOWN_MINUTES = 525_600;
    static final int MAX_RETENTION_DAYS = 36_500;

    /** What was read, and what was clamped or kept. */
    public record Read(LearningOptions options, List<String> warnings) {
        public Read {
            warnings = List.copyOf(warnings);
        }
    }

    private LearningConfig() {
    }

    /**
     * Reads {@code properties}: an absent key is its default ({@link LearningOptions#DEFAULTS}: taking a key out of
     * the file undoes it), a key that does not parse keeps its value in {@code previous}.
     */
    public static Read read(Map<String, ?> properties, LearningOptions previous) {
        LearningOptions d = LearningOptions.DEFAULTS;
        LearningSettings dl = d.learning();
        LearningSettings pl = previous.learning();
        StoreSettings ds = d.store();
        StoreSettings ps = previous.store();
        ConfigReader r = new ConfigReader(properties);
        Decimals dec = new Decimals(properties, r);

        long cycleSeconds = r.number("cycleSeconds", d.cycle().toSeconds(), previous.cycle().toSeconds(), 1, 3600);
        long experimentSeconds = r.number("maxExperimentSeconds", dl.maxExperimentDuration().toSeconds(),
                pl.maxExperimentDuration().toSeconds(), 1, Integer.MAX_VALUE);
        LearningSettings learning = pl
                .withHoldoutShare(dec.read("holdoutShare", dl.holdoutShare(), pl.holdoutShare(), 0.01, 0.49))
                .withRoutingFloor(dec.read("routingFloor", dl.routingFloor(), pl.routingFloor(), 0.001, 0.5))
                .withAlpha(dec.read("alpha", dl.alpha(), pl.alpha(), 0.001, 0.2))
                .withConfidenceLevel(dec.read("confidenceLevel", dl.confidenceLevel(), pl.confidenceLevel(),
                        CONFIDENCE_MIN, BELOW_ONE))
                .withMinCalls(r.integer("minCalls", dl.minCalls(), pl.minCalls(), 1, 1_000_000))
                .withMaxExperimentUnits(r.number("maxExperimentUnits", dl.maxExperimentUnits(),
                        pl.maxExperimentUnits(), 100, 100_000_000))
                .withMaxExperimentDuration(Duration.ofSeconds(experimentSeconds))
                .withMaxConcurrentExperiments(r.integer("maxConcurrentExperiments", dl.maxConcurrentExperiments(),
                        pl.maxConcurrentExperiments(), 1, 100))
                .withRevertCooldown(Duration.ofMinutes(r.number("revertCooldownMinutes",
                        dl.revertCooldown().toMinutes(), pl.revertCooldown().toMinutes(), 0, MAX_COOLDOWN_MINUTES)))
                .withMinTransientFailureRate(dec.read("minTransientFailureRate", dl.minTransientFailureRate(),
                        pl.minTransientFailureRate(), RATE_MIN, BELOW_ONE))
                .withMaxRetries(r.integer("maxRetries", dl.maxRetries(), pl.maxRetries(), 0, 10))
                .withMinRepeatRate(dec.read("minRepeatRate", dl.minRepeatRate(), pl.minRepeatRate(), RATE_MIN,
                        BELOW_ONE))
                .withCacheTtlMillis(r.number("cacheTtlMs", dl.cacheTtlMillis(), pl.cacheTtlMillis(), 1, 86_400_000))
                .withMinRatings(r.integer("minRatings", dl.minRatings(), pl.minRatings(), 1, 10_000));
        StoreSettings store = ps
                .withMaxAge(Duration.ofDays(r.integer("retentionDays", (int) ds.maxAge().toDays(),
                        (int) ps.maxAge().toDays(), 1, MAX_RETENTION_DAYS)))
                .withMaxEntries(r.number("retentionMaxEntries", ds.maxEntries(), ps.maxEntries(), 1, Long.MAX_VALUE))
                .withSync(r.flag("syncWrites", ds.sync(), ps.sync()));
        LearningOptions options = previous
                .withCycle(Duration.ofSeconds(cycleSeconds))
                .withAnalysisWindow(Duration.ofMinutes(r.number("analysisWindowMinutes",
                        d.analysisWindow().toMinutes(), previous.analysisWindow().toMinutes(), 1, 43_200)))
                .withKeepRawValues(r.flag("keepRawValues", d.keepRawValues(), previous.keepRawValues()))
                .withRandomSeed(r.number("randomSeed", d.randomSeed(), previous.randomSeed(), Long.MIN_VALUE,
                        Long.MAX_VALUE))
                .withLearning(learning)
                .withStore(store);
        List<String> warnings = new ArrayList<>(r.warnings());
        LearningOptions safe = options.withinLease();
        if (safe != options) {
            warnings.add("maxExperimentSeconds: " + experimentSeconds + " plus cycleSeconds " + cycleSeconds
                    + " is above " + LearningOptions.LEASE_BUDGET_SECONDS + " (the governor's 600 s lease less a "
                    + "minute); using " + safe.learning().maxExperimentDuration().toSeconds());
        }
        return new Read(safe, warnings);
    }

    /** {@link ConfigReader#decimal} with a default for an absent key, as its whole-number forms have. */
    private record Decimals(Map<String, ?> properties, ConfigReader reader) {
        double read(String key, double dflt, double previous, double min, double max) {
            Object v = properties.get(key);
            boolean absent = v == null || v instanceof String && ((String) v).isBlank();
            return absent ? dflt : reader.decimal(key, previous, min, max);
        }
    }
}
