package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.value.JsonText;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON text of a value (object keys sorted, no whitespace): equal arguments give equal text, so it serves
 * as a cache key and as a size measure. Strings are written by {@link JsonText#quote}; the walk is its own, for
 * the sorting and the number form, and without {@link JsonText#write}'s nesting limit: whatever arguments the
 * transport accepted get a key.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String of(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            JsonText.quote((String) v, sb);
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Number) {
            Number n = (Number) v;
            double d = n.doubleValue();
            // 1 and 1.0 are the same JSON number
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append((long) d);
            } else {
                sb.append(n);
            }
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                JsonText.quote(String.valueOf(e.getKey()), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            List<?> list = (List<?>) v;
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(list.get(i), sb);
            }
            sb.append(']');
        } else {
            JsonText.quote(v.toString(), sb);
        }
    }
}
