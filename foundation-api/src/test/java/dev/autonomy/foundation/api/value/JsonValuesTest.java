package dev.autonomy.foundation.api.value;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTest {

    @Test
    void copyIsDeepSoLaterChangesToTheOriginalDoNotShow() {
        List<Object> inner = new ArrayList<>(List.of(1, 2));
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("a", inner);

        Object copy = JsonValues.immutableCopy(original);
        inner.add(3);
        original.put("b", true);

        assertThat(copy).isEqualTo(Map.of("a", List.of(1, 2)));
    }

    @Test
    void copyIsUnmodifiableAtEveryLevel() {
        Map<String, Object> original = new HashMap<>();
        original.put("a", new ArrayList<>(List.of(new HashMap<>(Map.of("x", 1)))));

        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) JsonValues.immutableCopy(original);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) copy.get("a");
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) list.get(0);

        assertThatThrownBy(() -> copy.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> nested.put("y", 2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copyKeepsInsertionOrderOfObjectKeys() {
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("z", 1);
        original.put("a", 2);
        original.put("m", 3);

        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) JsonValues.immutableCopy(original);

        assertThat(copy.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void scalarsAndNullAreReturnedAsTheyAre() {
        assertThat(JsonValues.immutableCopy(null)).isNull();
        assertThat(JsonValues.immutableCopy("s")).isEqualTo("s");
        assertThat(JsonValues.immutableCopy(true)).isEqualTo(true);
        assertThat(JsonValues.immutableCopy(42L)).isEqualTo(42L);
        assertThat(JsonValues.immutableCopy(1.5)).isEqualTo(1.5);
    }

    @Test
    void aNonJsonValueIsRejectedNamingItsPath() {
        Map<String, Object> value = Map.of("a", List.of("ok", new Object()));

        assertThatThrownBy(() -> JsonValues.immutableCopy(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.a[1]")
                .hasMessageContaining("Object");
    }

    @Test
    void aNonJsonValueAtTheTopIsRejectedNamingTheRoot() {
        assertThatThrownBy(() -> JsonValues.immutableCopy(new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a JSON value at $: StringBuilder");
    }

    @Test
    void nanIsRejectedNamingItsPath() {
        assertThatThrownBy(() -> JsonValues.immutableCopy(Map.of("n", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON numbers must be finite at $.n, was NaN");
    }

    @Test
    void infinityIsRejected() {
        assertThatThrownBy(() -> JsonValues.immutableCopy(List.of(Float.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$[0]");
    }

    @Test
    void aNonStringKeyIsRejectedNamingTheObject() {
        Map<Object, Object> inner = new HashMap<>();
        inner.put(7, "seven");

        assertThatThrownBy(() -> JsonValues.immutableCopy(Map.of("o", inner)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON object keys must be strings at $.o, was Integer");
    }

    @Test
    void aNullKeyIsRejected() {
        Map<String, Object> withNullKey = new HashMap<>();
        withNullKey.put(null, 1);

        assertThatThrownBy(() -> JsonValues.immutableCopy(withNullKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON object keys must be strings at $, was null");
    }

    @Test
    void aMutableNumberIsCopiedToAnImmutableOne() {
        AtomicInteger counter = new AtomicInteger(5);

        Object copy = JsonValues.immutableCopy(counter);
        counter.set(6);

        assertThat(copy).isEqualTo(new BigDecimal("5"));
    }

    @Test
    void immutableObjectTurnsNullIntoTheEmptyObject() {
        assertThat(JsonValues.immutableObject(null)).isEmpty();
    }

    @Test
    void stringAccessorFallsBackWhenAbsentOrNotAString() {
        Map<String, Object> o = Map.of("s", "x", "n", 1);

        assertThat(JsonValues.string(o, "s", "fb")).isEqualTo("x");
        assertThat(JsonValues.string(o, "n", "fb")).isEqualTo("fb");
        assertThat(JsonValues.string(o, "missing", "fb")).isEqualTo("fb");
    }

    @Test
    void longAccessorFallsBackWhenAbsentOrNotANumber() {
        Map<String, Object> o = Map.of("n", 2.9, "s", "3");

        assertThat(JsonValues.longValue(o, "n", -1)).isEqualTo(2);
        assertThat(JsonValues.longValue(o, "s", -1)).isEqualTo(-1);
        assertThat(JsonValues.longValue(o, "missing", -1)).isEqualTo(-1);
    }

    @Test
    void copyingAnImmutableCopyAgainReturnsTheSameInstance() {
        Object once = JsonValues.immutableCopy(java.util.Map.of("a", java.util.List.of(1, java.util.Map.of("b", 2))));
        assertThat(JsonValues.immutableCopy(once)).isSameAs(once);
        assertThat(once).isEqualTo(java.util.Map.of("a", java.util.List.of(1, java.util.Map.of("b", 2))));
        assertThat(once.hashCode()).isEqualTo(java.util.Map.of("a", java.util.List.of(1, java.util.Map.of("b", 2))).hashCode());
    }

    @Test
    void immutableCopiesRejectChangesThroughEveryView() {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> m = (java.util.Map<String, Object>) JsonValues.immutableCopy(
                new java.util.HashMap<>(java.util.Map.of("a", 1)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.put("b", 2))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(3))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.keySet().remove("a"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @org.junit.jupiter.api.Test
    void jsonEqualityComparesNumbersByValueAndStructuresDeeply() {
        assertThat(JsonValues.jsonEquals(2L, 2.0)).isTrue();
        assertThat(JsonValues.jsonEquals(new java.math.BigDecimal("1.50"), 1.5)).isTrue();
        assertThat(JsonValues.jsonEquals(java.util.Map.of("a", java.util.List.of(1, 2L)),
                java.util.Map.of("a", java.util.List.of(1.0, 2)))).isTrue();
        assertThat(JsonValues.jsonEquals(java.util.List.of(1, 2), java.util.List.of(2, 1))).isFalse();
        assertThat(JsonValues.jsonEquals(java.util.Map.of("a", 1), java.util.Map.of("b", 1))).isFalse();
        assertThat(JsonValues.jsonEquals(null, null)).isTrue();
        assertThat(JsonValues.jsonEquals("1", 1)).isFalse();
        assertThat(JsonValues.compareNumbers(3, 2.5)).isPositive();
        assertThat(JsonValues.compareNumbers(-1L, new java.math.BigInteger("0"))).isNegative();
    }

    @Test
    void jsonTypeNamesEachKindOfValue() {
        assertThat(JsonValues.jsonType(null)).isEqualTo("null");
        assertThat(JsonValues.jsonType("x")).isEqualTo("string");
        assertThat(JsonValues.jsonType(false)).isEqualTo("boolean");
        assertThat(JsonValues.jsonType(3)).isEqualTo("integer");
        assertThat(JsonValues.jsonType(0.5)).isEqualTo("number");
        assertThat(JsonValues.jsonType(Map.of())).isEqualTo("object");
        assertThat(JsonValues.jsonType(List.of())).isEqualTo("array");
    }

    @Test
    void jsonTypeCallsWholeNumbersIntegersWhateverTheirJavaType() {
        assertThat(JsonValues.jsonType(new BigDecimal("2.0"))).isEqualTo("integer");
        assertThat(JsonValues.jsonType(new BigDecimal("2.5"))).isEqualTo("number");
        assertThat(JsonValues.jsonType(4.0)).isEqualTo("integer");
        assertThat(JsonValues.jsonType(new java.math.BigInteger("123456789012345678901"))).isEqualTo("integer");
        assertThat(JsonValues.jsonType(Double.POSITIVE_INFINITY)).isEqualTo("number");
    }

    @Test
    void jsonTypeRejectsWhatIsNotJson() {
        assertThatThrownBy(() -> JsonValues.jsonType(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a JSON value: Object");
    }
}
