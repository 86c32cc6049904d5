package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An agent whose latency and failures follow a seeded {@link TrafficProfile}: two of them with different profiles
 * on one capability give routing (and learning) a better and a worse provider.
 */
public final class SimulatedAgent implements Agent {

    private static final Map<String, Object> ANY = Map.of("type", "object");

    private final String id;
    private final List<Capability> capabilities;
    private final Simulation simulation;

    public SimulatedAgent(String id, List<String> capabilities, TrafficProfile profile, Pacer pacer) {
        this.id = Objects.requireNonNull(id, "id");
        this.capabilities = capabilities.stream()
                .map(c -> new Capability(c, "simulated capability " + c, ANY, Map.of())).toList();
        this.simulation = new Simulation(profile, pacer);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "simulated agent " + id + " (test kit)";
    }

    @Override
    public List<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) throws InterruptedException {
        return simulation.call(id);
    }

    public Simulation simulation() {
        return simulation;
    }
}
