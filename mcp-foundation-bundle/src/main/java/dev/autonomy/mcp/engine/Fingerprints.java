package dev.autonomy.mcp.engine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fingerprints of arguments: HMAC-SHA-256 under a key drawn at start, so a fingerprint cannot be inverted or
 * compared outside this run, even for short arguments.
 */
final class Fingerprints {

    private final ThreadLocal<Mac> mac;

    Fingerprints() {
        byte[] key = new SecureRandom().generateSeed(32);
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** 16 hex digits of the canonical JSON's HMAC. */
    String of(String canonicalJson) {
        byte[] h = mac.get().doFinal(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 8);
    }
}
