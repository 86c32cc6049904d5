package dev.autonomy.learning.core;

import dev.autonomy.learning.core.EffectivenessReport.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Stage 5, {@code validate_learning_effectiveness}: compares an active adaptation's treatment arm with its holdout
 * by the {@link SequentialTest} (α = {@code alpha}), as often as evidence arrives:
 * <ol>
 *   <li>worse with confidence (Bayes factor of "worse" ≥ 1/α) → REVERT;</li>
 *   <li>better with confidence (Bayes factor of "better" ≥ 1/α) → KEEP;</li>
 *   <li>no decision after {@code maxExperimentUnits} units or {@code maxExperimentDuration} → REVERT, inconclusive
 *       (only what is shown better is kept; {@link EffectivenessReport#shownWorse()} is false);</li>
 *   <li>otherwise CONTINUE.</li>
 * </ol>
 * The chance of keeping an adaptation that is in truth no better is at most α, however often this is called.
 */
public final class EffectivenessValidator {

    private EffectivenessValidator() {
    }

    public static EffectivenessReport validateLearningEffectiveness(Adaptation adaptation, ArmStats treatment,
                                                                    ArmStats holdout, Instant now,
                                                                    LearningSettings settings) {
        if (adaptation.status() != Adaptation.Status.ACTIVE) {
            throw new IllegalArgumentException("only an active adaptation can be validated; " + adaptation.id()
                    + " is " + adaptation.status());
        }
        SequentialTest.Result r = SequentialTest.test(treatment.bad(), holdout.bad(), adaptation.holdoutShare(),
                settings.alpha());
        long units = treatment.units() + holdout.units();
        double effect = holdout.badRate() - treatment.badRate();
        Evidence evidence = new Evidence(units, effect, Math.max(0, Math.min(1, 1 - r.pValueBetter())));
        Duration elapsed = adaptation.startedAt() == null ? Duration.ZERO
                : Duration.between(adaptation.startedAt(), now);
        Verdict verdict;
        String reason;
        String rates = String.format(Locale.ROOT, "bad %.2f%% with it (%d of %d) against %.2f%% without (%d of %d)",
                100 * treatment.badRate(), treatment.bad(), treatment.units(), 100 * holdout.badRate(), holdout.bad(),
                holdout.units());
        if (r.worse()) {
            verdict = Verdict.REVERT;
            reason = String.format(Locale.ROOT, "worse with confidence (p ≤ %.4f): %s", r.pValueWorse(), rates);
        } else if (r.better()) {
            verdict = Verdict.KEEP;
            reason = String.format(Locale.ROOT, "better with confidence (p ≤ %.4f): %s", r.pValueBetter(), rates);
        } else if (units >= settings.maxExperimentUnits()) {
            verdict = Verdict.REVERT;
            reason = "not shown better within " + settings.maxExperimentUnits() + " units: " + rates;
        } else if (elapsed.compareTo(settings.maxExperimentDuration()) >= 0) {
            verdict = Verdict.REVERT;
            reason = "not shown better within " + settings.maxExperimentDuration().toSeconds() + " s: " + rates;
        } else {
            verdict = Verdict.CONTINUE;
            reason = String.format(Locale.ROOT, "measuring (p = %.4f so far): %s", r.pValueBetter(), rates);
        }
        return new EffectivenessReport(adaptation.id(), verdict, reason, treatment, holdout, evidence,
                r.logBayesFactorBetter(), r.logBayesFactorWorse(), now, r.worse());
    }
}
