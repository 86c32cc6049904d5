package dev.autonomy.learning.core;

import java.util.List;
import java.util.Optional;

/**
 * Which experiences belong to an adaptation's experiment, and in which arm: experiences of its target since it
 * started, split by {@link Adaptation#isHoldout} of their request id.
 * <ul>
 *   <li>ROUTING on {@code capability:c}: routing experiences of capability c with an outcome;</li>
 *   <li>RETRY, TIMEOUT, CACHE on {@code tool:t}: request experiences of tool t;</li>
 *   <li>CONTEXT: request experiences of client calls (depth 0, or depth unknown).</li>
 * </ul>
 */
public final class Experiments {

    private Experiments() {
    }

    /** The two arms of an experiment. */
    public record Arms(ArmStats treatment, ArmStats holdout) {
        public static final Arms EMPTY = new Arms(ArmStats.EMPTY, ArmStats.EMPTY);
    }

    /** The arm {@code x} counts in: true = holdout, false = treatment; empty when it does not belong. */
    public static Optional<Boolean> arm(Adaptation a, LearningExperience x) {
        if (a.startedAt() == null || x.time().isBefore(a.startedAt()) || x.requestId().isEmpty() || !x.hasOutcome()) {
            return Optional.empty();
        }
        boolean belongs = switch (a.kind()) {
            case ROUTING -> x.kind() == ExperienceKind.ROUTING
                    && x.capability().equals(Providers.name(a.target()));
            case RETRY, TIMEOUT, CACHE -> x.kind() == ExperienceKind.REQUEST && x.provider().equals(a.target());
            case CONTEXT -> x.kind() == ExperienceKind.REQUEST && depth(x) == 0;
        };
        return belongs ? Optional.of(a.isHoldout(x.requestId())) : Optional.empty();
    }

    private static long depth(LearningExperience x) {
        Object d = x.inputFeatures().get(InputFeatures.DEPTH);
        return d instanceof Number ? ((Number) d).longValue() : 0;
    }

    /** Both arms' counts over {@code experiences}. */
    public static Arms armStats(Adaptation a, List<LearningExperience> experiences) {
        long tUnits = 0;
        long tBad = 0;
        long hUnits = 0;
        long hBad = 0;
        for (LearningExperience x : experiences) {
            Optional<Boolean> arm = arm(a, x);
            if (arm.isEmpty()) {
                continue;
            }
            boolean bad = a.isBad(x);
            if (arm.get()) {
                hUnits++;
                hBad += bad ? 1 : 0;
            } else {
                tUnits++;
                tBad += bad ? 1 : 0;
            }
        }
        return new Arms(new ArmStats(tUnits, tBad), new ArmStats(hUnits, hBad));
    }
}
