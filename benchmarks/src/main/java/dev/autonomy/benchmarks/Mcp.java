package dev.autonomy.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** MCP Java SDK clients, built the same way for every server a benchmark compares. */
final class Mcp {

    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private Mcp() {
    }

    /** An initialized client on Streamable HTTP; {@code toolsChanged} sees the new list after each list_changed. */
    static McpSyncClient http(URI endpoint, Consumer<List<McpSchema.Tool>> toolsChanged) {
        return http(endpoint, toolsChanged, REQUEST_TIMEOUT, REQUEST_TIMEOUT);
    }

    /** As {@link #http(URI, Consumer)}, with time limits for long calls (a cold creation, a whole measurement). */
    static McpSyncClient http(URI endpoint, Consumer<List<McpSchema.Tool>> toolsChanged, Duration requestTimeout,
                              Duration initializationTimeout) {
        String base = endpoint.getScheme() + "://" + endpoint.getAuthority();
        var transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint.getPath())
                .jsonMapper(JSON)
                .build();
        return initialize(McpClient.sync(transport).toolsChangeConsumer(toolsChanged), requestTimeout,
                initializationTimeout);
    }

    static McpSyncClient http(URI endpoint) {
        return http(endpoint, tools -> { });
    }

    /**
     * An initialized client that starts {@code command} and talks to it over its stdin and stdout; the server's
     * stderr lines go to {@code stderr}.
     */
    static McpSyncClient stdio(List<String> command, Consumer<String> stderr) {
        ServerParameters server = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .build();
        var transport = new StdioClientTransport(server, JSON);
        transport.setStdErrorHandler(stderr);
        return initialize(McpClient.sync(transport), REQUEST_TIMEOUT, REQUEST_TIMEOUT);
    }

    private static McpSyncClient initialize(McpClient.SyncSpec spec, Duration requestTimeout,
                                            Duration initializationTimeout) {
        McpSyncClient client = spec
                .clientInfo(new McpSchema.Implementation("autonomy-benchmarks", "1.0"))
                .requestTimeout(requestTimeout)
                .initializationTimeout(initializationTimeout)
                .build();
        try {
            client.initialize();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Names of all tools, following pagination. */
    static Set<String> toolNames(McpSyncClient client) {
        Set<String> names = new HashSet<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            page.tools().forEach(t -> names.add(t.name()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return names;
    }

    /** Waits until the server lists {@code tool} (bundles in deploy/ may start after the server answers). */
    static void awaitTool(McpSyncClient client, String tool, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!toolNames(client).contains(tool)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not list " + tool + " within " + timeout);
            }
            Sleep.millis(100);
        }
    }

    /** A tools/call request with the one argument the word count tool takes. */
    static McpSchema.CallToolRequest call(String tool, String text) {
        return new McpSchema.CallToolRequest(tool, Map.of("text", text));
    }

    /** Closes a client; a server that is already gone is no error here. */
    static void closeQuietly(McpSyncClient client) {
        try {
            client.closeGracefully();
        } catch (RuntimeException alreadyGone) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // nothing left to close
            }
        }
    }
}
