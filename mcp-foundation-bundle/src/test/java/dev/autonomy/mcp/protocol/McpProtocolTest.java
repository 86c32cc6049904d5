package dev.autonomy.mcp.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.mcp.core.ServerSettings;
import dev.autonomy.mcp.engine.Engine;
import dev.autonomy.mcp.engine.EventBus;
import dev.autonomy.mcp.engine.RegisteredTool;
import dev.autonomy.testkit.traffic.TestTool;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class McpProtocolTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final EventBus bus = new EventBus(Clock.systemUTC());

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        bus.close();
    }

    /** A transport provider that records what is broadcast to its clients. */
    private static final class RecordingProvider implements McpServerTransportProviderBase {
        final List<String> notifications = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            notifications.add(method);
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    private static Tool tool(String name) {
        return TestTool.of(name, call -> ToolResult.text(name));
    }

    @Test
    void aBurstOfToolChangesGivesClientsAtMostTwoNoticesAndALaterChangeOneMore() throws Exception {
        Engine engine = new Engine(Clock.systemUTC(), bus, Executors.newCachedThreadPool(), scheduler,
                (s, a) -> Optional.empty(), ServerSettings.DEFAULTS);
        McpProtocol protocol = new McpProtocol(engine, new JacksonMcpJsonMapper(new ObjectMapper()), scheduler, "1");
        RecordingProvider provider = new RecordingProvider();
        protocol.addProvider(provider);
        for (int i = 0; i < 20; i++) {
            engine.addTool(new RegisteredTool(tool("t" + i), "t" + i, 0, i, 1, "b"));
        }
        // The window is 150 ms: once a task scheduled after two windows has run, every notice has been sent.
        long window = ServerSettings.DEFAULTS.listChangedDebounceMs();
        scheduler.schedule(() -> { }, window * 3, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        // one at once for the first change, at most one more for the rest of the burst
        assertThat(provider.notifications).hasSizeBetween(1, 2)
                .containsOnly("notifications/tools/list_changed");
        int before = provider.notifications.size();
        engine.addTool(new RegisteredTool(tool("late"), "late", 0, 99, 1, "b"));
        scheduler.schedule(() -> { }, window * 3, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertThat(provider.notifications).hasSize(before + 1);
    }

    @Test
    void aProviderAwaitingInitializationIsNotNotified() throws Exception {
        Engine engine = new Engine(Clock.systemUTC(), bus, Executors.newCachedThreadPool(), scheduler,
                (s, a) -> Optional.empty(), ServerSettings.DEFAULTS);
        McpProtocol protocol = new McpProtocol(engine, new JacksonMcpJsonMapper(new ObjectMapper()), scheduler, "1");
        RecordingProvider stdio = new RecordingProvider();
        protocol.addProviderAfterInitialized(stdio);
        engine.addTool(new RegisteredTool(tool("t"), "t", 0, 1, 1, "b"));
        scheduler.schedule(() -> { }, ServerSettings.DEFAULTS.listChangedDebounceMs() * 3, TimeUnit.MILLISECONDS)
                .get(5, TimeUnit.SECONDS);
        assertThat(stdio.notifications).isEmpty();
    }

    @Test
    void validationMessagesAreShortAndNameThePath() {
        DefaultJsonSchemaValidator v = new DefaultJsonSchemaValidator(new ObjectMapper());
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string")),
                "required", List.of("text"));
        assertThat(McpProtocol.validate(v, schema, Map.of("text", "x"))).isEmpty();
        Optional<String> wrongType = McpProtocol.validate(v, schema, Map.of("text", 5));
        assertThat(wrongType).isPresent();
        assertThat(wrongType.get()).contains("text").doesNotContain("Validation failed");
        assertThat(McpProtocol.validate(v, schema, Map.of())).get().asString()
                .isEqualTo("required property 'text' not found");
    }
}
