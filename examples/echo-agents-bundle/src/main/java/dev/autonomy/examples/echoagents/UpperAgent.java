package dev.autonomy.examples.echoagents;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Agent {@code upper}: offers {@code text.upper}. An agent is a Declarative Services component that publishes
 * {@link Agent}; the agent registry picks it up, serves it as the MCP tool {@code agent_upper}, and routes
 * {@code agent_route {capability: "text.upper", ...}} to it (or to {@link ShoutAgent}, which offers the same).
 */
@Component(service = Agent.class)
public final class UpperAgent implements Agent {

    /** Lower case, starting with a letter ({@link Agent#ID_PATTERN}); use '_' rather than '-'. */
    @Override
    public String id() {
        return "upper";
    }

    /** Semantic version: when two bundles offer the same id, the higher version serves. */
    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Upper-cases text.";
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(TextSchemas.UPPER);
    }

    /** Input was validated against the capability's input schema, so {@code text} is a string. */
    @Override
    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {
        String text = upper((String) input.get("text"));
        return ToolResult.structured(Map.of("text", text), text);
    }

    /** The logic as a plain static method, unit-tested without OSGi. */
    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
