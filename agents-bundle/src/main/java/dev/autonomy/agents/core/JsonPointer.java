package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON Pointer (RFC 6901) over JSON values as plain Java maps and lists. */
public final class JsonPointer {

    private JsonPointer() {
    }

    /** The outcome of a lookup: a JSON null that is there is {@code Found(null)}, not {@code Missing}. */
    public sealed interface Lookup permits Found, Missing {
    }

    public record Found(Object value) implements Lookup {
    }

    public record Missing(String reason) implements Lookup {
    }

    /** Why {@code pointer} is not a JSON Pointer, or empty if it is one. */
    public static Optional<String> syntaxError(String pointer) {
        if (pointer == null) {
            return Optional.of("a JSON Pointer must not be null");
        }
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            return Optional.of("JSON Pointer '" + pointer + "' must be empty or start with '/'");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~' && (i + 1 == pointer.length()
                    || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1'))) {
                return Optional.of("JSON Pointer '" + pointer + "' has '~' not followed by 0 or 1");
            }
        }
        return Optional.empty();
    }

    /** The reference tokens of {@code pointer}, unescaped ({@code ~1} is {@code /}, {@code ~0} is {@code ~}). */
    public static List<String> tokens(String pointer) {
        syntaxError(pointer).ifPresent(e -> {
            throw new IllegalArgumentException(e);
        });
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /** The value {@code pointer} refers to in {@code document}. */
    public static Lookup resolve(Object document, String pointer) {
        Optional<String> error = syntaxError(pointer);
        if (error.isPresent()) {
            return new Missing(error.get());
        }
        Object current = document;
        StringBuilder at = new StringBuilder();
        for (String token : tokens(pointer)) {
            if (current instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) current;
                if (!map.containsKey(token)) {
                    return new Missing("no field '" + token + "' at " + where(at));
                }
                current = map.get(token);
            } else if (current instanceof List) {
                List<?> list = (List<?>) current;
                if (!token.matches("0|[1-9][0-9]{0,9}")) {
                    return new Missing("'" + token + "' is not an array index at " + where(at));
                }
                long index = Long.parseLong(token);
                if (index >= list.size()) {
                    return new Missing("index " + token + " is past the end of the array at " + where(at) + " (size "
                            + list.size() + ")");
                }
                current = list.get((int) index);
            } else {
                return new Missing(capitalized(where(at)) + " is " + JsonValues.jsonType(current)
                        + ", not an object or array");
            }
            at.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return new Found(current);
    }

    private static String where(CharSequence at) {
        return at.length() == 0 ? "the root" : "'" + at + "'";
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
