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
 * Agent {@code lower}: offers {@code text.lower}. A workflow can chain it after {@code text.upper}:
 * {@code {"steps": [{"capability": "text.upper", "input": {"text": "Hi"}},
 * {"capability": "text.lower", "map": {"text": "/text"}}]}}.
 */
@Component(service = Agent.class)
public final class LowerAgent implements Agent {

    @Override
    public String id() {
        return "lower";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Lower-cases text.";
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(TextSchemas.LOWER);
    }

    @Override
    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {
        String text = lower((String) input.get("text"));
        return ToolResult.structured(Map.of("text", text), text);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
