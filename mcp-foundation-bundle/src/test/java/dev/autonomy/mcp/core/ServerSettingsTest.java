package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSettingsTest {

    // DEFAULTS: "autonomy-mcp", 50, 150, 1800, 20, 30_000, 262_144, 10
    private static ServerSettings with(String name, int pageSize, long debounce, long idle, int recent,
                                       long timeout, int maxArgs, long drain) {
        return new ServerSettings(name, pageSize, debounce, idle, recent, timeout, maxArgs, drain);
    }

    @Test
    void defaultsAreValid() {
        assertThat(ServerSettings.DEFAULTS.pageSize()).isEqualTo(50);
    }

    @Test
    void aBlankServerNameIsRejected() {
        assertThatThrownBy(() -> with(" ", 50, 150, 1800, 20, 30_000, 262_144, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serverName must not be blank");
    }

    @Test
    void pageSizeZeroIsRejected() {
        assertThatThrownBy(() -> with("s", 0, 150, 1800, 20, 30_000, 262_144, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be 1..1000, was 0");
    }

    @Test
    void debounceAboveTenSecondsIsRejected() {
        assertThatThrownBy(() -> with("s", 50, 10_001, 1800, 20, 30_000, 262_144, 10))
                .hasMessage("listChangedDebounceMs must be 0..10000, was 10001");
    }

    @Test
    void idleTimeoutBelowOneSecondIsRejected() {
        assertThatThrownBy(() -> with("s", 50, 150, 0, 20, 30_000, 262_144, 10))
                .hasMessage("sessionIdleTimeoutSeconds must be 1..604800, was 0");
    }

    @Test
    void negativeRecentRequestsAreRejected() {
        assertThatThrownBy(() -> with("s", 50, 150, 1800, -1, 30_000, 262_144, 10))
                .hasMessage("recentRequests must be 0..1000, was -1");
    }

    @Test
    void zeroDefaultTimeoutIsRejected() {
        assertThatThrownBy(() -> with("s", 50, 150, 1800, 20, 0, 262_144, 10))
                .hasMessage("defaultTimeoutMs must be 1..3600000, was 0");
    }

    @Test
    void argumentLimitBelowOneKibibyteIsRejected() {
        assertThatThrownBy(() -> with("s", 50, 150, 1800, 20, 30_000, 1023, 10))
                .hasMessage("maxArgumentBytes must be 1024..67108864, was 1023");
    }

    @Test
    void drainTimeoutAboveTenMinutesIsRejected() {
        assertThatThrownBy(() -> with("s", 50, 150, 1800, 20, 30_000, 262_144, 601))
                .hasMessage("drainTimeoutSeconds must be 0..600, was 601");
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertThat(with("s", 1, 0, 10, 0, 1, 1024, 0)).isNotNull();
        assertThat(with("s", 1000, 10_000, 604_800, 1000, 3_600_000, 64 * 1024 * 1024, 600)).isNotNull();
    }
}
