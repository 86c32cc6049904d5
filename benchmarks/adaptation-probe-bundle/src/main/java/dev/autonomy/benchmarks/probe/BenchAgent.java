package dev.autonomy.benchmarks.probe;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;

/** An agent of capability {@value Probe#CAPABILITY} that notes when it served and answers with its id. */
abstract class BenchAgent implements Agent {

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Benchmark agent " + id() + " (adaptation probe): answers with its id.";
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(Probe.ROUTE);
    }

    @Override
    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {
        Probe.served(id());
        return ToolResult.structured(Map.of("agent", id()), id());
    }
}
