package dev.autonomy.mcp.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a parsed JSON value is one JSON-RPC 2.0 message (request, notification or response) before it reaches
 * the SDK, which would otherwise drop the connection (stdio) or answer with an exception dump (HTTP).
 */
public final class JsonRpcShape {

    private JsonRpcShape() {
    }

    /** Empty if {@code parsed} is a well-formed message, else why not (safe to show). */
    public static Optional<String> problem(Object parsed) {
        if (parsed instanceof List) {
            return Optional.of("JSON-RPC batches are not supported");
        }
        if (!(parsed instanceof Map)) {
            return Optional.of("a JSON-RPC message must be a JSON object");
        }
        Map<?, ?> m = (Map<?, ?>) parsed;
        if (!"2.0".equals(m.get("jsonrpc"))) {
            return Optional.of("\"jsonrpc\" must be \"2.0\"");
        }
        Object id = m.get("id");
        if (id != null && !(id instanceof String) && !(id instanceof Number)) {
            return Optional.of("\"id\" must be a string or a number");
        }
        Object method = m.get("method");
        if (method != null) {
            if (!(method instanceof String) || ((String) method).isEmpty()) {
                return Optional.of("\"method\" must be a non-empty string");
            }
            Object params = m.get("params");
            if (params != null && !(params instanceof Map) && !(params instanceof List)) {
                return Optional.of("\"params\" must be an object or an array");
            }
            return Optional.empty();
        }
        if (id != null && (m.containsKey("result") || m.get("error") instanceof Map)) {
            return Optional.empty();
        }
        return Optional.of("a JSON-RPC message needs a \"method\", or an \"id\" with a \"result\" or \"error\"");
    }

    /** The message's id if it has a usable one, for the error response. */
    public static Object id(Object parsed) {
        if (parsed instanceof Map) {
            Object id = ((Map<?, ?>) parsed).get("id");
            if (id instanceof String || id instanceof Number) {
                return id;
            }
        }
        return null;
    }
}
