package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListChangedPacingTest {

    private static final long NEVER = Long.MIN_VALUE / 2;

    @Test
    void aLoneChangeIsAnnouncedAtOnce() {
        assertThat(ListChangedPacing.delay(1_000, NEVER, 150)).isZero();
        assertThat(ListChangedPacing.delay(1_000, 850, 150)).isZero();
    }

    @Test
    void aChangeRightAfterANoticeWaitsForTheEndOfItsWindow() {
        // a notice went out at 0: changes at 10 and 40 ms are announced together at 150 ms
        assertThat(ListChangedPacing.delay(10, 0, 150)).isEqualTo(140);
        assertThat(ListChangedPacing.delay(40, 0, 150)).isEqualTo(110);
    }

    @Test
    void aWindowOfZeroAnnouncesEveryChangeAtOnce() {
        assertThat(ListChangedPacing.delay(5, 5, 0)).isZero();
    }
}
