package ${package}.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void defaults() {
        assertThat(Settings.DEFAULTS).isEqualTo(new Settings(1_000, 20, 1.5, 1_000, 120_000));
    }

    @Test
    void eachBadValueIsRefusedNamingItAndTheRange() {
        assertThatThrownBy(() -> Settings.DEFAULTS.withSlowMs(-1)).hasMessage("slowMs must be 0..3600000, was -1");
        assertThatThrownBy(() -> Settings.DEFAULTS.withMinCalls(0)).hasMessage("minCalls must be 1..100000, was 0");
        assertThatThrownBy(() -> Settings.DEFAULTS.withHeadroom(0.5)).hasMessage("headroom must be 1..10, was 0.5");
        assertThatThrownBy(() -> Settings.DEFAULTS.withHeadroom(Double.NaN)).hasMessage(
                "headroom must be 1..10, was NaN");
        assertThatThrownBy(() -> Settings.DEFAULTS.withTimeoutBounds(0, 10)).hasMessage(
                "minTimeoutMs must be 1..3600000, was 0");
        assertThatThrownBy(() -> Settings.DEFAULTS.withTimeoutBounds(500, 499)).hasMessage(
                "maxTimeoutMs must be 500..3600000, was 499");
    }
}
