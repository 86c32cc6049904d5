package dev.autonomy.foundation.api.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads one configuration's properties (ConfigAdmin gives strings from {@code .cfg} files, numbers or arrays from
 * elsewhere) into values, one key at a time, so that one bad key never costs the others:
 * <ul>
 *   <li>absent (or blank) — the default (a key taken out of the file goes back to its default: the forms with a
 *       {@code dflt} and a {@code previous} value; the shorter forms use one value for both);</li>
 *   <li>out of range — clamped to the bound, with a warning: {@code runawayRollbacks: 0 is below 1; using 1};</li>
 *   <li>not parseable — the previous value, with a warning: {@code runawayRollbacks: 'three' is not a whole number;
 *       keeping 3}.</li>
 * </ul>
 * Not thread-safe: one reader per configuration update.
 */
public final class ConfigReader {

    private final Map<String, ?> properties;
    private final List<String> warnings = new ArrayList<>();

    public ConfigReader(Map<String, ?> properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** What was clamped or kept, one line per key, in the order read. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private Object raw(String key) {
        Object v = properties.get(key);
        if (v instanceof String && ((String) v).isBlank()) {
            return null;
        }
        return v;
    }

    /** A whole number within {@code min..max}; absent: {@code previous}. */
    public long number(String key, long previous, long min, long max) {
        return number(key, previous, previous, min, max);
    }

    /** A whole number within {@code min..max}; absent: {@code dflt}; not a number: {@code previous}. */
    public long number(String key, long dflt, long previous, long min, long max) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        long n;
        if (v instanceof Number && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())) {
            n = ((Number) v).longValue();
        } else {
            try {
                n = Long.parseLong(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                warnings.add(key + ": '" + v + "' is not a whole number; keeping " + previous);
                return previous;
            }
        }
        if (n < min) {
            warnings.add(key + ": " + n + " is below " + min + "; using " + min);
            return min;
        }
        if (n > max) {
            warnings.add(key + ": " + n + " is above " + max + "; using " + max);
            return max;
        }
        return n;
    }

    /** A whole number within {@code min..max} that fits an {@code int}; absent: {@code previous}. */
    public int integer(String key, int previous, int min, int max) {
        return (int) number(key, previous, previous, min, max);
    }

    /** A whole number within {@code min..max} that fits an {@code int}; absent: {@code dflt}. */
    public int integer(String key, int dflt, int previous, int min, int max) {
        return (int) number(key, dflt, previous, min, max);
    }

    /** A decimal number within {@code min..max}. */
    public double decimal(String key, double previous, double min, double max) {
        Object v = raw(key);
        if (v == null) {
            return previous;
        }
        double d;
        try {
            d = v instanceof Number ? ((Number) v).doubleValue() : Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (Double.isNaN(d)) {
            warnings.add(key + ": '" + v + "' is not a number; keeping " + previous);
            return previous;
        }
        if (d < min) {
            warnings.add(key + ": " + v + " is below " + min + "; using " + min);
            return min;
        }
        if (d > max) {
            warnings.add(key + ": " + v + " is above " + max + "; using " + max);
            return max;
        }
        return d;
    }

    /** {@code true} or {@code false}, case-insensitively. */
    public boolean flag(String key, boolean previous) {
        return flag(key, previous, previous);
    }

    /** As {@link #flag(String, boolean)}, absent: {@code dflt}. */
    public boolean flag(String key, boolean dflt, boolean previous) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        warnings.add(key + ": '" + v + "' is not true or false; keeping " + previous);
        return previous;
    }

    /** Text, trimmed. */
    public String text(String key, String previous) {
        Object v = raw(key);
        return v == null ? previous : String.valueOf(v).trim();
    }

    /** A list: an array, a collection, or one comma-separated string. */
    public List<String> list(String key, List<String> previous) {
        Object v = properties.get(key);
        if (v == null) {
            return previous;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof Object[]) {
            for (Object o : (Object[]) v) {
                split(String.valueOf(o), out);
            }
        } else if (v instanceof Collection) {
            for (Object o : (Collection<?>) v) {
                split(String.valueOf(o), out);
            }
        } else {
            split(String.valueOf(v), out);
        }
        return List.copyOf(out);
    }

    private static void split(String s, List<String> out) {
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
    }

    /**
     * A value made by {@code parser} from the key's text; when the parser throws {@link IllegalArgumentException},
     * the previous value with a warning that carries the parser's message.
     */
    public <T> T parsed(String key, T previous, Function<String, T> parser) {
        return parsed(key, previous, previous, parser);
    }

    /** As {@link #parsed(String, Object, Function)}, absent: {@code dflt}. */
    public <T> T parsed(String key, T dflt, T previous, Function<String, T> parser) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        try {
            return parser.apply(String.valueOf(v).trim());
        } catch (IllegalArgumentException e) {
            warnings.add(key + ": " + e.getMessage() + "; keeping the previous value");
            return previous;
        }
    }
}
