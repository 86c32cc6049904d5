package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void writesAndReadsBackPlainValues() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("s", "a \"q\"\n\u0001é");
        m.put("n", 12L);
        m.put("d", 0.25);
        m.put("b", true);
        m.put("z", null);
        m.put("l", List.of(1L, "x"));
        String text = Json.write(m);
        assertThat(text).isEqualTo("{\"s\":\"a \\\"q\\\"\\n\\u0001é\",\"n\":12,\"d\":0.25,\"b\":true,\"z\":null,"
                + "\"l\":[1,\"x\"]}");
        assertThat(Json.parse(text)).isEqualTo(m);
    }

    @Test
    void badTextNamesWhereItFails() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).hasMessage("invalid JSON at line 1, column 7: "
                + "unexpected character '}'");
        assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessageContaining("finite");
    }
}
