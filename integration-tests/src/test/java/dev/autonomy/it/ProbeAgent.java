package dev.autonomy.it;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An agent for tests: an id, a version, capabilities and a behaviour; counts its calls. */
final class ProbeAgent implements Agent {

    interface Behaviour {
        ToolResult call(String capability, Map<String, Object> input) throws Exception;
    }

    static final Map<String, Object> TEXT_SCHEMA = Map.of("type", "object", "properties",
            Map.of("text", Map.of("type", "string")), "required", List.of("text"));

    private final String id;
    private final String version;
    private final List<Capability> capabilities;
    private final Behaviour behaviour;
    final AtomicInteger calls = new AtomicInteger();

    ProbeAgent(String id, String version, List<String> capabilities, Behaviour behaviour) {
        this.id = id;
        this.version = version;
        this.capabilities = capabilities.stream().map(c -> new Capability(c, "test capability " + c, TEXT_SCHEMA,
                Map.of())).toList();
        this.behaviour = behaviour;
    }

    /** An agent answering {@code <id> <version>: <text>} as text and {@code {text}} as structured content. */
    static ProbeAgent echo(String id, String version, String... capabilities) {
        return new ProbeAgent(id, version, List.of(capabilities), (capability, input) -> {
            String text = id + " " + version + ": " + input.get("text");
            return ToolResult.structured(Map.of("text", text, "agent", id), text);
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return "test agent " + id;
    }

    @Override
    public List<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) throws Exception {
        calls.incrementAndGet();
        return behaviour.call(capability, input);
    }
}
