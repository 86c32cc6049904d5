package dev.autonomy.foundation.api.session;

import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as the foundation received it, after transport and session handling.
 *
 * @param sessionId       the MCP session (internal calls use {@code internal:<bundle>})
 * @param requestId       unique id the foundation assigned; returned in the result's
 *                        {@code _meta["dev.autonomy/requestId"]}
 * @param parentRequestId the calling request for nested calls through {@code ToolInvoker}
 * @param method          the MCP method, e.g. {@code tools/call}
 * @param toolName        the tool called, empty for other methods
 * @param arguments       the arguments (immutable JSON values)
 * @param client          the client's name and version from initialization
 * @param receivedAt      when the request arrived
 * @param depth           0 for a client's call, +1 per nested call
 */
public record McpRequest(String sessionId, String requestId, Optional<String> parentRequestId, String method,
                         String toolName, Map<String, Object> arguments, ClientInfo client, Instant receivedAt,
                         int depth) {

    /** MCP {@code tools/call}. */
    public static final String TOOLS_CALL = "tools/call";

    public McpRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(parentRequestId, "parentRequestId");
        Objects.requireNonNull(method, "method");
        toolName = toolName == null ? "" : toolName;
        arguments = JsonValues.immutableObject(arguments);
        client = client == null ? ClientInfo.UNKNOWN : client;
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0, was " + depth);
        }
    }

    /** Name and version a client gave at initialization. */
    public record ClientInfo(String name, String version) {
        public static final ClientInfo UNKNOWN = new ClientInfo("unknown", "");

        public ClientInfo {
            name = name == null ? "unknown" : name;
            version = version == null ? "" : version;
        }
    }
}
