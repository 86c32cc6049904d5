package dev.autonomy.learning.component;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When the next cycle runs, as the status and the patterns say it. */
class LearnerStatusTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theNextCycleIsAnInstantAndTheSecondsToItRoundedUp() {
        assertThat(LearnerStatus.nextCycle(Optional.of(NOW.plusMillis(41_200)), NOW)).isEqualTo(Map.of(
                "nextCycle", "2026-01-01T00:00:41.200Z", "nextCycleIn", "in 42 s"));
        assertThat(LearnerStatus.nextCycle(Optional.of(NOW.plusSeconds(60)), NOW))
                .containsEntry("nextCycleIn", "in 60 s");
    }

    @Test
    void aCycleRunningNowIsInZeroSeconds() {
        assertThat(LearnerStatus.nextCycle(Optional.of(NOW), NOW)).containsEntry("nextCycleIn", "in 0 s");
        assertThat(LearnerStatus.nextCycle(Optional.of(NOW.minusSeconds(1)), NOW))
                .containsEntry("nextCycleIn", "in 0 s");
    }

    @Test
    void beforeTheStartNoCycleIsScheduled() {
        assertThat(LearnerStatus.nextCycle(Optional.empty(), NOW)).isEqualTo(Map.of("nextCycle", "",
                "nextCycleIn", "not scheduled"));
    }
}
