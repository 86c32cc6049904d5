package dev.autonomy.learning.core;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Features of an input that may be learned from without keeping the input: its size class, its anonymous shape
 * (JSON types without field names) and keyed hashes of names — never its values. The shape of an input (field
 * names and JSON types) and the fingerprint of its arguments come from the foundation's events.
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
}
