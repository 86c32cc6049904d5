package dev.autonomy.learning.store;

import dev.autonomy.learning.core.ExperienceKind;
import dev.autonomy.learning.core.LearningExperience;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiences as compact bytes (format 1): a format byte, the time, the session (first, so that retention and
 * {@code forgetSession} read only the head), then the other fields; strings as a varint length and UTF-8; the
 * feature map as tagged JSON values; zero fingerprints and propensities take one byte. About 160 bytes for a typical
 * request experience with UUID session and request ids (72 of them).
 *
 * <p>An encoder reuses its buffer and a decoder keeps a small cache of the strings it has seen (providers,
 * outcomes and error classes repeat), so decoding a million experiences does not keep a million copies of
 * {@code "tool:text_word_count"}. Neither is thread-safe.
 */
final class ExperienceCodec {

    static final byte FORMAT = 1;

    private static final int T_NULL = 0;
    private static final int T_FALSE = 1;
    private static final int T_TRUE = 2;
    private static final int T_LONG = 3;
    private static final int T_DOUBLE = 4;
    private static final int T_STRING = 5;
    private static final int T_LIST = 6;
    private static final int T_MAP = 7;
    private static final int T_DECIMAL = 8;

    /** The head of an encoded experience: what retention and session deletion need. */
    record Head(long epochMillis, String sessionId) {
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    // ------------------------------------------------------------------------------------------------ encoding

    static final class Encoder {
        private byte[] buf = new byte[256];
        private int pos;

