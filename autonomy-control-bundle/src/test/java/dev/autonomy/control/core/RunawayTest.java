package dev.autonomy.control.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunawayTest {

    private static final long MIN = 60_000;

    @Test
    void threeRollbacksWithinTheWindowTrip() {
        long[] times = {0, 20 * MIN, 50 * MIN};
        assertThat(Runaway.tooManyRollbacks(times, 3, 50 * MIN, 60 * MIN, 3)).isTrue();
    }

    @Test
    void rollbacksSpreadOutDoNot() {
        long[] times = {0, 40 * MIN, 80 * MIN};
        assertThat(Runaway.tooManyRollbacks(times, 3, 80 * MIN, 60 * MIN, 3)).isFalse();
    }

    @Test
    void aGainResetsTheNoGainStreak() {
        int s = 0;
        for (int i = 0; i < 4; i++) {
            s = Runaway.noGainStreak(s, false);
        }
        assertThat(s).isEqualTo(4);
        assertThat(Runaway.noGainTrips(s, 5)).isFalse();
        s = Runaway.noGainStreak(s, true);
        assertThat(s).isZero();
        for (int i = 0; i < 5; i++) {
            s = Runaway.noGainStreak(s, false);
        }
        assertThat(Runaway.noGainTrips(s, 5)).isTrue();
    }
}
