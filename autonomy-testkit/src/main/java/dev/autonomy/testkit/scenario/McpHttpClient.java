package dev.autonomy.testkit.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autonomy.foundation.api.tool.Content;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small MCP client over Streamable HTTP (JSON-RPC in POST requests; answers as JSON or as an event stream):
 * enough for a scenario to initialize, list and call tools. Not thread-safe.
 */
public final class McpHttpClient implements AutoCloseable {

    public static final String PROTOCOL_VERSION = "2025-06-18";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final Optional<String> token;
    private final AtomicLong ids = new AtomicLong();
    private String sessionId;
    private String protocolVersion = PROTOCOL_VERSION;

    private McpHttpClient(URI endpoint, Optional<String> token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    /** An initialized client of the server at {@code endpoint} (e.g. {@code http://127.0.0.1:8765/mcp}). */
    public static McpHttpClient connect(URI endpoint, Optional<String> bearerToken) {
        McpHttpClient c = new McpHttpClient(endpoint, bearerToken);
        Map<String, Object> init = c.request("initialize", Map.of("protocolVersion", PROTOCOL_VERSION,
                "capabilities", Map.of(), "clientInfo", Map.of("name", "autonomy-testkit", "version", "1.0")));
        c.protocolVersion = String.valueOf(init.getOrDefault("protocolVersion", PROTOCOL_VERSION));
        c.notify("notifications/initialized");
        return c;
    }

    /** Sends a request and answers its result; a JSON-RPC error is an {@link IllegalStateException}. */
    public Map<String, Object> request(String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        HttpResponse<String> r = post(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        r.headers().firstValue("Mcp-Session-Id").ifPresent(s -> sessionId = s);
        Map<String, Object> response = response(r.headers().firstValue("Content-Type").orElse(""), r.body(), id,
                json);
        if (response.containsKey("error")) {
            throw new IllegalStateException(method + ": " + response.get("error"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) response.getOrDefault("result", Map.of());
        return result;
    }

    public void notify(String method) {
        HttpResponse<String> r = post(Map.of("jsonrpc", "2.0", "method", method));
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + ": HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    /** Names of the tools listed, following pagination. */
    public List<String> listTools() {
        List<String> names = new ArrayList<>();
        Object cursor = null;
        do {
            Map<String, Object> page = request("tools/list", cursor == null ? Map.of() : Map.of("cursor", cursor));
            for (Object t : (List<?>) page.getOrDefault("tools", List.of())) {
                names.add(String.valueOf(((Map<?, ?>) t).get("name")));
            }
            cursor = page.get("nextCursor");
        } while (cursor != null);
        return names;
    }

    /** Calls a tool; a failed call is a result with {@code isError}, as in a container. */
    public ToolResult callTool(String name, Map<String, ?> arguments) {
        return toolResult(request("tools/call", Map.of("name", name, "arguments", arguments)));
    }

    /** A {@code tools/call} result as the foundation's type (its text blocks and structured content). */
    @SuppressWarnings("unchecked")
    static ToolResult toolResult(Map<String, Object> result) {
        List<Content> content = new ArrayList<>();
        for (Object c : (List<?>) result.getOrDefault("content", List.of())) {
            Map<?, ?> m = (Map<?, ?>) c;
            if ("text".equals(m.get("type"))) {
                content.add(new Content.Text(String.valueOf(m.get("text"))));
            }
        }
        Optional<Map<String, Object>> structured = Optional.ofNullable(
                (Map<String, Object>) result.get("structuredContent"));
        return new ToolResult(content, structured, Boolean.TRUE.equals(result.get("isError")), Map.of());
    }

    /**
     * The JSON-RPC response with this id from a body that is one JSON object or an event stream whose
     * {@code data:} lines carry messages (server requests and notifications before it are skipped).
     */
    static Map<String, Object> response(String contentType, String body, long id, ObjectMapper json) {
        List<String> messages = new ArrayList<>();
        if (contentType.startsWith("text/event-stream")) {
            StringBuilder data = new StringBuilder();
            for (String line : (body + "\n\n").split("\r?\n", -1)) {
                if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
                } else if (line.isEmpty() && data.length() > 0) {
                    messages.add(data.toString());
                    data.setLength(0);
                }
            }
        } else {
            messages.add(body);
        }
        for (String m : messages) {
            try {
                Map<String, Object> message = json.readValue(m, MAP);
                Object mid = message.get("id");
                if (mid instanceof Number && ((Number) mid).longValue() == id
                        && (message.containsKey("result") || message.containsKey("error"))) {
                    return message;
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON-RPC: " + m, e);
            }
        }
        throw new IllegalStateException("no response with id " + id + " in: " + body);
    }

    private HttpResponse<String> post(Map<String, Object> message) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", protocolVersion)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(new LinkedHashMap<>(message))));
            token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
            if (sessionId != null) {
                b.header("Mcp-Session-Id", sessionId);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("MCP server at " + endpoint + " not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Ends the session (a server that is gone already is no error here). */
    @Override
    public void close() {
        if (sessionId == null) {
            return;
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).DELETE()
                    .header("Mcp-Session-Id", sessionId);
            token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
            http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException gone) {
            // nothing left to end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
