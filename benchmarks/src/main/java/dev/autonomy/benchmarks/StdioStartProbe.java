package dev.autonomy.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A start over stdio as an MCP client sees it: exec of the server, its answer to {@code initialize}, and its first
 * {@code tools/list} (all pages), sent at once after {@code notifications/initialized}. Raw JSON lines, so the
 * client's own start-up costs nothing measurable. The server stops at the end by end of input.
 */
final class StdioStartProbe {

    /** Times since exec, and how many tools the first list held. */
    record Timing(Duration initialized, Duration listed, int tools) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"autonomy-benchmarks-probe\",\"version\":\"1.0\"}}}";

    private StdioStartProbe() {
    }

    static Timing measure(Launched launched, List<String> command, Path workingDirectory, Path log,
                          Duration timeout) {
        long exec = System.nanoTime();
        Launched.Piped server = launched.startPiped(command, workingDirectory, log);
        // A server that never answers: stopping it ends the reads below.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> launched.stop(server.tree()),
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (OutputStream in = server.process().getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(server.process().getInputStream(),
                     StandardCharsets.UTF_8))) {
            send(in, INITIALIZE);
            await(out, 1);
            Duration initialized = Duration.ofNanos(System.nanoTime() - exec);
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            int tools = 0;
            String cursor = null;
            int id = 2;
            do {
                send(in, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\",\"params\":"
                        + (cursor == null ? "{}" : JSON.writeValueAsString(java.util.Map.of("cursor", cursor)))
                        + "}");
                JsonNode result = await(out, id++).path("result");
                tools += result.path("tools").size();
                cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asText() : null;
            } while (cursor != null);
            return new Timing(initialized, Duration.ofNanos(System.nanoTime() - exec), tools);
        } catch (IOException e) {
            throw new UncheckedIOException("stdio start probe", e);
        } finally {
            watchdog.cancel(false);
            ProcessTree.Stopped stopped = launched.stop(server.tree()); // stdin is closed: it is exiting already
            if (stopped.killed()) {
                System.out.println("  note: the stdio server did not exit at end of input and was killed");
            }
        }
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Reads lines until the response with {@code id} (notifications are skipped). */
    private static JsonNode await(BufferedReader out, int id) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            JsonNode message = JSON.readTree(line);
            if (message.path("id").asInt(-1) == id) {
                if (message.has("error")) {
                    throw new IllegalStateException("request " + id + " failed: " + message.get("error"));
                }
                return message;
            }
        }
        throw new IllegalStateException("the stdio server ended (or timed out) before answering request " + id);
    }
}
