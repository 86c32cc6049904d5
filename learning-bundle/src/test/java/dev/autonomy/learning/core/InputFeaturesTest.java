package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

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
