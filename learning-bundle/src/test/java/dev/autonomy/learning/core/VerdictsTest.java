package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

    private static final Duration MAX = Duration.ofHours(1);
    private static final Duration EARLY = Duration.ofMinutes(10);

    private static EffectivenessReport report(EffectivenessReport.Verdict verdict, boolean worse) {
        return new EffectivenessReport("a1", verdict, "the reason", new ArmStats(100, 5), new ArmStats(10, 3),
                new Evidence(110, 0.25, 0.95), 3.2, 0, Instant.parse("2025-06-01T10:00:00Z"), worse);
    }

    @Test
    void aKeepIsCarriedOutWithAGovernorAndNotHalted() {
        assertThat(Verdicts.step(report(EffectivenessReport.Verdict.KEEP, false), EARLY, true, false, MAX))
                .isEqualTo(new Verdicts.Step(Verdicts.Action.KEEP, "the reason", false));
    }

    @Test
    void aKeepWaitsWhileHaltedOrWithoutAGovernorSayingWhy() {
        assertThat(Verdicts.step(report(EffectivenessReport.Verdict.KEEP, false), EARLY, true, true, MAX))
                .isEqualTo(new Verdicts.Step(Verdicts.Action.WAIT, "better with confidence; kept once autonomy "
                        + "resumes (autonomy is halted), unless its time is up first", false));
        assertThat(Verdicts.step(report(EffectivenessReport.Verdict.KEEP, false), EARLY, false, false, MAX))
                .isEqualTo(new Verdicts.Step(Verdicts.Action.WAIT, "better with confidence; kept once a governor "
                        + "runs (no governor runs), unless its time is up first", false));
    }

    @Test
    void aKeepThatWaitedUntilItsTimeWasUpIsRevertedAsInconclusive() {
        assertThat(Verdicts.step(report(EffectivenessReport.Verdict.KEEP, false), MAX, true, true, MAX))
                .isEqualTo(new Verdicts.Step(Verdicts.Action.REVERT, "better with confidence, but not kept within "
                        + "3600 s (autonomy is halted): the reason", false));
    }

    @Test
    void aRevertIsAlwaysCarriedOutAndSaysWhetherItWasShownWorse() {
        assertThat(Verdicts.step(report(EffectivenessReport.Verdict.REVERT, true), EARLY, false, true, MAX))
                .isEqualTo(new Verdicts.Step(Verdicts.Action.REVERT, "the reason", true));
        assertThat(Verdicts.step(report(EffectivenessReport.Verdict.REVERT, false), EARLY, true, false, MAX))
                .isEqualTo(new Verdicts.Step(Verdicts.Action.REVERT, "the reason", false));
    }
}
