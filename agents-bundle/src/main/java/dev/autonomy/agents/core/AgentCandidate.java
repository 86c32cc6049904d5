package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.Capability;

import java.util.List;
import java.util.Objects;

/**
 * What the registry read from one {@code Agent} service when it appeared.
 *
 * @param serviceId the service's id: lower is older
 * @param ranking   the service's {@code service.ranking}
 */
public record AgentCandidate(String id, String version, String description, List<Capability> capabilities,
                             long serviceId, int ranking, long bundleId) {

    public AgentCandidate {
        Objects.requireNonNull(id, "id");
        version = version == null ? "" : version;
        description = description == null ? "" : description;
        capabilities = List.copyOf(capabilities);
    }

    public List<String> capabilityNames() {
        return capabilities.stream().map(Capability::name).toList();
    }

    public boolean offers(String capability) {
        return capabilities.stream().anyMatch(c -> c.name().equals(capability));
    }
}
