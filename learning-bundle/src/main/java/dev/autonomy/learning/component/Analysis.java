package dev.autonomy.learning.component;

import dev.autonomy.learning.core.ActionableKnowledge;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.ArmStats;
import dev.autonomy.learning.core.Experiments;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.KnowledgeExtractor;
import dev.autonomy.learning.core.PatternAnalyzer;
import dev.autonomy.learning.store.ExperienceStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Analysis, the first half of a cycle: one pass over the store from the oldest running experiment's start (or the
 * analysis window, if earlier) that feeds the pattern analyzer, counts the arms of the running experiments and, after
 * a start, fills the intake's memory of recent requests. Runs on the cycle thread (under the learner's {@code
 * cycleLock}), and, without experiments, for queries between cycles (the learner's analysis on demand, at most one
 * at a time, see {@link SingleFlight}), possibly while a cycle's runs: a pass only reads the store and holds no lock
 * of its own.
 */
final class Analysis {

    /** What one pass found: the patterns and knowledge of the window, and the arms of each running experiment. */
    record Result(InteractionPatterns patterns, ActionableKnowledge knowledge, List<Experiments.Arms> arms) {
        Result {
            arms = List.copyOf(arms);
        }
    }

    /** Thrown into a store scan to end a cycle when learning stops. */
    static final class Stopping extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super("learning is stopping", null, false, false);
        }
    }

    private final ExperienceStore store;
    private final Intake intake;
    private final BooleanSupplier closing;

    Analysis(ExperienceStore store, Intake intake, BooleanSupplier closing) {
        this.store = store;
        this.intake = intake;
        this.closing = closing;
    }

    /**
     * One pass.
     *
     * @param active the running experiments (active, started), in the order of the result's arms
     * @throws Stopping when learning stops during the pass
     */
    Result run(List<Adaptation> active, LearningOptions o, Instant now) {
        Instant windowStart = now.minus(o.analysisWindow());
        Instant from = windowStart;
        for (Adaptation a : active) {
            if (a.startedAt().isBefore(from)) {
                from = a.startedAt();
            }
        }
        PatternAnalyzer.Accumulator acc = new PatternAnalyzer.Accumulator(o.learning());
        long[][] tally = new long[active.size()][4]; // treatment units, bad; holdout units, bad
        LinkedHashMap<String, Intake.Recent> warmed = intake.needsWarming() ? Intake.recentRequests() : null;
        store.forEach(from, x -> {
            if (closing.getAsBoolean()) {
                throw new Stopping();
            }
            if (!x.time().isBefore(windowStart)) {
                acc.add(x);
                if (warmed != null && !x.requestId().isEmpty()) {
                    Intake.warm(warmed, x);
                }
            }
            for (int i = 0; i < tally.length; i++) {
                Adaptation a = active.get(i);
                Optional<Boolean> arm = Experiments.arm(a, x);
                if (arm.isPresent()) {
                    int k = arm.get() ? 2 : 0;
                    tally[i][k]++;
                    tally[i][k + 1] += a.isBad(x) ? 1 : 0;
                }
            }
        });
        if (warmed != null) {
            intake.warmed(warmed);
        }
        InteractionPatterns patterns = acc.result();
        List<Experiments.Arms> arms = new ArrayList<>(tally.length);
        for (long[] t : tally) {
            arms.add(new Experiments.Arms(new ArmStats(t[0], t[1]), new ArmStats(t[2], t[3])));
        }
        return new Result(patterns, KnowledgeExtractor.extractActionableKnowledge(patterns, o.learning()), arms);
    }
}
