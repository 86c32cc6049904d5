package dev.autonomy.agents.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentConfigTest {

    private static final AgentSettings PREVIOUS = new AgentSettings(false, 7, 50);

    @Test
    void anEmptyConfigurationIsTheDefaults() {
        AgentConfig.Read r = AgentConfig.read(Map.of(), PREVIOUS);
        assertThat(r.settings()).isEqualTo(AgentSettings.DEFAULTS);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void oneValueOutOfRangeIsClampedAndTheOtherKeysStillApply() {
        AgentConfig.Read r = AgentConfig.read(Map.of("maxWorkflowSteps", "5000", "exposeAsTools", "false",
                "routingSeed", "42"), AgentSettings.DEFAULTS);
        assertThat(r.settings()).isEqualTo(new AgentSettings(false, 42, 1000));
        assertThat(r.warnings()).containsExactly("maxWorkflowSteps: 5000 is above 1000; using 1000");
    }

    @Test
    void aValueThatDoesNotParseKeepsThePreviousOne() {
        AgentConfig.Read r = AgentConfig.read(Map.of("maxWorkflowSteps", "many", "exposeAsTools", "maybe",
                "routingSeed", "3"), PREVIOUS);
        assertThat(r.settings()).isEqualTo(new AgentSettings(false, 3, 50));
        assertThat(r.warnings()).containsExactly("exposeAsTools: 'maybe' is not true or false; keeping false",
                "maxWorkflowSteps: 'many' is not a whole number; keeping 50");
    }

    @Test
    void anAbsentKeyIsItsDefaultAndTypedValuesAreTakenAsTheyAre() {
        AgentConfig.Read r = AgentConfig.read(Map.of("maxWorkflowSteps", 0, "exposeAsTools", Boolean.FALSE),
                PREVIOUS);
        assertThat(r.settings()).isEqualTo(new AgentSettings(false, 0, 1));
        assertThat(r.warnings()).containsExactly("maxWorkflowSteps: 0 is below 1; using 1");
    }
}
