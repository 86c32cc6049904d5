package dev.autonomy.creator.spec;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Objects;

/**
 * A check of a test's result, with the {@link Condition} kinds: {@code {"pointer": "/text", "matches": "^[A-Z]+$"}}.
 * The pointer points into the capability's structured result.
 */
public record Assertion(String pointer, Condition.Kind kind, Object operand) {

    public Assertion {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(kind, "kind");
        operand = JsonValues.immutableCopy(operand);
    }

    /** Whether the assertion holds on {@code result}. */
    public boolean test(Object result) {
        boolean present = Json.has(result, pointer);
        return Condition.holds(kind, present, present ? Json.get(result, pointer) : null, operand);
    }

    public Condition asCondition() {
        return new Condition(pointer, kind, operand);
    }
}