        byte[] encode(LearningExperience x) {
            pos = 0;
            put(FORMAT);
            putVarlong(zigzag(x.time().getEpochSecond()));
            putVarint(x.time().getNano());
            putString(x.sessionId());
            putString(x.requestId());
            put((byte) x.kind().code());
            putString(x.provider());
            putString(x.capability());
            putString(x.outcome());
            putString(x.errorClass());
            putVarlong(x.latencyMicros() + 1); // -1 → 0
            putVarlong(x.inputBytes() + 1L);
            putOptionalLong(x.inputFingerprint());
            putValue(x.inputFeatures());
            put((byte) x.rating());
            putOptionalLong(x.propensity() == 0 ? 0 : Double.doubleToRawLongBits(x.propensity()));
            putVarint(x.candidates().size());
            for (String c : x.candidates()) {
                putString(c);
            }
            return Arrays.copyOf(buf, pos);
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        private void put(byte b) {
            ensure(1);
            buf[pos++] = b;
        }

        private void putLong(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        /** 0 as one byte, anything else as a marker and eight bytes (fingerprints are random: no varint). */
        private void putOptionalLong(long v) {
            if (v == 0) {
                put((byte) 0);
            } else {
                put((byte) 1);
                putLong(v);
            }
        }

        private void putVarint(int v) {
            putVarlong(v & 0xffffffffL);
        }

        private void putVarlong(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                buf[pos++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        private void putString(String s) {
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (ascii) {
                putVarint(n);
                ensure(n);
                for (int i = 0; i < n; i++) {
                    buf[pos++] = (byte) s.charAt(i);
                }
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                putVarint(b.length);
                ensure(b.length);
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
            }
        }

        private void putValue(Object v) {
            if (v == null) {
                put((byte) T_NULL);
            } else if (v instanceof Boolean) {
                put((byte) ((Boolean) v ? T_TRUE : T_FALSE));
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                put((byte) T_LONG);
                putVarlong(zigzag(((Number) v).longValue()));
            } else if (v instanceof Double || v instanceof Float) {
                put((byte) T_DOUBLE);
                putLong(Double.doubleToRawLongBits(((Number) v).doubleValue()));
            } else if (v instanceof BigDecimal || v instanceof BigInteger) {
                put((byte) T_DECIMAL);
                putString(v.toString());
            } else if (v instanceof String) {
                put((byte) T_STRING);
                putString((String) v);
            } else if (v instanceof List) {
                List<?> l = (List<?>) v;
                put((byte) T_LIST);
                putVarint(l.size());
                for (Object o : l) {
                    putValue(o);
                }
            } else if (v instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) v;
                put((byte) T_MAP);
                putVarint(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    putString((String) e.getKey());
                    putValue(e.getValue());
                }
            } else {
                throw new IllegalArgumentException("not a JSON value: " + v.getClass().getSimpleName());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ decoding

    static final class Decoder {
        private static final int CACHE_LIMIT = 4096;
        private final Map<String, String> strings = new HashMap<>();
        private byte[] buf;
        private int pos;

        LearningExperience decode(long sequence, byte[] bytes) {
            buf = bytes;
            pos = 0;
            int format = buf[pos++];
            if (format != FORMAT) {
                throw new IllegalStateException("experience " + sequence + " has unknown format " + format);
            }
            Instant time = Instant.ofEpochSecond(unzigzag(getVarlong()), getVarint());
            String sessionId = getString(true);
            String requestId = getString(false);
            ExperienceKind kind = ExperienceKind.ofCode(buf[pos++]);
            String provider = getString(true);
            String capability = getString(true);
            String outcome = getString(true);
            String errorClass = getString(true);
            long latency = getVarlong() - 1;
            int inputBytes = (int) (getVarlong() - 1);
            long fingerprint = getOptionalLong();
            @SuppressWarnings("unchecked")
            Map<String, Object> features = (Map<String, Object>) getValue();
            int rating = buf[pos++];
            long propensityBits = getOptionalLong();
            double propensity = propensityBits == 0 ? 0 : Double.longBitsToDouble(propensityBits);
            int n = getVarint();
            List<String> candidates = n == 0 ? List.of() : new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                candidates.add(getString(true));
            }
            return new LearningExperience(sequence, time, sessionId, requestId, kind, provider, capability, outcome,
                    errorClass, latency, inputBytes, fingerprint, features, rating, propensity, candidates);
        }

        Head head(byte[] bytes) {
            buf = bytes;
            pos = 1;
            long seconds = unzigzag(getVarlong());
            int nanos = getVarint();
            return new Head(seconds * 1000 + nanos / 1_000_000, getString(false));
        }

        private long getLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xff);
            }
            return v;
        }

        /** Whether the encoded experience belongs to {@code sessionId}, without decoding more than the head. */
        boolean sessionIs(byte[] bytes, String sessionId) {
            buf = bytes;
            pos = 1;
            getVarlong();
            getVarlong();
            int n = getVarint();
            if (n != sessionId.length()) {
                // ASCII ids have as many bytes as chars; for others compare the decoded string
                return n > sessionId.length() && new String(buf, pos, n, StandardCharsets.UTF_8).equals(sessionId);
            }
            for (int i = 0; i < n; i++) {
                char ch = sessionId.charAt(i);
                if (ch >= 0x80) {
                    return new String(buf, pos, n, StandardCharsets.UTF_8).equals(sessionId);
                }
                if (buf[pos + i] != (byte) ch) {
                    return false;
                }
            }
            return true;
        }

        private long getOptionalLong() {
            return buf[pos++] == 0 ? 0 : getLong();
        }

        private int getVarint() {
            return (int) getVarlong();
        }

        private long getVarlong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        private String getString(boolean shared) {
            int n = getVarint();
            if (n == 0) {
                return "";
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            if (!shared) {
                return s;
            }
            String cached = strings.get(s);
            if (cached != null) {
                return cached;
            }
            if (strings.size() >= CACHE_LIMIT) {
                strings.clear();
            }
            strings.put(s, s);
            return s;
        }

        private Object getValue() {
            int tag = buf[pos++];
            switch (tag) {
                case T_NULL:
                    return null;
                case T_FALSE:
                    return Boolean.FALSE;
                case T_TRUE:
                    return Boolean.TRUE;
                case T_LONG:
                    return unzigzag(getVarlong());
                case T_DOUBLE:
                    return Double.longBitsToDouble(getLong());
                case T_DECIMAL:
                    return new BigDecimal(getString(false));
                case T_STRING:
                    return getString(true);
                case T_LIST: {
                    int n = getVarint();
                    List<Object> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(getValue());
                    }
                    return l;
                }
                case T_MAP: {
                    int n = getVarint();
                    if (n == 0) {
                        return Map.of();
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        String k = getString(true);
                        m.put(k, getValue());
                    }
                    return m;
                }
                default:
                    throw new IllegalStateException("damaged experience: unknown value tag " + tag);
            }
        }
    }
}
