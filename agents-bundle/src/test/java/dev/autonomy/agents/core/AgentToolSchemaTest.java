package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.Capability;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentToolSchemaTest {

    private static final Map<String, Object> TEXT = Map.of("type", "object", "properties",
            Map.of("text", Map.of("type", "string")), "required", List.of("text"));

    @Test
    @SuppressWarnings("unchecked")
    void capabilityIsAnEnumOfTheAgentsCapabilities() {
        Map<String, Object> schema = AgentToolSchema.inputSchema(List.of(
                new Capability("text.upper", "", TEXT, Map.of()), new Capability("text.lower", "", Map.of(),
                        Map.of())));
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        assertThat(((Map<String, Object>) props.get("capability")).get("enum"))
                .isEqualTo(List.of("text.upper", "text.lower"));
        assertThat(((Map<String, Object>) props.get("input")).get("type")).isEqualTo("object");
        assertThat(schema.get("required")).isEqualTo(List.of("capability"));
        assertThat(schema.get("additionalProperties")).isEqualTo(false);
    }

    @Test
    void eachCapabilityWithASchemaChecksTheInputWhenChosen() {
        Map<String, Object> schema = AgentToolSchema.inputSchema(List.of(
                new Capability("text.upper", "", TEXT, Map.of()), new Capability("free", "", Map.of(), Map.of())));
        assertThat(schema.get("allOf")).isEqualTo(List.of(Map.of(
                "if", Map.of("properties", Map.of("capability", Map.of("const", "text.upper")),
                        "required", List.of("capability")),
                "then", Map.of("properties", Map.of("input", TEXT)))));
    }

    @Test
    void withoutCapabilitySchemasThereIsNoAllOf() {
        assertThat(AgentToolSchema.inputSchema(List.of(new Capability("free", "", Map.of(), Map.of()))))
                .doesNotContainKey("allOf");
    }

    @Test
    void descriptionNamesTheAgentAndItsCapabilities() {
        AgentCandidate a = new AgentCandidate("upper", "1.2.0", "Upper-cases text.", List.of(
                new Capability("text.upper", "Upper-cases a text", Map.of(), Map.of()),
                new Capability("text.title", "", Map.of(), Map.of())), 1, 0, 1);
        assertThat(AgentToolSchema.description(a)).isEqualTo("Upper-cases text. (agent upper 1.2.0. Capabilities: "
                + "text.upper - Upper-cases a text; text.title.)");
    }
}
