package dev.autonomy.agents.tool;

import dev.autonomy.agents.core.AgentListing;
import dev.autonomy.agents.core.AgentNames;
import dev.autonomy.agents.core.AgentSelection;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.agent.AgentRegistry.AgentInfo;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Built-in tool {@code agent_list}: the active agents, their capabilities and call figures. */
public final class AgentListTool implements Tool {

    private final AgentRegistry registry;
    private final Supplier<List<AgentSelection.Refusal>> refused;
    private final BooleanSupplier exposeAsTools;

    /**
     * @param refused       agent services that cannot serve, and why (read at each call)
     * @param exposeAsTools whether the {@code agent_<id>} tools are listed to clients (read at each call)
     */
    public AgentListTool(AgentRegistry registry, Supplier<List<AgentSelection.Refusal>> refused,
                         BooleanSupplier exposeAsTools) {
        this.registry = registry;
        this.refused = refused;
        this.exposeAsTools = exposeAsTools;
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
        List<AgentSelection.Refusal> refusals = refused.get();
        return ToolResult.structured(AgentListing.json(agents, refusals, exposeAsTools.getAsBoolean()),
                AgentListing.table(agents, refusals, false));
    }
}
