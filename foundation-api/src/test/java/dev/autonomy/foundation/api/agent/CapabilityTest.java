package dev.autonomy.foundation.api.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapabilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"summarize", "text.summarize", "a", "x-1_y.z"})
    void acceptsLowerCaseNamesStartingWithALetter(String name) {
        assertThat(new Capability(name, "d", Map.of(), Map.of()).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Summarize", "1text", ".text", "text summarize", "text/summarize"})
    void rejectsOtherNamesQuotingThem(String name) {
        assertThatThrownBy(() -> new Capability(name, "d", Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void acceptsSixtyFourCharactersButNotSixtyFive() {
        String sixtyFour = "a".repeat(64);

        assertThat(new Capability(sixtyFour, "d", Map.of(), Map.of()).name()).hasSize(64);
        assertThatThrownBy(() -> new Capability(sixtyFour + "a", "d", Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullNameIsRejected() {
        assertThatThrownBy(() -> new Capability(null, "d", Map.of(), Map.of()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void missingDescriptionAndSchemasBecomeEmpty() {
        Capability c = new Capability("x", null, null, null);

        assertThat(c.description()).isEmpty();
        assertThat(c.inputSchema()).isEmpty();
        assertThat(c.outputSchema()).isEmpty();
    }
}
