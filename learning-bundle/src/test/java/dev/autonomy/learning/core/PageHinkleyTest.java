package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PageHinkleyTest {

    @Test
    void detectsAStepAtTheComputablePoint() {
        // ten 0s, then 1s; δ = 0, λ = 3. m after the 11th..14th value: 0.909, 1.742, 2.511, 3.225 → alarm at 14
        double[] xs = new double[30];
        Arrays.fill(xs, 10, 30, 1.0);
        PageHinkley ph = new PageHinkley(0, 3);
        long alarm = 0;
        for (double x : xs) {
            if (ph.add(x)) {
                alarm = ph.count();
            }
        }
        assertThat(alarm).isEqualTo(14);
        assertThat(ph.alarmAt()).isEqualTo(14);
        assertThat(ph.changeStart()).isEqualTo(11);
        assertThat(ph.meanBefore()).isEqualTo(0.0);
        assertThat(ph.meanAfter()).isEqualTo(1.0);
        assertThat(PageHinkley.firstAlarm(xs, 0, 3)).isEqualTo(14);
    }

    @Test
    void staysQuietOnAConstantOrFallingStream() {
        double[] constant = new double[1000];
        Arrays.fill(constant, 5.0);
        assertThat(PageHinkley.firstAlarm(constant, 0, 1)).isZero();
        double[] falling = new double[100];
        for (int i = 0; i < falling.length; i++) {
            falling[i] = 100 - i;
        }
        assertThat(PageHinkley.firstAlarm(falling, 0, 1)).isZero();
    }

    @Test
    void toleratesNoiseBelowTheThreshold() {
        SplittableRandom r = new SplittableRandom(7);
        double[] noise = new double[100_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextDouble() < 0.05 ? 1 : 0; // a steady 5 % failure rate
        }
        assertThat(PageHinkley.firstAlarm(noise, 0.01, 50)).isZero();
    }

    @Test
    void reportsTheLevelsAroundTheChange() {
        PageHinkley ph = new PageHinkley(0.1, 5);
        for (int i = 0; i < 50; i++) {
            ph.add(2);
        }
        for (int i = 0; i < 50; i++) {
            ph.add(4);
        }
        assertThat(ph.alarmAt()).isBetween(51L, 60L);
        assertThat(ph.changeStart()).isEqualTo(51);
        assertThat(ph.meanBefore()).isCloseTo(2, within(1e-12));
        assertThat(ph.meanAfter()).isCloseTo(4, within(1e-12));
        assertThat(ph.varianceBefore()).isCloseTo(0, within(1e-9));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new PageHinkley(-1, 1)).hasMessage("delta must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> new PageHinkley(0, 0)).hasMessage("lambda must be finite and > 0, was 0.0");
    }
}
