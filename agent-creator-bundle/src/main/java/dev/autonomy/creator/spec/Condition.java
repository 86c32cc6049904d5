package dev.autonomy.creator.spec;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A test on the value at a JSON Pointer, e.g. {@code {"pointer": "/input/n", "gt": 3}}. A missing value satisfies
 * only {@code notEquals} and {@code exists: false}. Generated agents evaluate conditions with the same rules
 * (their support class), the creator with {@link #test} when checking test results.
 *
 * @param pointer where the value is
 * @param kind    what to test
 * @param operand the literal to compare with (a regex for {@code matches}, a boolean for {@code exists})
 */
public record Condition(String pointer, Kind kind, Object operand) {

    /** The tests, by their JSON property names. */
    public enum Kind {
        /** JSON equality, numbers by value. */
        EQUALS("equals"),
        NOT_EQUALS("notEquals"),
        /** The value is a string in which the regex finds a match (anchor it with ^...$ to match it whole). */
        MATCHES("matches"),
        /** Operand true: the value exists (JSON null counts); false: it does not. */
        EXISTS("exists"),
        /** Both numbers, value greater than the operand. */
        GT("gt"),
        LT("lt"),
        /** A string containing the operand string, or an array with an element equal to the operand. */
        CONTAINS("contains");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public static Optional<Kind> of(String jsonName) {
            for (Kind k : values()) {
                if (k.jsonName.equals(jsonName)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        /** The JSON property names, in declaration order. */
        public static List<String> jsonNames() {
            return Arrays.stream(values()).map(Kind::jsonName).toList();
        }
    }

    public Condition {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(kind, "kind");
        operand = JsonValues.immutableCopy(operand);
    }

    /** Whether the condition holds on {@code root} (the state, or a result for test assertions). */
    public boolean test(Object root) {
        boolean present = Json.has(root, pointer);
        return holds(kind, present, present ? Json.get(root, pointer) : null, operand);
    }

    /** The rules, shared with {@link Assertion}. */
    static boolean holds(Kind kind, boolean present, Object value, Object operand) {
        if (kind == Kind.EXISTS) {
            return present == Boolean.TRUE.equals(operand);
        }
        if (!present) {
            return kind == Kind.NOT_EQUALS;
        }
        switch (kind) {
            case EQUALS:
                return Json.equal(value, operand);
            case NOT_EQUALS:
                return !Json.equal(value, operand);
            case MATCHES:
                return value instanceof String && operand instanceof String
                        && Pattern.compile((String) operand).matcher((String) value).find();
            case GT:
            case LT:
                if (!(value instanceof Number) || !(operand instanceof Number)) {
                    return false;
                }
                int c = Json.compareNumbers((Number) value, (Number) operand);
                return kind == Kind.GT ? c > 0 : c < 0;
            case CONTAINS:
                if (value instanceof String) {
                    return operand instanceof String && ((String) value).contains((String) operand);
                }
                if (value instanceof List) {
                    for (Object e : (List<?>) value) {
                        if (Json.equal(e, operand)) {
                            return true;
                        }
                    }
                }
                return false;
            default:
                throw new AssertionError(kind);
        }
    }
}
