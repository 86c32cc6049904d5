package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WilsonTest {

    @Test
    void eightOfTenAt95Percent() {
        // centre (0.8 + 1.96²/20) / (1 + 1.96²/10) = 0.71676; half-width 1.96·√(0.016 + 0.009604)/1.38415 = 0.22658
        Interval i = Wilson.interval(8, 10, 0.95);
        assertThat(i.lower()).isCloseTo(0.490, within(0.0005));
        assertThat(i.upper()).isCloseTo(0.943, within(0.0005));
    }

    @Test
    void extremesStayInsideTheUnitInterval() {
        // 0 of 10: upper = z² / (n + z²) = 3.8415 / 13.8415 = 0.2775
        Interval none = Wilson.interval(0, 10, 0.95);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(0.2775, within(0.0005));
        Interval all = Wilson.interval(10, 10, 0.95);
        assertThat(all.lower()).isCloseTo(0.7225, within(0.0005));
        assertThat(all.upper()).isEqualTo(1.0);
    }

    @Test
    void noObservationsGiveTheUnitInterval() {
        assertThat(Wilson.interval(0, 0, 0.95)).isEqualTo(Interval.UNIT);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> Wilson.interval(11, 10, 0.95))
                .hasMessage("need 0 <= successes <= n, were 11, 10");
    }
}
