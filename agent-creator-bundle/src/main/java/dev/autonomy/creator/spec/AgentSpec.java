package dev.autonomy.creator.spec;

import java.util.List;
import java.util.Objects;

/**
 * A generated agent as data: what it offers ({@link CapabilitySpec}s made of {@link Step}s), which tools it may
 * call, and the tests it must pass before it serves. Built by {@link AgentSpecs#parse}, which validates it.
 *
 * @param id           agent id, {@code [a-z][a-z0-9_]{0,40}}; served as the MCP tool {@code agent_<id>}
 * @param version      semantic version {@code major.minor.patch}
 * @param description  what the agent is for
 * @param capabilities at least one
 * @param tools        the tools the agent may call ({@code agent_route} to call other agents by capability)
 * @param tests        at least one per capability
 */
public record AgentSpec(String id, String version, String description, List<CapabilitySpec> capabilities,
                        List<String> tools, List<SpecTest> tests) {

    public AgentSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        description = description == null ? "" : description;
        capabilities = List.copyOf(capabilities);
        tools = List.copyOf(tools);
        tests = List.copyOf(tests);
    }

    /** The MCP tool name the agent is served as. */
    public String toolName() {
        return "agent_" + id;
    }
}
