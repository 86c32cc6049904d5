package dev.autonomy.foundation.api.agent;

import dev.autonomy.foundation.api.value.JsonValues;
import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Phase 3: the live set of agents (the whiteboard of {@link Agent} services), one active version per id. */
@ProviderType
public interface AgentRegistry {

    /** What the registry knows of an agent, including call statistics. */
    record AgentInfo(String id, String version, String description, List<Capability> capabilities, long bundleId,
                     Map<String, Object> statistics) {
        public AgentInfo {
            Objects.requireNonNull(id, "id");
            capabilities = List.copyOf(capabilities);
            statistics = JsonValues.immutableObject(statistics);
        }
    }

    List<AgentInfo> agents();

    Optional<AgentInfo> agent(String id);

    /** The agents offering {@code capability}, by id. */
    List<AgentInfo> providersOf(String capability);
}
