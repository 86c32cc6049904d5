package dev.autonomy.agents.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InputShapeTest {

    @Test
    void givesFieldNamesAndJsonTypesNeverValues() {
        Map<String, Object> input = new HashMap<>();
        input.put("text", "secret");
        input.put("count", 3);
        input.put("ratio", 0.5);
        input.put("ok", true);
        input.put("tags", List.of("x"));
        input.put("options", Map.of("a", 1));
        input.put("nothing", null);
        Map<String, String> shape = InputShape.of(input);
        assertThat(shape).containsExactly(Map.entry("count", "integer"), Map.entry("nothing", "null"),
                Map.entry("ok", "boolean"), Map.entry("options", "object"), Map.entry("ratio", "number"),
                Map.entry("tags", "array"), Map.entry("text", "string"));
        assertThat(shape.toString()).doesNotContain("secret");
    }

    @Test
    void wholeNumbersParsedAsDecimalsAreIntegers() {
        assertThat(InputShape.of(Map.of("a", new BigDecimal("2.0"), "b", new BigDecimal("2.5"), "c", 4.0)))
                .containsExactly(Map.entry("a", "integer"), Map.entry("b", "number"), Map.entry("c", "integer"));
    }

    @Test
    void anEmptyInputHasAnEmptyShape() {
        assertThat(InputShape.of(Map.of())).isEmpty();
    }
}
