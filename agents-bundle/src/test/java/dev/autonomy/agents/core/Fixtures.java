package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.Capability;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small builders for the tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Capability capability(String name) {
        return new Capability(name, "", Map.of("type", "object"), Map.of());
    }

    static AgentCandidate agent(String id, String version, long serviceId, int ranking, String... capabilities) {
        List<Capability> caps = Arrays.stream(capabilities).map(Fixtures::capability).toList();
        return new AgentCandidate(id, version, "test agent " + id, caps, serviceId, ranking, 7);
    }

    static AgentCandidate agent(String id, String version, long serviceId) {
        return agent(id, version, serviceId, 0, "text.upper");
    }
}
