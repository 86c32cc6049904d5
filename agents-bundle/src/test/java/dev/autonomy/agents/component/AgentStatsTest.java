package dev.autonomy.agents.component;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentStatsTest {

    @Test
    void countsEveryCallAndKeepsRecentLatencies() {
        AgentStats s = new AgentStats();
        s.record(100, false);
        s.record(300, true);
        var summary = s.summary();
        assertThat(summary.calls()).isEqualTo(2);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.errorRate()).isEqualTo(0.5);
        assertThat(summary.meanMicros()).isEqualTo(200);
        assertThat(summary.p95Micros()).isEqualTo(300);
    }

    @Test
    void percentilesCoverOnlyTheLastReservoirOfCallsWhileCountsCoverAll() {
        AgentStats s = new AgentStats();
        for (int i = 0; i < AgentStats.RESERVOIR; i++) {
            s.record(1_000_000, false);
        }
        for (int i = 0; i < AgentStats.RESERVOIR; i++) {
            s.record(10, false);
        }
        var summary = s.summary();
        assertThat(summary.calls()).isEqualTo(2L * AgentStats.RESERVOIR);
        assertThat(summary.p95Micros()).isEqualTo(10);
        assertThat(summary.meanMicros()).isEqualTo((1_000_000 + 10) / 2);
    }
}
