package dev.autonomy.learning.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Features of an input that may be learned from without keeping the input: its size class, its shape (field
 * names and JSON types) and a keyed fingerprint (equal arguments, equal fingerprint) — never its values.
 */
public final class InputFeatures {

    private InputFeatures() {
    }

    // --- keys of LearningExperience.inputFeatures
    public static final String SHAPE = "shape";
    public static final String ATTEMPTS = "attempts";
    public static final String CACHED = "cached";
    public static final String DEPTH = "depth";
    public static final String CLIENT = "client";
    public static final String RESULT_BYTES = "resultBytes";
    public static final String COMMENT = "comment";
    public static final String VERSION = "version";
    public static final String CAPABILITIES = "capabilities";
    public static final String DROPPED = "dropped";
    /** Of a capability gap, when raw values are not kept: how many input fields it had. */
    public static final String FIELDS = "fields";
    /** Of a capability gap, when raw values are not kept: JSON type to how many fields had it. */
    public static final String FIELD_TYPES = "fieldTypes";
    /** The foundation's policy experiment the request ran under (its autonomy override with a holdout). */
    public static final String EXPERIMENT = "experiment";
    /** With {@link #EXPERIMENT}: {@code treatment} or {@code holdout}, as the foundation assigned it. */
    public static final String VARIANT = "variant";

    /** Size classes of inputs, by powers of 16: the feature patterns are bucketed by. */
    public static final List<String> SIZE_CLASSES = List.of("<256B", "<4KiB", "<64KiB", ">=64KiB");
    /** Index of the pseudo size class "unknown" (inputBytes = -1) in the analysis' arrays. */
    static final int UNKNOWN_SIZE = 4;
    static final String UNKNOWN_SIZE_NAME = "unknown";
    /** Label of a row that sums all size classes. */
    public static final String ALL = "*";

    /** Index of the size class of {@code bytes} (4 = unknown, for -1). */
    public static int sizeClass(int bytes) {
        if (bytes < 0) {
            return UNKNOWN_SIZE;
        }
        if (bytes < 256) {
            return 0;
        }
        if (bytes < 4096) {
            return 1;
        }
        return bytes < 65536 ? 2 : 3;
    }

    /** The name of a size class index. */
    public static String sizeClassName(int index) {
        return index == UNKNOWN_SIZE ? UNKNOWN_SIZE_NAME : SIZE_CLASSES.get(index);
    }

    /** Field name to JSON type ({@code string}, {@code integer}, {@code number}, ...), sorted by name. */
    public static Map<String, String> shape(Map<String, ?> input) {
        Map<String, String> shape = new TreeMap<>();
        input.forEach((k, v) -> shape.put(k, jsonType(v)));
        return Collections.unmodifiableMap(shape);
    }

    /**
     * The shape of an input without its field names: how many fields, and how many of each JSON type (sorted by
     * type). What a capability gap keeps when raw values are not kept.
     */
    public static Map<String, Object> anonymousShape(Map<?, ?> shape) {
        Map<String, Long> types = new TreeMap<>();
        long fields = 0;
        for (Object type : shape.values()) {
            fields++;
            types.merge(type instanceof String ? (String) type : "unknown", 1L, Long::sum);
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put(FIELDS, fields);
        out.put(FIELD_TYPES, Collections.unmodifiableMap(types));
        return out;
    }

    /**
     * A keyed hash of a name (HMAC-SHA-256 under a per-installation secret, the first 8 bytes as 16 hex digits):
     * equal names give equal hashes, so repeated capability gaps still group, but the name cannot be read back, nor
     * checked against guesses without the key.
     */
    public static String keyedHash(byte[] key, String name) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e, e);
        }
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

    /**
     * A keyed 64-bit fingerprint of JSON arguments: the first 8 bytes of SHA-256(salt ‖ canonical JSON), where the
     * canonical JSON sorts object keys and writes integral numbers without a fraction (so 3 and 3.0 agree). Equal
     * arguments give equal fingerprints under one salt; without the salt (a per-installation secret) a fingerprint
     * cannot be checked against guessed values. Never 0 (0 means "unknown").
     */
    public static long fingerprint(Map<String, ?> arguments, long salt) {
        StringBuilder sb = new StringBuilder(64);
        canonical(arguments, sb);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        for (int i = 0; i < 8; i++) {
            sha.update((byte) (salt >>> (8 * i)));
        }
        byte[] d = sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h == 0 ? 1 : h;
    }

    private static void canonical(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            quote((String) v, sb);
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Number) {
            number((Number) v, sb);
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(e.getKey(), sb);
                sb.append(':');
                canonical(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                canonical(x, sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getSimpleName());
        }
    }

    private static void number(Number n, StringBuilder sb) {
        BigDecimal d;
        if (n instanceof BigDecimal) {
            d = (BigDecimal) n;
        } else if (n instanceof BigInteger) {
            d = new BigDecimal((BigInteger) n);
        } else if (n instanceof Double || n instanceof Float) {
            double x = n.doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("JSON numbers must be finite, was " + x);
            }
            d = BigDecimal.valueOf(x);
        } else {
            d = BigDecimal.valueOf(n.longValue());
        }
        d = d.stripTrailingZeros();
        sb.append(d.scale() <= 0 ? d.toBigIntegerExact().toString() : d.toPlainString());
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
