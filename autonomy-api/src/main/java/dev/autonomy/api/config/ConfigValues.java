package dev.autonomy.api.config;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Configuration properties as JSON values that come back exactly: a JSON number loses whether it was an {@code
 * Integer} or a {@code Long}, so each value that is not a {@code String}, {@code Boolean}, {@code Long} or {@code
 * Double} is written with its type. Example: {@code {retries=2 (Integer), timeoutMs=1500 (Long)}} becomes {@code
 * {"values": {"retries": 2, "timeoutMs": 1500}, "types": {"retries": "Integer"}}}, and back.
 *
 * <p>Supported: {@code String}, {@code Boolean}, {@code Character}, {@code Byte}, {@code Short}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, and arrays of these (boxed or primitive). Anything else is refused with
 * an error naming the key, so that nothing is restored differently from how it was.
 */
public final class ConfigValues {

    static final String VALUES = "values";
    static final String TYPES = "types";

    private ConfigValues() {
    }

    /**
     * The properties that are the configuration's content: without those ConfigAdmin, FileInstall or SCR add
     * ({@code service.*}, {@code felix.*}, {@code component.*}).
     */
    public static Map<String, Object> own(Map<String, ?> properties) {
        Map<String, Object> out = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("felix.") && !k.startsWith("component.") && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The properties as JSON values with their types (see the class comment). */
    public static Map<String, Object> toJson(Map<String, ?> properties) {
        Map<String, Object> values = new TreeMap<>();
        Map<String, Object> types = new TreeMap<>();
        properties.forEach((k, v) -> {
            Objects.requireNonNull(v, () -> "property " + k + " is null");
            String type = typeOf(k, v);
            if (!type.equals("String") && !type.equals("Boolean") && !type.equals("Long") && !type.equals("Double")) {
                types.put(k, type);
            }
            values.put(k, v.getClass().isArray() ? list(v) : v instanceof Character ? v.toString() : v);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(VALUES, values);
        out.put(TYPES, types);
        return out;
    }

    /** The properties that {@link #toJson} wrote, with their types. */
    public static Map<String, Object> fromJson(Map<String, ?> json) {
        Object values = json.get(VALUES);
        Object types = json.get(TYPES);
        if (!(values instanceof Map) || types != null && !(types instanceof Map)) {
            throw new IllegalArgumentException("configuration values must be {values: {...}, types: {...}}");
        }
        Map<?, ?> t = types == null ? Map.of() : (Map<?, ?>) types;
        Map<String, Object> out = new TreeMap<>();
        ((Map<?, ?>) values).forEach((k, v) -> {
            String key = String.valueOf(k);
            Object type = t.get(key);
            out.put(key, value(key, v, type instanceof String ? (String) type : null));
        });
        return out;
    }

    /**
     * A JSON number as ConfigAdmin takes an untyped one: {@code Long} when it is whole, else {@code Double} (JSON
     * hands numbers back as Integer, Long, Double or BigDecimal).
     */
    public static Number configNumber(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        BigDecimal d = new BigDecimal(n.toString());
        try {
            return d.longValueExact();
        } catch (ArithmeticException notWhole) {
            return d.doubleValue();
        }
    }

    private static String typeOf(String key, Object v) {
        Class<?> c = v.getClass();
        if (c.isArray()) {
            Class<?> e = c.getComponentType();
            String name = e.isPrimitive() ? e.getName() : e.getSimpleName();
            if (e.isPrimitive() || scalar(e)) {
                return name + "[]";
            }
        } else if (scalar(c)) {
            return c.getSimpleName();
        }
        throw new IllegalArgumentException("property " + key + " has a type that cannot be restored exactly: "
                + c.getSimpleName());
    }

    private static boolean scalar(Class<?> c) {
        return c == String.class || c == Boolean.class || c == Character.class || c == Byte.class || c == Short.class
                || c == Integer.class || c == Long.class || c == Float.class || c == Double.class;
    }

    private static List<Object> list(Object array) {
        int n = Array.getLength(array);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object e = Array.get(array, i);
            out.add(e instanceof Character ? e.toString() : e);
        }
        return out;
    }

    private static Object value(String key, Object v, String type) {
        if (type != null && type.endsWith("[]")) {
            if (!(v instanceof List)) {
                throw new IllegalArgumentException("property " + key + " of type " + type + " is not a list");
            }
            String element = type.substring(0, type.length() - 2);
            Class<?> c = elementClass(key, element);
            List<?> items = (List<?>) v;
            Object array = Array.newInstance(c, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, scalar(key, items.get(i), boxed(element)));
            }
            return array;
        }
        return scalar(key, v, type);
    }

    private static Object scalar(String key, Object v, String type) {
        if (type == null) { // String, Boolean, Long or Double
            if (v instanceof Number) {
                return configNumber((Number) v);
            }
            if (v instanceof String || v instanceof Boolean) {
                return v;
            }
            throw new IllegalArgumentException("property " + key + " is not a configuration value: " + v);
        }
        if (type.equals("Character") && v instanceof String && ((String) v).length() == 1) {
            return ((String) v).charAt(0);
        }
        if (!(v instanceof Number) && !type.equals("String") && !type.equals("Boolean")) {
            throw new IllegalArgumentException("property " + key + " of type " + type + " is not a number: " + v);
        }
        switch (type) {
            case "String":
            case "Boolean":
                return v;
            case "Byte":
                return ((Number) v).byteValue();
            case "Short":
                return ((Number) v).shortValue();
            case "Integer":
                return ((Number) v).intValue();
            case "Long":
                return ((Number) v).longValue();
            case "Float":
                return ((Number) v).floatValue();
            case "Double":
                return ((Number) v).doubleValue();
            default:
                throw new IllegalArgumentException("property " + key + " has an unknown type " + type);
        }
    }

    private static String boxed(String element) {
        switch (element) {
            case "boolean":
                return "Boolean";
            case "char":
                return "Character";
            case "byte":
                return "Byte";
            case "short":
                return "Short";
            case "int":
                return "Integer";
            case "long":
                return "Long";
            case "float":
                return "Float";
            case "double":
                return "Double";
            default:
                return element;
        }
    }

    private static Class<?> elementClass(String key, String element) {
        switch (element) {
            case "boolean":
                return boolean.class;
            case "char":
                return char.class;
            case "byte":
                return byte.class;
            case "short":
                return short.class;
            case "int":
                return int.class;
            case "long":
                return long.class;
            case "float":
                return float.class;
            case "double":
                return double.class;
            case "String":
                return String.class;
            case "Boolean":
                return Boolean.class;
            case "Character":
                return Character.class;
            case "Byte":
                return Byte.class;
            case "Short":
                return Short.class;
            case "Integer":
                return Integer.class;
            case "Long":
                return Long.class;
            case "Float":
                return Float.class;
            case "Double":
                return Double.class;
            default:
                throw new IllegalArgumentException("property " + key + " has an unknown element type " + element);
        }
    }
}
