package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;

import java.util.List;
import java.util.Optional;

/**
 * Which experiences belong to an adaptation's experiment, and in which arm: experiences of its target since it
 * started, split by {@link Adaptation#isHoldout} of their request id.
 * <ul>
 *   <li>ROUTING on {@code capability:c}: routing experiences of capability c with an outcome;</li>
 *   <li>RETRY, TIMEOUT, CACHE on {@code tool:t}: request experiences of tool t that the foundation tagged with
 *       this adaptation's experiment (its id): the foundation chose the arm itself ({@code variant}), so it is read,
 *       not recomputed; untagged calls (before the override took effect, or after it went) do not count;</li>
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
        return switch (a.kind()) {
            case ROUTING -> x.kind() == ExperienceKind.ROUTING && x.capability().equals(Providers.name(a.target()))
                    ? Optional.of(a.isHoldout(x.requestId())) : Optional.empty();
            case RETRY, TIMEOUT, CACHE -> x.kind() == ExperienceKind.REQUEST && x.provider().equals(a.target())
                    ? taggedVariant(a, x) : Optional.empty();
            case CONTEXT -> x.kind() == ExperienceKind.REQUEST && depth(x) == 0
                    ? Optional.of(a.isHoldout(x.requestId())) : Optional.empty();
        };
    }

    /** The arm the foundation assigned {@code x} to in {@code a}'s experiment; empty when not tagged with it. */
    private static Optional<Boolean> taggedVariant(Adaptation a, LearningExperience x) {
        if (!a.id().equals(x.inputFeatures().get(InputFeatures.EXPERIMENT))) {
            return Optional.empty();
        }
        Object variant = x.inputFeatures().get(InputFeatures.VARIANT);
        if (SessionEventTypes.VARIANT_HOLDOUT.equals(variant)) {
            return Optional.of(true);
        }
        return SessionEventTypes.VARIANT_TREATMENT.equals(variant) ? Optional.of(false) : Optional.empty();
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
