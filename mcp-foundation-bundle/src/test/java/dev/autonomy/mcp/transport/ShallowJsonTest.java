package dev.autonomy.mcp.transport;

import com.fasterxml.jackson.core.JsonFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShallowJsonTest {

    private static Object parse(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ShallowJson.parse(new JsonFactory(), b, 0, b.length);
    }

    @Test
    void keepsTopLevelScalarsAndReplacesNestedValuesWithEmptyPlaceholders() throws IOException {
        assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"m\",\"params\":{\"a\":[1,{\"b\":2}]},\"x\":[1]}"))
                .isEqualTo(Map.of("jsonrpc", "2.0", "id", 7, "method", "m", "params", Map.of(), "x", List.of()));
    }

    @Test
    void anArrayAtTheTopIsAnEmptyList() throws IOException {
        assertThat(parse("[{\"a\":1}]")).isEqualTo(List.of());
    }

    @Test
    void malformedJsonAnywhereIsRejected() {
        assertThatThrownBy(() -> parse("{\"jsonrpc\":\"2.0\",\"params\":{\"a\":}}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(IOException.class);
    }

    @Test
    void trailingContentIsRejected() {
        assertThatThrownBy(() -> parse("{} {}")).isInstanceOf(IOException.class);
    }
}
