package dev.autonomy.testkit.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpHttpClientTest {

    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theResponseIsFoundInAnEventStreamAfterOtherMessages() {
        String body = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"
                + "id: 7\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"ok\":true}}\n\n";
        assertThat(McpHttpClient.response("text/event-stream", body, 3, json))
                .containsEntry("result", Map.of("ok", true));
    }

    @Test
    void aPlainJsonResponseIsReadAsIs() {
        assertThat(McpHttpClient.response("application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":"
                + "{\"code\":-32601}}", 1, json)).containsKey("error");
        assertThatThrownBy(() -> McpHttpClient.response("application/json", "{\"id\":2,\"result\":{}}", 1, json))
                .hasMessageStartingWith("no response with id 1");
    }

    @Test
    void aToolResultKeepsTextStructuredContentAndTheErrorFlag() {
        ToolResult r = McpHttpClient.toolResult(Map.of("content", List.of(Map.of("type", "text", "text", "hi")),
                "structuredContent", Map.of("n", 1), "isError", false));
        assertThat(r.text()).isEqualTo("hi");
        assertThat(r.structuredContent().map(m -> ((Number) m.get("n")).intValue())).contains(1);
        assertThat(McpHttpClient.toolResult(Map.of("isError", true)).isError()).isTrue();
    }

    @Test
    void itInitializesKeepsTheSessionAndCallsTools() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", ex -> {
            Map<?, ?> msg = json.readValue(ex.getRequestBody(), Map.class);
            seen.add(msg.get("method") + " session=" + ex.getRequestHeaders().getFirst("Mcp-Session-Id"));
            String answer = switch (String.valueOf(msg.get("method"))) {
                case "initialize" -> "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}";
                case "tools/list" -> "{\"tools\":[{\"name\":\"a\"},{\"name\":\"b\"}]}";
                case "tools/call" -> "{\"content\":[{\"type\":\"text\",\"text\":\"called "
                        + ((Map<?, ?>) msg.get("params")).get("name") + "\"}]}";
                default -> null;
            };
            if (answer == null) {
                ex.sendResponseHeaders(202, -1);
                ex.close();
                return;
            }
            byte[] b = ("data: {\"jsonrpc\":\"2.0\",\"id\":" + msg.get("id") + ",\"result\":" + answer + "}\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.getResponseHeaders().add("Mcp-Session-Id", "s1");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
        try (McpHttpClient c = McpHttpClient.connect(endpoint, Optional.empty())) {
            assertThat(c.listTools()).containsExactly("a", "b");
            assertThat(c.callTool("a", Map.of()).text()).isEqualTo("called a");
        }
        assertThat(seen).containsExactly("initialize session=null", "notifications/initialized session=s1",
                "tools/list session=s1", "tools/call session=s1");
    }
}
