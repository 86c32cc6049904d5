package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InputFeaturesTest {

    @Test
    void sizeClassesArePowersOfSixteen() {
        assertThat(InputFeatures.sizeClass(-1)).isEqualTo(4);
        assertThat(InputFeatures.sizeClass(0)).isZero();
        assertThat(InputFeatures.sizeClass(255)).isZero();
        assertThat(InputFeatures.sizeClass(256)).isEqualTo(1);
        assertThat(InputFeatures.sizeClass(4095)).isEqualTo(1);
        assertThat(InputFeatures.sizeClass(65535)).isEqualTo(2);
        assertThat(InputFeatures.sizeClass(65536)).isEqualTo(3);
        assertThat(InputFeatures.sizeClassName(1)).isEqualTo("<4KiB");
        assertThat(InputFeatures.sizeClassName(4)).isEqualTo("unknown");
    }

    @Test
    void equalArgumentsHaveEqualFingerprintsWhateverTheKeyOrderOrNumberForm() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("text", "hello");
        a.put("n", 3);
        a.put("opts", Map.of("x", List.of(1.0, true)));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("opts", Map.of("x", List.of(1L, true)));
        b.put("n", new BigDecimal("3.00"));
        b.put("text", "hello");
        assertThat(InputFeatures.fingerprint(a, 7)).isEqualTo(InputFeatures.fingerprint(b, 7));
        assertThat(InputFeatures.fingerprint(a, 7)).isNotEqualTo(InputFeatures.fingerprint(a, 8));
        assertThat(InputFeatures.fingerprint(Map.of("text", "hellO"), 7))
                .isNotEqualTo(InputFeatures.fingerprint(Map.of("text", "hello"), 7));
        assertThat(InputFeatures.fingerprint(Map.of(), 7)).isNotZero();
    }

    @Test
    void shapeHasNamesAndTypesOnly() {
        assertThat(InputFeatures.shape(Map.of("text", "secret", "n", 2, "x", 2.5, "l", List.of())))
                .containsExactly(Map.entry("l", "array"), Map.entry("n", "integer"), Map.entry("text", "string"),
                        Map.entry("x", "number"));
    }

    @Test
    void anAnonymousShapeKeepsCountsAndTypesNoNames() {
        Map<String, Object> a = InputFeatures.anonymousShape(Map.of("email", "string", "ssn", "string", "age",
                "integer"));
        assertThat(a).isEqualTo(Map.of(InputFeatures.FIELDS, 3L, InputFeatures.FIELD_TYPES,
                Map.of("integer", 1L, "string", 2L)));
        assertThat(a.toString()).doesNotContain("email").doesNotContain("ssn");
    }

    @Test
    void aKeyedHashGroupsEqualNamesAndDependsOnTheKey() {
        byte[] key = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;
        String h = InputFeatures.keyedHash(key, "payroll.export");
        assertThat(h).matches("[0-9a-f]{16}");
        assertThat(InputFeatures.keyedHash(key, "payroll.export")).isEqualTo(h);
        assertThat(InputFeatures.keyedHash(key, "payroll.import")).isNotEqualTo(h);
        assertThat(InputFeatures.keyedHash(other, "payroll.export")).isNotEqualTo(h);
    }
}
