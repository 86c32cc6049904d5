package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRpcShapeTest {

    private static final Map<String, Object> REQUEST = Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/list",
            "params", Map.of());
    private static final Map<String, Object> NOTIFICATION = Map.of("jsonrpc", "2.0",
            "method", "notifications/initialized");

    @Test
    void aRequestIsWellFormed() {
        assertThat(JsonRpcShape.problem(REQUEST)).isEmpty();
    }

    @Test
    void aNotificationIsWellFormed() {
        assertThat(JsonRpcShape.problem(NOTIFICATION)).isEmpty();
    }

    @Test
    void paramsMayBeAnArray() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "id", "x", "method", "m", "params", List.of())))
                .isEmpty();
    }

    @Test
    void aResultResponseIsWellFormed() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "id", "a", "result", Map.of()))).isEmpty();
    }

    @Test
    void anErrorResponseIsWellFormed() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "id", 7,
                "error", Map.of("code", -32600, "message", "x")))).isEmpty();
    }

    @Test
    void aBatchIsRefused() {
        assertThat(JsonRpcShape.problem(List.of(REQUEST))).contains("JSON-RPC batches are not supported");
    }

    @Test
    void aNonObjectIsRefused() {
        assertThat(JsonRpcShape.problem("hello")).contains("a JSON-RPC message must be a JSON object");
    }

    @Test
    void aMissingJsonrpcVersionIsRefused() {
        assertThat(JsonRpcShape.problem(Map.of("id", 1, "method", "m"))).contains("\"jsonrpc\" must be \"2.0\"");
    }

    @Test
    void aWrongJsonrpcVersionIsRefused() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", 2.0, "id", 1, "method", "m")))
                .contains("\"jsonrpc\" must be \"2.0\"");
    }

    @Test
    void anIdOfAnotherTypeIsRefused() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "id", true, "method", "m")))
                .contains("\"id\" must be a string or a number");
    }

    @Test
    void stringParamsAreRefused() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "id", 1, "method", "m", "params", "x")))
                .contains("\"params\" must be an object or an array");
    }

    @Test
    void anEmptyMethodIsRefused() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "id", 1, "method", "")))
                .contains("\"method\" must be a non-empty string");
    }

    @Test
    void aMessageWithNeitherMethodNorResultIsRefused() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "id", 1)))
                .contains("a JSON-RPC message needs a \"method\", or an \"id\" with a \"result\" or \"error\"");
    }

    @Test
    void aResponseWithoutIdIsRefused() {
        assertThat(JsonRpcShape.problem(Map.of("jsonrpc", "2.0", "result", 1))).isPresent();
    }

    @Test
    void idOfARequestIsItsId() {
        assertThat(JsonRpcShape.id(REQUEST)).isEqualTo(1);
        assertThat(JsonRpcShape.id(Map.of("id", "abc"))).isEqualTo("abc");
    }

    @Test
    void idOfANotificationIsNull() {
        assertThat(JsonRpcShape.id(NOTIFICATION)).isNull();
    }

    @Test
    void idOfTheWrongTypeIsNull() {
        assertThat(JsonRpcShape.id(Map.of("jsonrpc", "2.0", "id", List.of(1), "method", "m"))).isNull();
    }

    @Test
    void idOfABatchIsNull() {
        assertThat(JsonRpcShape.id(List.of(REQUEST))).isNull();
    }
}
