package dev.autonomy.agents.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shape of an input: its field names and JSON types, never its values (which may be private). */
public final class InputShape {

    private InputShape() {
    }

    /** Field name to JSON type ({@code string}, {@code integer}, {@code number}, ...), sorted by name. */
    public static Map<String, String> of(Map<String, ?> input) {
        Map<String, String> shape = new TreeMap<>();
        input.forEach((k, v) -> shape.put(k, jsonType(v)));
        return Collections.unmodifiableMap(shape);
    }

    /** The JSON Schema type name of a JSON value. */
    public static String jsonType(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return "integer";
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? "integer" : "number";
        }
        if (v instanceof Map) {
            return "object";
        }
        if (v instanceof List) {
            return "array";
        }
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getSimpleName());
    }
}
