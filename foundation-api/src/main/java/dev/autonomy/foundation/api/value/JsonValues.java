package dev.autonomy.foundation.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * JSON values as plain Java: {@code Map<String, Object>} (objects, insertion-ordered), {@code List<Object>}
 * (arrays), {@code String}, {@code Boolean}, {@code Number} and {@code null}. Contracts exchange these instead of
 * Jackson or SDK types so that no bundle is tied to a JSON library.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * A deep, unmodifiable copy of a JSON value.
     *
     * @throws IllegalArgumentException naming the path of a value that is not JSON (a Java object, a map with a
     *                                  non-string key, a non-finite number)
     */
    public static Object immutableCopy(Object value) {
        return copy(value, "$");
    }

    /** A deep, unmodifiable copy of a JSON object; {@code null} becomes the empty object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> immutableObject(Map<String, ?> value) {
        if (value == null) {
            return Map.of();
        }
        return (Map<String, Object>) copy(value, "$");
    }

    private static Object copy(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof FrozenMap
                || value instanceof FrozenList) {
            return value; // frozen values are deeply immutable already: no need to copy them again
        }
        if (value instanceof Number) {
            return checkNumber((Number) value, path);
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings at " + path + ", was "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName()));
                }
                String key = (String) e.getKey();
                out.put(key, copy(e.getValue(), path + "." + key));
            }
            return new FrozenMap(out);
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(copy(list.get(i), path + "[" + i + "]"));
            }
            return new FrozenList(out);
        }
        throw new IllegalArgumentException("not a JSON value at " + path + ": " + value.getClass().getSimpleName());
    }

    private static Number checkNumber(Number n, String path) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON numbers must be finite at " + path + ", was " + d);
            }
            return n;
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal) {
            return n;
        }
        // Atomic and other mutable Number types are copied to an immutable one.
        return new BigDecimal(n.toString());
    }

    /** The string at {@code key}, or {@code fallback} if absent or not a string. */
    public static String string(Map<String, ?> object, String key, String fallback) {
        Object v = object.get(key);
        return v instanceof String ? (String) v : fallback;
    }

    /** The number at {@code key} as a long, or {@code fallback} if absent or not a number. */
    public static long longValue(Map<String, ?> object, String key, long fallback) {
        Object v = object.get(key);
        return v instanceof Number ? ((Number) v).longValue() : fallback;
    }

    /**
     * The JSON Schema type name of a JSON value: {@code null}, {@code string}, {@code boolean}, {@code integer}
     * (whole numbers, whatever their Java type: {@code 2.0} is one), {@code number}, {@code object} or
     * {@code array}.
     *
     * @throws IllegalArgumentException if the value is not JSON (a Java object)
     */
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

    /** A deeply immutable JSON object: made only by {@link #copy}, so its values are frozen too. */
    private static final class FrozenMap extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        FrozenMap(Map<String, Object> map) {
            this.map = map;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(map).entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }

    /** A deeply immutable JSON array. */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
        private final List<Object> list;

        FrozenList(List<Object> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    /**
     * JSON equality: numbers by value whatever their Java types ({@code 2 == 2L == 2.0}), objects by entries, arrays
     * element by element.
     */
    public static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return compareNumbers((Number) a, (Number) b) == 0;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Compares two numbers by value, whatever their Java types. */
    public static int compareNumbers(Number a, Number b) {
        return decimal(a).compareTo(decimal(b));
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(Double.toString(n.doubleValue()));
        }
        return new BigDecimal(n.toString());
    }
}
