package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolHealthTest {

    @Test
    void healthFollowsTheShareOfFailedCalls() {
        assertThat(ToolHealth.of(0, 0)).isEqualTo(ToolHealth.UNUSED);
        assertThat(ToolHealth.of(10, 0)).isEqualTo(ToolHealth.OK);
        assertThat(ToolHealth.of(10, 3)).isEqualTo(ToolHealth.DEGRADED);
        assertThat(ToolHealth.of(10, 5)).isEqualTo(ToolHealth.DEGRADED);
        assertThat(ToolHealth.of(10, 6)).isEqualTo(ToolHealth.FAILING);
        assertThat(ToolHealth.FAILING.label()).isEqualTo("failing");
    }
}
