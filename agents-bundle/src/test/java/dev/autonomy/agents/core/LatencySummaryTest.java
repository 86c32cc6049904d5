package dev.autonomy.agents.core;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencySummaryTest {

    @Test
    void nearestRankPercentile() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(LatencySummary.percentile(hundred, 95)).isEqualTo(95);
        assertThat(LatencySummary.percentile(hundred, 100)).isEqualTo(100);
        assertThat(LatencySummary.percentile(new long[]{30, 10, 20}, 95)).isEqualTo(30);
        assertThat(LatencySummary.percentile(new long[]{7}, 95)).isEqualTo(7);
        assertThat(LatencySummary.percentile(new long[0], 95)).isZero();
    }

    @Test
    void percentileDoesNotReorderItsInput() {
        long[] values = {3, 1, 2};
        LatencySummary.percentile(values, 50);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void percentileMustBeOneToHundred() {
        assertThatThrownBy(() -> LatencySummary.percentile(new long[]{1}, 0))
                .hasMessage("p must be 1..100, was 0");
    }

    @Test
    void meanAndErrorRate() {
        LatencySummary s = LatencySummary.of(4, 1, 400, new long[]{50, 100, 100, 150});
        assertThat(s.meanMicros()).isEqualTo(100);
        assertThat(s.errorRate()).isEqualTo(0.25);
        assertThat(s.p95Micros()).isEqualTo(150);
        assertThat(s.toMap()).containsEntry("calls", 4L).containsEntry("errors", 1L)
                .containsEntry("errorRate", 0.25).containsEntry("meanMicros", 100L).containsEntry("p95Micros", 150L);
    }

    @Test
    void noCallsIsAllZero() {
        assertThat(LatencySummary.of(0, 0, 0, new long[0])).isEqualTo(LatencySummary.EMPTY);
    }
}
