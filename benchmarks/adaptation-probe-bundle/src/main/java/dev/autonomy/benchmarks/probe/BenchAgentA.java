package dev.autonomy.benchmarks.probe;

import dev.autonomy.foundation.api.agent.Agent;
import org.osgi.service.component.annotations.Component;

/** Agent {@value Probe#AGENT_A}. */
@Component(service = Agent.class)
public final class BenchAgentA extends BenchAgent {

    @Override
    public String id() {
        return Probe.AGENT_A;
    }
}
