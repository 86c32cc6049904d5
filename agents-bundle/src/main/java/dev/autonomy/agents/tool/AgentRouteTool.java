package dev.autonomy.agents.tool;

import dev.autonomy.agents.core.AgentNames;
import dev.autonomy.agents.core.InputShape;
import dev.autonomy.agents.core.Routing;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.agent.AgentRegistry.AgentInfo;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.session.SessionEvents;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Built-in tool {@code agent_route}: chooses an agent offering the capability, by the routing advice in the
 * request's enhancements ({@link Routing#routingDistribution}) or uniformly, records the choice and its probability
 * ({@code agent_routed}), and calls the agent through {@link ToolInvoker}. Nobody offering the capability is a
 * {@code capability_gap}.
 */
public final class AgentRouteTool implements Tool {

    /** {@code _meta} key of the result: capability, chosen agent and its probability. */
    public static final String META_ROUTING = "dev.autonomy/routing";
    private static final Logger LOG = LoggerFactory.getLogger(AgentRouteTool.class);
    private static final Map<String, Object> INPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "capability", Map.of("type", "string", "description",
                            "The capability wanted, e.g. text.summarize (agent_list shows what is offered)"),
                    "input", Map.of("type", "object", "description", "The capability's input")),
            "required", List.of("capability"),
            "additionalProperties", false);

    private final AgentRegistry registry;
    private final SessionEvents events;
    private final ToolInvoker invoker;
    private final DoubleSupplier uniform;

    /** @param uniform uniform random numbers in [0, 1) for sampling the routing distribution */
    public AgentRouteTool(AgentRegistry registry, SessionEvents events, ToolInvoker invoker, DoubleSupplier uniform) {
        this.registry = registry;
        this.events = events;
        this.invoker = invoker;
        this.uniform = uniform;
    }

    @Override
    public String name() {
        return AgentNames.ROUTE;
    }

    @Override
    public String description() {
        return "Performs a capability with one of the agents that offer it: give the capability and its input; the "
                + "router picks the agent (following the routing advice of plugins, else at random) and returns "
                + "its result. agent_list shows the capabilities on offer.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return INPUT_SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("agent", "routing");
    }

    @Override
    public ToolResult call(ToolCall call) {
        String capability = call.stringArgument("capability", "");
        Object in = call.arguments().get("input");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = in instanceof Map ? (Map<String, Object>) in : Map.of();
        McpRequest request = call.context().request();
        List<String> candidates = registry.providersOf(capability).stream().map(AgentInfo::id).toList();
        if (candidates.isEmpty()) {
            Map<String, Object> gap = new LinkedHashMap<>();
            gap.put(SessionEventTypes.CAPABILITY, capability);
            gap.put(SessionEventTypes.INPUT_SHAPE, InputShape.of(input));
            gap.put(SessionEventTypes.SESSION_ID, request.sessionId());
            events.publish(new SessionEvent(SessionEventTypes.CAPABILITY_GAP, request.sessionId(),
                    request.requestId(), Instant.now(), gap));
            LOG.debug("{}: no agent offers capability {}", request.requestId(), capability);
            return ToolResult.error("No agent offers capability '" + capability + "'. agent_list shows the "
                    + "capabilities on offer.");
        }
        List<RoutingAdvice> advices = Routing.advicesFor(capability, call.context().enhancements());
        Map<String, Double> distribution = Routing.routingDistribution(candidates, advices);
        String chosen = Routing.sample(distribution, uniform.getAsDouble());
        double propensity = distribution.get(chosen);

        Map<String, Object> routed = new LinkedHashMap<>();
        routed.put(SessionEventTypes.CAPABILITY, capability);
        routed.put(SessionEventTypes.CHOSEN, chosen);
        routed.put(SessionEventTypes.CANDIDATES, candidates);
        routed.put(SessionEventTypes.PROPENSITY, propensity);
        routed.put(SessionEventTypes.SESSION_ID, request.sessionId());
        events.publish(new SessionEvent(SessionEventTypes.AGENT_ROUTED, request.sessionId(), request.requestId(),
                Instant.now(), routed));
        LOG.debug("{}: {} routed to {} (p={}, {} advices)", request.requestId(), capability, chosen, propensity,
                advices.size());

        ToolResult result = invoker.invoke(AgentNames.toolName(chosen), Map.of("capability", capability, "input",
                input), call);
        return result.withMeta(META_ROUTING, Map.of("capability", capability, "chosen", chosen, "propensity",
                propensity));
    }
}
