package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProvidersTest {

    @Test
    void thePatternsNameTheToolsAndAgentsOfTheirTrendsPreferencesAndRoutedArms() {
        InteractionPatterns p = new InteractionPatterns(10, Instant.EPOCH, Instant.EPOCH, List.of(), List.of(),
                List.of(new InteractionPatterns.UserPreference("tool:u", "", 3, 4.0, 2, 0, null, null),
                        new InteractionPatterns.UserPreference("capability:c", "", 1, 1.0, 0, 1, null, null)),
                List.of(new InteractionPatterns.PerformanceTrend("tool:t", 5, 100, 90, 150, 160, 100, 0, 0,
                        Optional.empty(), Optional.empty())),
                List.of(new InteractionPatterns.RoutingPattern("c", List.of(
                        new InteractionPatterns.ArmPattern("a", 3, 3, 0, null, null),
                        new InteractionPatterns.ArmPattern("b", 2, 1, 1, null, null)), 5, 5, List.of())),
                List.of(), 0);
        assertThat(Providers.named(p)).containsExactlyInAnyOrder("tool:u", "tool:t", "agent:a", "agent:b");
        assertThat(Providers.named(InteractionPatterns.EMPTY)).isEmpty();
    }
}
