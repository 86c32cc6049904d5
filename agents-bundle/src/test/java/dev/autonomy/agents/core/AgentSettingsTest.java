package dev.autonomy.agents.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentSettingsTest {

    @Test
    void defaultsExposeAgentsRouteRandomlyAndAllowTwentySteps() {
        assertThat(AgentSettings.DEFAULTS).isEqualTo(new AgentSettings(true, 0, 20));
    }

    @Test
    void maxWorkflowStepsIsBounded() {
        assertThatThrownBy(() -> AgentSettings.DEFAULTS.withMaxWorkflowSteps(0))
                .hasMessage("maxWorkflowSteps must be 1..1000, was 0");
        assertThatThrownBy(() -> AgentSettings.DEFAULTS.withMaxWorkflowSteps(1001))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AgentSettings.DEFAULTS.withMaxWorkflowSteps(1000).maxWorkflowSteps()).isEqualTo(1000);
    }

    @Test
    void copiesChangeOneValue() {
        assertThat(AgentSettings.DEFAULTS.withExposeAsTools(false).withRoutingSeed(42))
                .isEqualTo(new AgentSettings(false, 42, 20));
    }
}
