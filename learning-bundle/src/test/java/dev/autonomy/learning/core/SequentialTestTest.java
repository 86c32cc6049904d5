package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SequentialTestTest {

    @Test
    void withoutEvidenceTheBayesFactorsAreOne() {
        SequentialTest.Result r = SequentialTest.test(0, 0, 0.1, 0.05);
        assertThat(r.logBayesFactorBetter()).isCloseTo(0, within(1e-12));
        assertThat(r.logBayesFactorWorse()).isCloseTo(0, within(1e-12));
        assertThat(r.better()).isFalse();
        assertThat(r.pValueBetter()).isEqualTo(1.0);
    }

    @Test
    void matchesTheClosedFormAndRejectsAtTheSeventhHoldoutFailure() {
        // h = 1/2, k failures all in the holdout: BF = 2^(k+1) (1 - 2^-(k+1)) / (k+1)
        for (int k = 1; k <= 12; k++) {
            double expected = Math.pow(2, k + 1) * (1 - Math.pow(2, -(k + 1))) / (k + 1);
            assertThat(Math.exp(SequentialTest.logBayesFactorBetter(0, k, 0.5))).isCloseTo(expected,
                    within(1e-9 * expected));
        }
        assertThat(Math.exp(SequentialTest.logBayesFactorBetter(0, 6, 0.5))).isCloseTo(127.0 / 7, within(1e-9));
        assertThat(SequentialTest.test(0, 6, 0.5, 0.05).better()).isFalse(); // 18.1 < 20
        assertThat(SequentialTest.test(0, 7, 0.5, 0.05).better()).isTrue(); // 31.9 >= 20
        assertThat(SequentialTest.test(7, 0, 0.5, 0.05).worse()).isTrue(); // the mirror
        assertThat(SequentialTest.test(7, 0, 0.5, 0.05).better()).isFalse();
    }

    @Test
    void rejectsThirtyAgainstZeroPercentFailureWithinTwoHundredUnits() {
        SplittableRandom r = new SplittableRandom(11);
        long treatmentBad = 0;
        long holdoutBad = 0;
        int decidedAt = 0;
        for (int unit = 1; unit <= 200 && decidedAt == 0; unit++) {
            boolean holdout = r.nextDouble() < 0.5;
            boolean bad = holdout && r.nextDouble() < 0.3; // treatment never fails
            if (bad) {
                holdoutBad++;
            }
            if (SequentialTest.test(treatmentBad, holdoutBad, 0.5, 0.05).better()) {
                decidedAt = unit;
            }
        }
        // 7 holdout failures are needed; at 0.5 · 0.3 per unit that takes about 47 units
        assertThat(decidedAt).isBetween(7, 200);
        assertThat(holdoutBad).isEqualTo(7);
    }

    @Test
    void rarelyRejectsWhenTheRatesAreEqualHoweverOftenOneLooks() {
        SplittableRandom r = new SplittableRandom(2024);
        int replicates = 200;
        int falseKeeps = 0;
        for (int rep = 0; rep < replicates; rep++) {
            long kT = 0;
            long kH = 0;
            for (int unit = 0; unit < 2000; unit++) {
                boolean holdout = r.nextDouble() < 0.1;
                if (r.nextDouble() < 0.2) { // 20 % bad in both arms
                    if (holdout) {
                        kH++;
                    } else {
                        kT++;
                    }
                    if (SequentialTest.test(kT, kH, 0.1, 0.05).better()) { // looked at after every bad outcome
                        falseKeeps++;
                        break;
                    }
                }
            }
        }
        // Ville's inequality bounds the rate by α = 0.05 (expected well below: the test is conservative)
        assertThat((double) falseKeeps / replicates).isLessThanOrEqualTo(0.05);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> SequentialTest.test(0, 0, 0, 0.05))
                .hasMessage("holdoutShare must be in (0, 1), was 0.0");
        assertThatThrownBy(() -> SequentialTest.test(0, 0, 0.1, 1)).hasMessage("alpha must be in (0, 1), was 1.0");
        assertThatThrownBy(() -> SequentialTest.test(-1, 0, 0.1, 0.05)).hasMessageContaining("counts must be >= 0");
    }
}
