package dev.autonomy.testkit.traffic;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficFiguresTest {

    @Test
    void percentilesAreNearestRankOfTheMeasuredValues() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // any order
        TrafficFigures f = TrafficFigures.of(oneToHundred, 3, 2);
        assertThat(f).isEqualTo(new TrafficFigures(100, 3, 2, 1, 50.5, 50, 95, 99, 100));
        assertThat(f.unsuccessful()).isEqualTo(5);
        assertThat(f.failureRate()).isEqualTo(0.05);
    }

    @Test
    void oneCallIsEveryPercentile() {
        assertThat(TrafficFigures.of(new long[]{7}, 0, 0)).isEqualTo(new TrafficFigures(1, 0, 0, 7, 7, 7, 7, 7, 7));
    }

    @Test
    void noCallsAreAllZero() {
        assertThat(TrafficFigures.of(new long[0], 0, 0).failureRate()).isZero();
    }

    @Test
    void moreFailuresThanCallsAreRefused() {
        assertThatThrownBy(() -> TrafficFigures.of(new long[2], 2, 1))
                .hasMessage("failures + exceptions must be 0..2, was 2 + 1");
    }
}
