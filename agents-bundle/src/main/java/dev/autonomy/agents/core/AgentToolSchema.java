package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.Capability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool {@code agent_<id>} of an agent: its description and input schema
 * {@code {capability: enum of the agent's capabilities, input: object}}. The input is checked against the chosen
 * capability's own input schema (an {@code if}/{@code then} per capability), so the foundation rejects bad input
 * before the agent runs. Capability schemas are embedded as they are: a {@code $ref} in them must not point at the
 * document root ({@code #/...}).
 */
public final class AgentToolSchema {

    private AgentToolSchema() {
    }

    public static Map<String, Object> inputSchema(List<Capability> capabilities) {
        List<String> names = capabilities.stream().map(Capability::name).toList();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("capability", Map.of("type", "string", "enum", names,
                "description", "The capability to perform"));
        properties.put("input", Map.of("type", "object",
                "description", "The capability's input (see its input schema in agent_list)"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("capability"));
        schema.put("additionalProperties", false);
        List<Object> perCapability = new ArrayList<>();
        for (Capability c : capabilities) {
            if (!c.inputSchema().isEmpty()) {
                perCapability.add(Map.of(
                        "if", Map.of("properties", Map.of("capability", Map.of("const", c.name())),
                                "required", List.of("capability")),
                        "then", Map.of("properties", Map.of("input", c.inputSchema()))));
            }
        }
        if (!perCapability.isEmpty()) {
            schema.put("allOf", perCapability);
        }
        return schema;
    }

    /** The agent's description, then each capability with its own description. */
    public static String description(AgentCandidate agent) {
        StringBuilder sb = new StringBuilder();
        sb.append(agent.description().isBlank() ? "Agent " + agent.id() : agent.description().strip());
        sb.append(" (agent ").append(agent.id()).append(' ').append(agent.version()).append(". Capabilities: ");
        for (int i = 0; i < agent.capabilities().size(); i++) {
            Capability c = agent.capabilities().get(i);
            sb.append(i == 0 ? "" : "; ").append(c.name());
            if (!c.description().isBlank()) {
                sb.append(" - ").append(c.description().strip());
            }
        }
        return sb.append(".)").toString();
    }
}
