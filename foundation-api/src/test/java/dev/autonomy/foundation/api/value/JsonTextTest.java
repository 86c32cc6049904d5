package dev.autonomy.foundation.api.value;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {

    @Test
    void parsesEveryKindOfValueInOrder() {
        Object v = JsonText.parse(" {\"b\": [1, 2.5, \"x\", true, null], \"a\": {\"n\": -3e2}, \"big\": 123456789012345678901234} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", Arrays.asList(1L, 2.5, "x", true, null));
        expected.put("a", Map.of("n", -300.0));
        expected.put("big", new BigDecimal("123456789012345678901234"));
        assertThat(v).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("b", "a", "big"));
    }

    @Test
    void writesCompactTextThatParsesBackToTheSameValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "line\n\"quoted\" \\ tab\t é ☃");
        value.put("list", List.of(1L, 2.5, false));
        value.put("none", null);
        String text = JsonText.write(value);
        assertThat(text).isEqualTo("{\"text\":\"line\\n\\\"quoted\\\" \\\\ tab\\t é ☃\",\"list\":[1,2.5,false],"
                + "\"none\":null}");
        assertThat(JsonText.parse(text)).isEqualTo(value);
        assertThat(JsonText.parse("\"\\u00e9\\ud83d\\ude00\"")).isEqualTo("é😀");
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        assertThatThrownBy(() -> JsonText.parse("{\n  \"a\": tru\n}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> JsonText.parse("[1] 2")).hasMessageContaining("unexpected text after the JSON value");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "[".repeat(JsonText.MAX_DEPTH * 4) + "]".repeat(JsonText.MAX_DEPTH * 4);
        assertThatThrownBy(() -> JsonText.parse(deep)).isInstanceOf(IllegalArgumentException.class);
    }
}
