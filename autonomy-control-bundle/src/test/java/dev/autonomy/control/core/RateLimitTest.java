package dev.autonomy.control.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private static final long MIN = 60_000;
    private static final long HOUR = 60 * MIN;

    @Test
    void twoPerHourActionsAtZeroAndTenMinutesLeaveNoRoomAtThirtyUntilSixty() {
        long[] times = {0, 10 * MIN};
        assertThat(RateLimit.used(times, 2, 30 * MIN, HOUR)).isEqualTo(2);
        assertThat(RateLimit.admits(times, 2, 2, 30 * MIN, HOUR)).isFalse();
        assertThat(RateLimit.nextFree(times, 2, 2, 30 * MIN, HOUR)).isEqualTo(60 * MIN);
        assertThat(RateLimit.admits(times, 2, 2, 60 * MIN - 1, HOUR)).isFalse();
        assertThat(RateLimit.admits(times, 2, 2, 60 * MIN, HOUR)).isTrue();
        assertThat(RateLimit.used(times, 2, 60 * MIN, HOUR)).isEqualTo(1);
    }

    @Test
    void roomNowWhileUnderTheLimit() {
        long[] times = {0};
        assertThat(RateLimit.nextFree(times, 1, 2, 5 * MIN, HOUR)).isEqualTo(5 * MIN);
    }

    @Test
    void aLimitOfZeroNeverHasRoom() {
        assertThat(RateLimit.admits(new long[0], 0, 0, 0, HOUR)).isFalse();
        assertThat(RateLimit.nextFree(new long[0], 0, 0, 0, HOUR)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theLimitThNewestDecidesWhenRoomFreesUp() {
        long[] times = {0, 5 * MIN, 20 * MIN, 40 * MIN};
        // limit 3 at 45 min: 5, 20 and 40 count; room when the one at 5 min leaves
        assertThat(RateLimit.nextFree(times, 4, 3, 45 * MIN, HOUR)).isEqualTo(65 * MIN);
        assertThat(RateLimit.used(times, 1, 3, 45 * MIN, HOUR)).isEqualTo(2);
    }
}
