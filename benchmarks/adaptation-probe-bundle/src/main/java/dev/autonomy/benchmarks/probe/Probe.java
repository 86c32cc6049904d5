package dev.autonomy.benchmarks.probe;

import dev.autonomy.foundation.api.agent.Capability;

import java.util.List;
import java.util.Map;

/**
 * What the probe's components share. One bundle, one class loader: the agents note here when they last served,
 * and the latency tool reads it (System.nanoTime(), the same clock the tool times with).
 */
final class Probe {

    static final String CAPABILITY = "bench.route";
    static final String AGENT_A = "bench_a";
    static final String AGENT_B = "bench_b";
    /** The router's tool and the {@code _meta} key of its result that names the chosen agent. */
    static final String ROUTE_TOOL = "agent_route";
    static final String META_ROUTING = "dev.autonomy/routing";

    static final Capability ROUTE = new Capability(CAPABILITY, "Answers with the id of the agent that served",
            Map.of("type", "object"),
            Map.of("type", "object", "properties", Map.of("agent", Map.of("type", "string")),
                    "required", List.of("agent")));

    private static volatile long servedA;
    private static volatile long servedB;

    private Probe() {
    }

    static void served(String agent) {
        long now = System.nanoTime();
        if (AGENT_A.equals(agent)) {
            servedA = now;
        } else {
            servedB = now;
        }
    }

    /** When {@code agent} last began serving a call (System.nanoTime()). */
    static long lastServed(String agent) {
        return AGENT_A.equals(agent) ? servedA : servedB;
    }
}
