package dev.autonomy.learning.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a piece of knowledge or a verdict rests on.
 *
 * @param count      the observations it is based on
 * @param effectSize the size of the effect, in the unit of the insight (a rate, a difference of rates, a rating
 *                   difference, a latency ratio); positive = in the direction the insight claims
 * @param confidence how sure, in [0, 1]: the one-sided normal confidence Φ(z) that the effect is real, or
 *                   1 − (always-valid p-value) for verdicts of the sequential test
 */
public record Evidence(long count, double effectSize, double confidence) {

    public Evidence {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (Double.isNaN(effectSize) || Double.isInfinite(effectSize)) {
            throw new IllegalArgumentException("effectSize must be finite, was " + effectSize);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }

    /** As a JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("effectSize", effectSize);
        m.put("confidence", confidence);
        return m;
    }
}
