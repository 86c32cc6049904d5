package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

    @Test
    void objectKeysAreSortedSoInsertionOrderDoesNotMatter() {
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 1);
        ba.put("a", 2);
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 2);
        ab.put("b", 1);

        assertThat(CanonicalJson.of(ba)).isEqualTo("{\"a\":2,\"b\":1}").isEqualTo(CanonicalJson.of(ab));
    }

    @Test
    void nestedObjectsAreSortedToo() {
        assertThat(CanonicalJson.of(Map.of("x", List.of(Map.of("z", 1, "y", 2)))))
                .isEqualTo("{\"x\":[{\"y\":2,\"z\":1}]}");
    }

    @Test
    void integralNumbersAreWrittenTheSameWhateverTheirType() {
        assertThat(CanonicalJson.of(1)).isEqualTo("1");
        assertThat(CanonicalJson.of(1.0)).isEqualTo("1");
        assertThat(CanonicalJson.of(1L)).isEqualTo("1");
        assertThat(CanonicalJson.of(new BigDecimal("1.00"))).isEqualTo("1");
    }

    @Test
    void fractionalNumbersKeepTheirFraction() {
        assertThat(CanonicalJson.of(1.5)).isEqualTo("1.5");
        assertThat(CanonicalJson.of(-0.25)).isEqualTo("-0.25");
    }

    @Test
    void listsKeepTheirOrder() {
        assertThat(CanonicalJson.of(Arrays.asList(null, true, "x", 2))).isEqualTo("[null,true,\"x\",2]");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(CanonicalJson.of("a\"b\\c\nd\re\tf\u0001g"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"");
    }

    @Test
    void keysAreEscaped() {
        assertThat(CanonicalJson.of(Map.of("a\"b", 1))).isEqualTo("{\"a\\\"b\":1}");
    }

    @Test
    void nonAsciiIsKeptAsIs() {
        assertThat(CanonicalJson.of("größe ✓")).isEqualTo("\"größe ✓\"");
    }

    @Test
    void emptyContainersAndNull() {
        assertThat(CanonicalJson.of(Map.of())).isEqualTo("{}");
        assertThat(CanonicalJson.of(List.of())).isEqualTo("[]");
        assertThat(CanonicalJson.of(null)).isEqualTo("null");
    }
}
