package dev.autonomy.creator.pipeline;

import dev.autonomy.creator.spec.AgentSpec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to build, before any code exists.
 *
 * @param specification     the agent's spec (for client source: id, tools and tests only; steps empty)
 * @param interfaces        the capabilities the agent will publish, by name
 * @param behaviors         one line per step, for people reviewing a proposal
 * @param integrationPoints the tools the agent may call ({@code Autonomy-Tool-Access}) and the capabilities it routes
 * @param origin            {@code spec}, {@code gap}, {@code source} or {@code sampling}
 * @param clientSource      the behaviour class written by a client (origins {@code source}, {@code sampling})
 */
public record AgentDesign(AgentSpec specification, List<String> interfaces, List<String> behaviors,
                          IntegrationPoints integrationPoints, String origin, Optional<String> clientSource) {

    /** Where the agent meets the rest of the container. */
    public record IntegrationPoints(List<String> tools, List<String> routedCapabilities) {
        public IntegrationPoints {
            tools = List.copyOf(tools);
            routedCapabilities = List.copyOf(routedCapabilities);
        }
    }

    public AgentDesign {
        Objects.requireNonNull(specification, "specification");
        interfaces = List.copyOf(interfaces);
        behaviors = List.copyOf(behaviors);
        Objects.requireNonNull(integrationPoints, "integrationPoints");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(clientSource, "clientSource");
    }

    public String id() {
        return specification.id();
    }
}
