package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.Map;
import java.util.Objects;

/**
 * A tool whose latency and failures follow a seeded {@link TrafficProfile}; register it as a {@link Tool} service
 * (with {@link Pacer#SLEEP}) to give the foundation, learning or self-improvement real traffic to observe.
 */
public final class SimulatedTool implements Tool {

    private final String name;
    private final ToolAnnotations annotations;
    private final Simulation simulation;

    public SimulatedTool(String name, ToolAnnotations annotations, TrafficProfile profile, Pacer pacer) {
        this.name = Objects.requireNonNull(name, "name");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
        this.simulation = new Simulation(profile, pacer);
    }

    /** A tool with default annotations that really spends its latency. */
    public static SimulatedTool of(String name, TrafficProfile profile) {
        return new SimulatedTool(name, ToolAnnotations.DEFAULTS, profile, Pacer.SLEEP);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "simulated tool " + name + " (test kit)";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object");
    }

    @Override
    public ToolAnnotations annotations() {
        return annotations;
    }

    @Override
    public ToolResult call(ToolCall call) throws InterruptedException {
        return simulation.call(name);
    }

    /** The behaviour, to read its counts or change its profile. */
    public Simulation simulation() {
        return simulation;
    }
}
