package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of actionable knowledge: an insight about a target, with its evidence.
 *
 * @param insight  what was found
 * @param target   what it is about: {@code tool:x}, {@code agent:y}, {@code capability:z}
 * @param summary  in words, for people
 * @param detail   the figures behind it (immutable JSON)
 * @param evidence count, effect size, confidence
 */
public record Knowledge(Insight insight, String target, String summary, Map<String, Object> detail,
                        Evidence evidence) {

    /** The four kinds of knowledge of the seed. */
    public enum Category { OPTIMIZATION, USER_ADAPTATION, FAILURE_PREVENTION, SUCCESS_AMPLIFICATION }

    /** What was found, and which kind of knowledge it is. */
    public enum Insight {
        /** Identical calls repeat within the cache lifetime: a result cache would answer them. */
        CACHE_CANDIDATE(Category.OPTIMIZATION),
        /** Latency rose and stayed up. */
        LATENCY_REGRESSION(Category.OPTIMIZATION),
        /** A person rates the provider well. */
        PREFERRED_PROVIDER(Category.USER_ADAPTATION),
        /** A person rates the provider badly. */
        DISLIKED_PROVIDER(Category.USER_ADAPTATION),
        /** Transient failures (timeouts, busy, I/O) happen often enough that a retry would save calls. */
        TRANSIENT_FAILURES(Category.FAILURE_PREVENTION),
        /** Calls time out while successful calls are either close to the limit or far below it. */
        TIMEOUT_PRESSURE(Category.FAILURE_PREVENTION),
        /** The failure rate rose and stayed up. */
        FAILURE_REGRESSION(Category.FAILURE_PREVENTION),
        /** Inputs of one size class fail clearly more often than the provider's others. */
        FAILING_INPUT(Category.FAILURE_PREVENTION),
        /** Among the agents of a capability, one succeeds clearly more often: route more to it. */
        BEST_AGENT(Category.SUCCESS_AMPLIFICATION),
        /** A provider succeeds nearly always. */
        RELIABLE_PROVIDER(Category.SUCCESS_AMPLIFICATION);

        private final Category category;

        Insight(Category category) {
            this.category = category;
        }

        public Category category() {
            return category;
        }
    }

    public Knowledge {
        Objects.requireNonNull(insight, "insight");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        summary = summary == null ? "" : summary;
        detail = JsonValues.immutableObject(detail);
        Objects.requireNonNull(evidence, "evidence");
    }

    public Category category() {
        return insight.category();
    }

    /** As a JSON object (for tools and the context extension). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("insight", insight.name().toLowerCase(java.util.Locale.ROOT));
        m.put("category", category().name().toLowerCase(java.util.Locale.ROOT));
        m.put("target", target);
        m.put("summary", summary);
        m.put("evidence", evidence.toJson());
        m.put("detail", detail);
        return m;
    }
}
