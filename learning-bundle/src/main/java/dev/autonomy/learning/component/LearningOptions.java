package dev.autonomy.learning.component;

import dev.autonomy.learning.core.LearningSettings;
import dev.autonomy.learning.store.StoreSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the learning component runs with (configuration PID {@code dev.autonomy.learning}), validated: the
 * pipeline's settings, the store's, and the component's own. Bad values are rejected with a message naming the
 * key, the range and the value.
 *
 * @param cycle              how often an adaptation cycle runs (analysis, validation, proposals), 1 s .. 1 h
 * @param analysisWindow     how far back patterns look, 1 min .. 30 days
 * @param keepRawValues      whether the free text people write (feedback comments) is stored; off: ratings only
 * @param randomSeed         seed of the Thompson sampling's Monte Carlo; 0 = a new one at every start
 * @param maxPendingRouted   routing decisions kept while they wait for their call's outcome, 1 .. 1,000,000
 * @param pendingRoutedMaxAge how long such a decision waits before it is dropped, 1 s .. 1 h
 * @param contextItems       opportunities, adaptations and reports the context extension lists, 1 .. 50
 * @param learning           the pipeline's settings
 * @param store              the experience store's settings
 */
public record LearningOptions(Duration cycle, Duration analysisWindow, boolean keepRawValues, long randomSeed,
                              int maxPendingRouted, Duration pendingRoutedMaxAge, int contextItems,
                              LearningSettings learning, StoreSettings store) {

    /**
     * What an experiment and the cycle that decides it may take together (s): the governor's default lease on the
     * target (600 s) less a minute of margin. The lease is the governor's; learning reads nothing of it, and an
     * operator who shortens {@code leaseSeconds} shortens {@code maxExperimentSeconds} too.
     */
    public static final long LEASE_BUDGET_SECONDS = 540;

    public static final LearningOptions DEFAULTS = new LearningOptions(Duration.ofSeconds(60), Duration.ofHours(24),
            false, 0, 10_000, Duration.ofMinutes(10), 5,
            LearningSettings.DEFAULTS.withMaxExperimentDuration(Duration.ofSeconds(LEASE_BUDGET_SECONDS - 60)),
            StoreSettings.DEFAULTS);

    public LearningOptions {
        between("cycleSeconds", cycle, Duration.ofSeconds(1), Duration.ofHours(1));
        between("analysisWindowMinutes", analysisWindow, Duration.ofMinutes(1), Duration.ofDays(30));
        if (maxPendingRouted < 1 || maxPendingRouted > 1_000_000) {
            throw new IllegalArgumentException("maxPendingRouted must be 1..1000000, was " + maxPendingRouted);
        }
        between("pendingRoutedSeconds", pendingRoutedMaxAge, Duration.ofSeconds(1), Duration.ofHours(1));
        if (contextItems < 1 || contextItems > 50) {
            throw new IllegalArgumentException("contextItems must be 1..50, was " + contextItems);
        }
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(store, "store");
    }

    /**
     * These options with {@code maxExperimentDuration} at most {@link #LEASE_BUDGET_SECONDS} − the cycle (and at
     * least 1 s), so that an experiment's verdict is carried out (at the next cycle) before the governor's lease on
     * its target ends: a lease that ended first would let another change take the target while the experiment still
     * counts its traffic. The same options when they fit.
     */
    public LearningOptions withinLease() {
        long cycleSeconds = cycle.toSeconds();
        long max = Math.max(1, LEASE_BUDGET_SECONDS - cycleSeconds);
        if (learning.maxExperimentDuration().toSeconds() + cycleSeconds <= LEASE_BUDGET_SECONDS
                || learning.maxExperimentDuration().toSeconds() <= max) {
            return this;
        }
        return withLearning(learning.withMaxExperimentDuration(Duration.ofSeconds(max)));
    }

    /** Checks a duration; the message gives the bounds in the unit of the configuration key (…Minutes or s). */
    private static void between(String name, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            boolean minutes = name.endsWith("Minutes");
            String unit = minutes ? " min" : " s";
            throw new IllegalArgumentException(name + " must be " + (minutes ? min.toMinutes() : min.toSeconds())
                    + ".." + (minutes ? max.toMinutes() : max.toSeconds()) + unit + ", was "
                    + (d == null ? null : (minutes ? d.toMinutes() : d.toSeconds()) + unit));
        }
    }

    public LearningOptions withCycle(Duration v) {
        return new LearningOptions(v, analysisWindow, keepRawValues, randomSeed, maxPendingRouted,
                pendingRoutedMaxAge, contextItems, learning, store);
    }

    public LearningOptions withAnalysisWindow(Duration v) {
        return new LearningOptions(cycle, v, keepRawValues, randomSeed, maxPendingRouted, pendingRoutedMaxAge,
                contextItems, learning, store);
    }

    public LearningOptions withKeepRawValues(boolean v) {
        return new LearningOptions(cycle, analysisWindow, v, randomSeed, maxPendingRouted, pendingRoutedMaxAge,
                contextItems, learning, store);
    }

    public LearningOptions withRandomSeed(long v) {
        return new LearningOptions(cycle, analysisWindow, keepRawValues, v, maxPendingRouted, pendingRoutedMaxAge,
                contextItems, learning, store);
    }

    public LearningOptions withMaxPendingRouted(int v) {
        return new LearningOptions(cycle, analysisWindow, keepRawValues, randomSeed, v, pendingRoutedMaxAge,
                contextItems, learning, store);
    }

    public LearningOptions withPendingRoutedMaxAge(Duration v) {
        return new LearningOptions(cycle, analysisWindow, keepRawValues, randomSeed, maxPendingRouted, v,
                contextItems, learning, store);
    }

    public LearningOptions withContextItems(int v) {
        return new LearningOptions(cycle, analysisWindow, keepRawValues, randomSeed, maxPendingRouted,
                pendingRoutedMaxAge, v, learning, store);
    }

    public LearningOptions withLearning(LearningSettings v) {
        return new LearningOptions(cycle, analysisWindow, keepRawValues, randomSeed, maxPendingRouted,
                pendingRoutedMaxAge, contextItems, v, store);
    }

    public LearningOptions withStore(StoreSettings v) {
        return new LearningOptions(cycle, analysisWindow, keepRawValues, randomSeed, maxPendingRouted,
                pendingRoutedMaxAge, contextItems, learning, v);
    }
}
