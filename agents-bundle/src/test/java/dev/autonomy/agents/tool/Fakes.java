package dev.autonomy.agents.tool;

import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEvents;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Hand-written stand-ins for the foundation's services, for the tools' tests. */
final class Fakes {

    private Fakes() {
    }

    static AgentRegistry.AgentInfo agent(String id, String... capabilities) {
        List<Capability> caps = Arrays.stream(capabilities)
                .map(c -> new Capability(c, "", Map.of("type", "object"), Map.of())).toList();
        return new AgentRegistry.AgentInfo(id, "1.0.0", "agent " + id, caps, 7, Map.of("calls", 0L));
    }

    /** A registry of fixed agents, in the given order. */
    record Registry(List<AgentRegistry.AgentInfo> agents) implements AgentRegistry {
        Registry(AgentRegistry.AgentInfo... agents) {
            this(List.of(agents));
        }

        @Override
        public Optional<AgentInfo> agent(String id) {
            return agents.stream().filter(a -> a.id().equals(id)).findFirst();
        }

        @Override
        public List<AgentInfo> providersOf(String capability) {
            return agents.stream().filter(a -> a.capabilities().stream().anyMatch(c -> c.name().equals(capability)))
                    .toList();
        }
    }

    /** Keeps what is published. */
    static final class Events implements SessionEvents {
        final List<SessionEvent> published = new ArrayList<>();

        @Override
        public void publish(SessionEvent event) {
            published.add(event);
        }
    }

    /** One nested call through the invoker. */
    record Invocation(String tool, Map<String, ?> arguments) {
    }

    /** Answers nested calls with a function of the tool name and arguments, and keeps them. */
    static final class Invoker implements ToolInvoker {
        final List<Invocation> calls = new ArrayList<>();
        private final BiFunction<String, Map<String, ?>, ToolResult> answer;

        Invoker(BiFunction<String, Map<String, ?>, ToolResult> answer) {
            this.answer = answer;
        }

        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments, ToolCall parent) {
            calls.add(new Invocation(toolName, arguments));
            return answer.apply(toolName, arguments);
        }

        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments) {
            throw new AssertionError("the tools call only within their own call");
        }

        @Override
        public boolean mayCall(String toolName) {
            return toolName.startsWith("agent_");
        }
    }
}
