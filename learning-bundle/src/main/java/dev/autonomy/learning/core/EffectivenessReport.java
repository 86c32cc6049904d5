package dev.autonomy.learning.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stage 5's output: what an adaptation measurably did, and what to do about it.
 *
 * @param adaptationId the adaptation
 * @param verdict      keep, revert or continue measuring
 * @param reason       why, in words
 * @param treatment    the arm with the adaptation
 * @param holdout      the arm without it
 * @param evidence     units, effect size (holdout bad rate − treatment bad rate: positive = better), confidence
 *                     (1 − always-valid p-value of "no better")
 * @param logBayesFactorBetter ln of the sequential test's Bayes factor for "better"
 * @param logBayesFactorWorse  ln of the Bayes factor for "worse"
 * @param at           when
 * @param shownWorse   whether a REVERT is due to the test showing the adaptation worse with confidence (as opposed
 *                     to not shown better within the limits: inconclusive, often for lack of traffic)
 */
public record EffectivenessReport(String adaptationId, Verdict verdict, String reason, ArmStats treatment,
                                  ArmStats holdout, Evidence evidence, double logBayesFactorBetter,
                                  double logBayesFactorWorse, Instant at, boolean shownWorse) {

    public enum Verdict {
        /** Better than the old behaviour with confidence: keep it (the governor's validation: improved, done). */
        KEEP,
        /**
         * Worse with confidence ({@link #shownWorse()}; the governor's validation: no gain, done), or not shown
         * better within the limits (inconclusive: undone through the governor's audited rollback, but not reported
         * as a validation without gain, so that mere lack of traffic never trips the governor's no-gain pause).
         */
        REVERT,
        /** Not decided yet: keep measuring. */
        CONTINUE
    }

    public EffectivenessReport {
        Objects.requireNonNull(adaptationId, "adaptationId");
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(holdout, "holdout");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(at, "at");
        if (shownWorse && verdict != Verdict.REVERT) {
            throw new IllegalArgumentException("only a REVERT is shown worse");
        }
    }

    /** Whether the experiment ended without a decision of the test: not shown better within the limits. */
    public boolean inconclusive() {
        return verdict == Verdict.REVERT && !shownWorse;
    }

    /** Whether it helped with confidence (the governor's {@code improved}). */
    public boolean improved() {
        return verdict == Verdict.KEEP;
    }

    /** Whether the experiment is over (the governor's {@code done}). */
    public boolean done() {
        return verdict != Verdict.CONTINUE;
    }

    /** The figures for {@code AutonomyGovernor.reportValidation}: counts, effect size, confidence. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("adaptationId", adaptationId);
        m.put("verdict", verdict.name().toLowerCase(Locale.ROOT));
        if (verdict == Verdict.REVERT) {
            m.put("shownWorse", shownWorse);
        }
        m.put("reason", reason);
        m.put("treatmentUnits", treatment.units());
        m.put("treatmentBad", treatment.bad());
        m.put("holdoutUnits", holdout.units());
        m.put("holdoutBad", holdout.bad());
        m.put("evidence", evidence.toJson());
        m.put("logBayesFactorBetter", finite(logBayesFactorBetter));
        m.put("logBayesFactorWorse", finite(logBayesFactorWorse));
        m.put("at", at.toString());
        return m;
    }

    private static double finite(double d) {
        return Double.isFinite(d) ? d : d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
    }
}
