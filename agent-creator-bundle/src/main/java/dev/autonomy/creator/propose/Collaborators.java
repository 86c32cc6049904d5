package dev.autonomy.creator.propose;

import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.creator.pipeline.Provider;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.session.SessionEvents;
import dev.autonomy.foundation.api.tool.ToolInvoker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The services the creator uses and does not own. Each supplier may answer {@code null} (an optional service that
 * is gone); every use reads it once.
 *
 * @param governor the governor; without one nothing is created
 * @param registry the agent registry (Phase 3)
 * @param events   where {@code agent_created} and {@code agent_creation_failed} go
 * @param tools    the container's tools as building blocks (not the creator's own, not autonomy tools)
 * @param invoker  calls tools for the agents' tests
 */
public record Collaborators(Supplier<AutonomyGovernor> governor, Supplier<AgentRegistry> registry,
                            Supplier<SessionEvents> events, Supplier<List<Provider>> tools, ToolInvoker invoker) {

    public List<AgentRegistry.AgentInfo> agents() {
        AgentRegistry r = registry.get();
        return r == null ? List.of() : r.agents();
    }

    /** Building blocks: the tools, and every capability of every agent. */
    public List<Provider> providers() {
        List<Provider> out = new ArrayList<>(tools.get());
        for (AgentRegistry.AgentInfo a : agents()) {
            for (Capability c : a.capabilities()) {
                out.add(new Provider(Provider.AGENT, c.name(), Set.of(c.name().split("\\.")), c.inputSchema(),
                        c.outputSchema(), false));
            }
        }
        return out;
    }
}
