package dev.autonomy.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks "is the MCP server up?" the cheapest honest way: a raw HTTP POST of an MCP {@code initialize} request,
 * repeated every 10 ms until one succeeds.
 */
final class InitializeProbe {

    private static final long POLL_MILLIS = 10;
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"autonomy-benchmarks-probe\",\"version\":\"1.0\"}}}";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();

    InitializeProbe() {
        // load and link the HTTP client now, so the first measured poll costs what the others do
        initializes(URI.create("http://127.0.0.1:" + Jvm.freeLoopbackPort() + "/mcp"));
    }

    /** Whether {@code endpoint} answers initialize with a result. */
    boolean initializes(URI endpoint) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"protocolVersion\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Polls until {@code endpoint} initializes; returns the time since {@code sinceNanos} (a System.nanoTime()).
     *
     * @throws IllegalStateException if the server exits or does not answer within {@code timeout}
     */
    Duration await(URI endpoint, long sinceNanos, Duration timeout, ProcessTree server) {
        long deadline = sinceNanos + timeout.toNanos();
        while (true) {
            if (initializes(endpoint)) {
                return Duration.ofNanos(System.nanoTime() - sinceNanos);
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited before answering initialize at " + endpoint);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(endpoint + " did not answer initialize within " + timeout);
            }
            Sleep.millis(POLL_MILLIS);
        }
    }
}
