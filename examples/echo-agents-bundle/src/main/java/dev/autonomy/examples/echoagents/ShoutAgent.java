package dev.autonomy.examples.echoagents;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;

/**
 * Agent {@code shout}: offers {@code text.upper} too, with an exclamation mark. With two providers of one
 * capability the router chooses between them: uniformly, or as plugins advise ({@code RoutingAdvice}).
 */
@Component(service = Agent.class)
public final class ShoutAgent implements Agent {

    @Override
    public String id() {
        return "shout";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Upper-cases text and shouts it.";
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(TextSchemas.UPPER);
    }

    @Override
    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {
        String text = shout((String) input.get("text"));
        return ToolResult.structured(Map.of("text", text), text);
    }

    static String shout(String text) {
        return UpperAgent.upper(text) + "!";
    }
}
