package dev.autonomy.benchmarks.probe;

import dev.autonomy.foundation.api.agent.Agent;
import org.osgi.service.component.annotations.Component;

/** Agent {@value Probe#AGENT_B}. */
@Component(service = Agent.class)
public final class BenchAgentB extends BenchAgent {

    @Override
    public String id() {
        return Probe.AGENT_B;
    }
}
