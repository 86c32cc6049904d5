package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningSettingsTest {

    @Test
    void defaultsAreValidAndCopiesChangeOneField() {
        LearningSettings s = LearningSettings.DEFAULTS;
        assertThat(s.z()).isCloseTo(1.96, within(0.001));
        LearningSettings t = s.withHoldoutShare(0.2);
        assertThat(t.holdoutShare()).isEqualTo(0.2);
        assertThat(t.withHoldoutShare(0.10)).isEqualTo(s);
    }

    @Test
    void badValuesAreRejectedNamingFieldRangeAndValue() {
        LearningSettings s = LearningSettings.DEFAULTS;
        assertThatThrownBy(() -> s.withHoldoutShare(0.6)).hasMessage("holdoutShare must be 0.01..0.49, was 0.6");
        assertThatThrownBy(() -> s.withRoutingFloor(0.7)).hasMessage("routingFloor must be 0.001..0.5, was 0.7");
        // positivity: a floor of 0 would let a logged propensity be 0, and the off-policy estimates biased
        assertThatThrownBy(() -> s.withRoutingFloor(0)).hasMessage("routingFloor must be 0.001..0.5, was 0.0");
        assertThat(s.withRoutingFloor(0.001).routingFloor()).isEqualTo(0.001);
        assertThatThrownBy(() -> s.withCacheSlots(1000))
                .hasMessage("cacheSlots must be a power of two in 16..1048576, was 1000");
        assertThatThrownBy(() -> s.withMaxExperimentDuration(Duration.ZERO))
                .hasMessage("maxExperimentDuration must be positive, was PT0S");
        assertThatThrownBy(() -> s.withAlpha(0.5)).hasMessage("alpha must be 0.001..0.2, was 0.5");
    }
}
