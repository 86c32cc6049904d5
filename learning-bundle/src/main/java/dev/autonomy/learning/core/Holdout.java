package dev.autonomy.learning.core;

import java.nio.charset.StandardCharsets;

/**
 * Which units (requests) stay on the old behaviour while an adaptation is tested: a deterministic, stateless draw,
 * so that the component deciding at request time and the analysis afterwards agree without storing anything, also
 * across restarts.
 *
 * <p>Specification (for anyone who must reproduce it without this class): u = (mix64(fnv1a64(UTF-8 bytes of
 * {@code experimentId + "\n" + unitId})) &gt;&gt;&gt; 11) · 2<sup>−53</sup>; the unit is in the holdout iff
 * u &lt; share. fnv1a64 starts at 0xcbf29ce484222325 and multiplies by 0x100000001b3; mix64 is SplitMix64's
 * finalizer (xor-shift 30, × 0xbf58476d1ce4e5b9, xor-shift 27, × 0x94d049bb133111eb, xor-shift 31). With random
 * request ids this is an independent coin of probability {@code share} per request, which {@link SequentialTest}
 * relies on; a different experiment id gives an independent draw.
 */
public final class Holdout {

    private Holdout() {
    }

    /** Whether {@code unitId} is in the holdout of experiment {@code experimentId} with share {@code share}. */
    public static boolean isHoldout(String unitId, String experimentId, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("share must be in [0, 1), was " + share);
        }
        return uniform(unitId, experimentId) < share;
    }

    /** The unit's uniform draw in [0, 1) for the experiment. */
    public static double uniform(String unitId, String experimentId) {
        byte[] bytes = (experimentId + "\n" + unitId).getBytes(StandardCharsets.UTF_8);
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return (mix64(h) >>> 11) * 0x1.0p-53;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
