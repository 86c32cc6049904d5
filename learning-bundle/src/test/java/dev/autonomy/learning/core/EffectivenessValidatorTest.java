package dev.autonomy.learning.core;

import dev.autonomy.learning.core.EffectivenessReport.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.autonomy.learning.core.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EffectivenessValidatorTest {

    private static final LearningSettings S = LearningSettings.DEFAULTS;

    private static Adaptation active() {
        return new Adaptation("exp-1", Adaptation.Kind.RETRY, "tool:t", Map.of("tool", "t"), 0.1,
                Adaptation.Metric.FAILURE, 0, Adaptation.Status.PROPOSED, T0, null, null, new Evidence(1, 0, 0), "")
                .withStatus(Adaptation.Status.ACTIVE, T0);
    }

    private static EffectivenessReport validate(ArmStats t, ArmStats h, Instant now, LearningSettings s) {
        return AdaptiveLearning.validateLearningEffectiveness(active(), t, h, now, s);
    }

    @Test
    void keepsWhatIsBetterWithConfidence() {
        EffectivenessReport r = validate(new ArmStats(1000, 20), new ArmStats(100, 15), T0.plusSeconds(60), S);
        assertThat(r.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(r.improved()).isTrue();
        assertThat(r.done()).isTrue();
        assertThat(r.evidence().count()).isEqualTo(1100);
        assertThat(r.evidence().effectSize()).isCloseTo(0.15 - 0.02, within(1e-12));
        assertThat(r.evidence().confidence()).isGreaterThan(0.95);
        assertThat(r.logBayesFactorBetter()).isGreaterThan(Math.log(20));
        assertThat(r.reason()).startsWith("better with confidence");
    }

    @Test
    void revertsWhatIsWorseWithConfidence() {
        EffectivenessReport r = validate(new ArmStats(1000, 300), new ArmStats(100, 5), T0.plusSeconds(60), S);
        assertThat(r.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(r.improved()).isFalse();
        assertThat(r.reason()).startsWith("worse with confidence");
        assertThat(r.shownWorse()).isTrue();
        assertThat(r.inconclusive()).isFalse();
        assertThat(r.toJson()).containsEntry("shownWorse", true);
    }

    @Test
    void continuesWhileUndecided() {
        EffectivenessReport r = validate(new ArmStats(90, 9), new ArmStats(10, 1), T0.plusSeconds(60), S);
        assertThat(r.verdict()).isEqualTo(Verdict.CONTINUE);
        assertThat(r.done()).isFalse();
        assertThat(validate(ArmStats.EMPTY, ArmStats.EMPTY, T0, S).verdict()).isEqualTo(Verdict.CONTINUE);
    }

    @Test
    void revertsWhatIsNotShownBetterInTime() {
        assertThat(validate(new ArmStats(135, 14), new ArmStats(15, 1), T0.plusSeconds(60),
                S.withMaxExperimentUnits(150)).verdict()).isEqualTo(Verdict.REVERT);
        EffectivenessReport late = validate(new ArmStats(90, 9), new ArmStats(10, 1), T0.plusSeconds(600), S);
        assertThat(late.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(late.reason()).startsWith("not shown better within 600 s");
        // inconclusive, not worse: the governor hears of it as a rollback, not as a validation without gain
        assertThat(late.shownWorse()).isFalse();
        assertThat(late.inconclusive()).isTrue();
        assertThat(late.toJson()).containsEntry("shownWorse", false);
    }

    @Test
    void onlyActiveAdaptationsAreValidated() {
        Adaptation proposed = new Adaptation("exp-2", Adaptation.Kind.RETRY, "tool:t", Map.of(), 0.1,
                Adaptation.Metric.FAILURE, 0, Adaptation.Status.PROPOSED, T0, null, null, new Evidence(1, 0, 0), "");
        assertThatThrownBy(() -> AdaptiveLearning.validateLearningEffectiveness(proposed, ArmStats.EMPTY,
                ArmStats.EMPTY, T0, S)).hasMessage("only an active adaptation can be validated; exp-2 is PROPOSED");
    }

    @Test
    void theReportIsTheGovernorsValidationEvidence() {
        Map<String, Object> json = validate(new ArmStats(1000, 20), new ArmStats(100, 15), T0, S).toJson();
        assertThat(json).containsEntry("verdict", "keep").containsEntry("treatmentUnits", 1000L)
                .containsEntry("holdoutBad", 15L).containsKeys("evidence", "logBayesFactorBetter", "reason");
    }

    /** A call of tool t as the foundation reports it under the experiment of an override with a holdout. */
    private static LearningExperience tagged(int i, String experiment, boolean holdout, String outcome) {
        return LearningExperience.request(T0.plusSeconds(i), "s", "req-" + i, "t", outcome, "", 10, 10)
                .withInputFeatures(Map.of(InputFeatures.EXPERIMENT, experiment, InputFeatures.VARIANT,
                        holdout ? "holdout" : "treatment"));
    }

    @Test
    void policyArmsAreTheVariantsTheFoundationTaggedSinceTheStart() {
        Adaptation a = active();
        List<LearningExperience> xs = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            xs.add(tagged(i, "exp-1", i % 10 == 0, i % 4 == 0 ? "timeout" : "success"));
        }
        xs.add(LearningExperience.request(T0.minusSeconds(1), "s", "early", "t", "success", "", 1, 1));
        xs.add(LearningExperience.request(T0.plusSeconds(5), "s", "other", "u", "success", "", 1, 1));
        xs.add(LearningExperience.request(T0.plusSeconds(5), "s", "untagged", "t", "timeout", "", 1, 1));
        xs.add(tagged(2000, "exp-other", true, "timeout"));
        Experiments.Arms arms = Experiments.armStats(a, xs);
        assertThat(arms.holdout().units()).isEqualTo(100);
        assertThat(arms.treatment().units()).isEqualTo(900);
        assertThat(arms.holdout().bad()).isEqualTo(50); // i % 10 == 0 and i % 4 == 0: every 20th
        assertThat(arms.treatment().bad() + arms.holdout().bad()).isEqualTo(250);
    }

    @Test
    void routingArmsAreTheStatelessHoldoutOfTheRequestIds() {
        Adaptation a = new Adaptation("exp-r", Adaptation.Kind.ROUTING, "capability:c", Map.of(), 0.1,
                Adaptation.Metric.FAILURE, 0, Adaptation.Status.PROPOSED, T0, null, null, new Evidence(1, 0, 0), "")
                .withStatus(Adaptation.Status.ACTIVE, T0);
        List<LearningExperience> xs = new java.util.ArrayList<>();
        int holdout = 0;
        for (int i = 0; i < 1000; i++) {
            LearningExperience x = LearningExperience.routing(T0.plusSeconds(i), "s", "req-" + i, "c", "a",
                    List.of("a", "b"), 0.5, "success", 10);
            xs.add(x);
            holdout += a.isHoldout(x.requestId()) ? 1 : 0;
        }
        xs.add(LearningExperience.routing(T0.plusSeconds(1), "s", "other", "d", "a", List.of("a"), 1, "success", 1));
        Experiments.Arms arms = Experiments.armStats(a, xs);
        assertThat(arms.holdout().units()).isEqualTo(holdout);
        assertThat(arms.treatment().units() + arms.holdout().units()).isEqualTo(1000);
        assertThat((double) holdout / 1000).isCloseTo(0.1, within(0.03));
    }
}
