package dev.autonomy.agents.tool;

import dev.autonomy.agents.component.AgentRegistryComponent;
import dev.autonomy.agents.core.AgentListing;
import dev.autonomy.agents.core.AgentNames;
import dev.autonomy.foundation.api.agent.AgentRegistry.AgentInfo;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Built-in tool {@code agent_list}: the active agents, their capabilities and call figures. */
public final class AgentListTool implements Tool {

    private final AgentRegistryComponent registry;

    public AgentListTool(AgentRegistryComponent registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return AgentNames.LIST;
    }

    @Override
    public String description() {
        return "Lists the active agents: id, version, capabilities (with input and output JSON Schemas), calls, "
                + "error rate and latency; and agents that were refused, with the reason.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("agent", "status");
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Agents", true, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        List<AgentInfo> agents = registry.agents();
        return ToolResult.structured(AgentListing.json(agents, registry.refused(),
                registry.settings().exposeAsTools()), AgentListing.table(agents, registry.refused(), false));
    }
}
