package dev.autonomy.foundation.api.session;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpRequestTest {

    private static McpRequest request(String toolName, Map<String, Object> args, McpRequest.ClientInfo client,
                                      int depth) {
        return new McpRequest("s", "r", Optional.empty(), McpRequest.TOOLS_CALL, toolName, args, client,
                Instant.EPOCH, depth);
    }

    @Test
    void negativeDepthIsRejected() {
        assertThatThrownBy(() -> request("t", Map.of(), null, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("depth must be >= 0, was -1");
    }

    @Test
    void missingToolNameBecomesEmpty() {
        assertThat(request(null, Map.of(), null, 0).toolName()).isEmpty();
    }

    @Test
    void missingClientBecomesUnknown() {
        assertThat(request("t", Map.of(), null, 0).client()).isEqualTo(McpRequest.ClientInfo.UNKNOWN);
    }

    @Test
    void missingArgumentsBecomeEmpty() {
        assertThat(request("t", null, null, 0).arguments()).isEmpty();
    }

    @Test
    void argumentsAreAnImmutableCopy() {
        Map<String, Object> args = new HashMap<>(Map.of("a", 1));

        McpRequest r = request("t", args, null, 0);
        args.put("b", 2);

        assertThat(r.arguments()).isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> r.arguments().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nonJsonArgumentsAreRejected() {
        assertThatThrownBy(() -> request("t", Map.of("a", new Object()), null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.a");
    }

    @Test
    void requiredFieldsMustNotBeNull() {
        assertThatThrownBy(() -> new McpRequest(null, "r", Optional.empty(), "m", "t", Map.of(), null, Instant.EPOCH,
                0)).isInstanceOf(NullPointerException.class).hasMessage("sessionId");
        assertThatThrownBy(() -> new McpRequest("s", "r", Optional.empty(), "m", "t", Map.of(), null, null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("receivedAt");
    }

    @Test
    void clientInfoNullsBecomeDefaults() {
        assertThat(new McpRequest.ClientInfo(null, null)).isEqualTo(new McpRequest.ClientInfo("unknown", ""));
    }
}
