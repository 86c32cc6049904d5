package dev.autonomy.mcp.transport;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-RPC error bodies written by the transports themselves (never an exception dump). */
final class JsonRpcErrors {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    /** Implementation-defined server error: the server is still starting (HTTP 503 with Retry-After). */
    static final int STARTING = -32002;

    private JsonRpcErrors() {
    }

    static String body(ObjectMapper mapper, Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        try {
            return mapper.writeValueAsString(body);
        } catch (Exception e) {
            return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":\"error\"}}";
        }
    }
}
