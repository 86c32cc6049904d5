package dev.autonomy.agents.command;

import dev.autonomy.agents.component.AgentRegistryComponent;
import dev.autonomy.agents.core.AgentListing;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo scope {@code agent}: the agents the container knows. */
@Component(service = AgentCommands.class, property = {"osgi.command.scope=agent", "osgi.command.function=list"})
public final class AgentCommands {

    private final AgentRegistryComponent registry;

    @Activate
    public AgentCommands(@Reference AgentRegistryComponent registry) {
        this.registry = registry;
    }

    @Descriptor("list the active agents with their capabilities and call figures, then refused agents")
    public String list(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        return AgentListing.table(registry.agents(), registry.refused(), noFormat);
    }
}
