package dev.autonomy.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTest {

    @Test
    void startsWhereToldAndMovesOnlyWhenMoved() {
        MutableClock c = MutableClock.create();
        assertThat(c.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        c.advance(Duration.ofSeconds(90));
        assertThat(c.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:30Z"));
        assertThat(c.millis()).isEqualTo(c.instant().toEpochMilli());
        c.set(Instant.parse("2030-05-05T05:05:05Z"));
        assertThat(c.instant()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z"));
    }
}
