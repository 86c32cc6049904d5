package dev.autonomy.creator.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.foundation.api.value.JsonValues;

/**
 * JSON over plain Java values ({@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Boolean},
 * {@code Number}, {@code null}) as the spec needs it: text and value equality from foundation-api's
 * {@link JsonText} and {@link JsonValues}, and JSON Pointers (RFC 6901).
 */
public final class Json {

    private Json() {
    }

    // ---------------------------------------------------------------- text (foundation-api's JsonText)

    /**
     * Parses JSON text: objects become insertion-ordered {@code LinkedHashMap}s, arrays {@code ArrayList}s,
     * integers {@code Long} (or {@code BigDecimal} past the range of a long), other numbers {@code Double}.
     *
     * @throws IllegalArgumentException naming the line and column of the first syntax error
     */
    public static Object parse(String text) {
        return JsonText.parse(text);
    }

    /** Compact JSON text of a value ({@link JsonText#write}). */
    public static String write(Object value) {
        return JsonText.write(value);
    }

    // ---------------------------------------------------------------- equality

    /**
     * JSON equality: objects by their entries (order ignored), arrays element by element, numbers by value
     * ({@code 2 == 2L == 2.0}), everything else with {@code equals}.
     */
    public static boolean equal(Object a, Object b) {
        return JsonValues.jsonEquals(a, b);
    }

    /** Compares two numbers by value, whatever their Java types. */
    public static int compareNumbers(Number a, Number b) {
        return JsonValues.compareNumbers(a, b);
    }

    // ---------------------------------------------------------------- JSON Pointer (RFC 6901)

    /**
     * Whether {@code pointer} is syntactically a JSON Pointer: empty (the whole value) or starting with '/', with
     * '~' only in the escapes {@code ~0} and {@code ~1}.
     */
    public static boolean isPointer(String pointer) {
        if (pointer.isEmpty()) {
            return true;
        }
        if (pointer.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~') {
                char n = i + 1 < pointer.length() ? pointer.charAt(i + 1) : ' ';
                if (n != '0' && n != '1') {
                    return false;
                }
            }
        }
        return true;
    }

    /** The unescaped reference tokens of a pointer ({@code "/a~1b/0"} → {@code ["a/b", "0"]}). */
    public static List<String> tokens(String pointer) {
        if (!isPointer(pointer)) {
            throw new IllegalArgumentException("not a JSON Pointer: \"" + pointer + "\"");
        }
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        for (String t : pointer.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /** Escapes one reference token ({@code "a/b"} → {@code "a~1b"}). */
    public static String escapeToken(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Whether a value exists at {@code pointer} in {@code root} (a value that is JSON null exists). */
    public static boolean has(Object root, String pointer) {
        return lookup(root, pointer) != MISSING;
    }

    /**
     * The value at {@code pointer} in {@code root}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static Object get(Object root, String pointer) {
        Object v = lookup(root, pointer);
        if (v == MISSING) {
            throw new IllegalArgumentException("no value at " + pointer);
        }
        return v;
    }

    private static final Object MISSING = new Object();

    private static Object lookup(Object root, String pointer) {
        Object current = root;
        for (String token : tokens(pointer)) {
            if (current instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) current;
                if (!map.containsKey(token)) {
                    return MISSING;
                }
                current = map.get(token);
            } else if (current instanceof List) {
                List<?> list = (List<?>) current;
                int index = arrayIndex(token);
                if (index < 0 || index >= list.size()) {
                    return MISSING;
                }
                current = list.get(index);
            } else {
                return MISSING;
            }
        }
        return current;
    }

    /** An RFC 6901 array index: digits without a leading zero; -1 when the token is not one. */
    private static int arrayIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(token);
    }
}
