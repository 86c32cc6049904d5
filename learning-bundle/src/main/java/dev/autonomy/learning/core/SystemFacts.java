package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What adaptations must respect, gathered by the component: which tools may be retried or cached (their
 * annotations), their policies in force and the operator's bounds, and which agents offer each capability.
 *
 * @param tools              by tool name
 * @param agentsByCapability capability name to the ids of the agents offering it now
 */
public record SystemFacts(Map<String, ToolFacts> tools, Map<String, List<String>> agentsByCapability) {

    public static final SystemFacts EMPTY = new SystemFacts(Map.of(), Map.of());

    public SystemFacts {
        tools = Map.copyOf(tools);
        Map<String, List<String>> agents = new HashMap<>();
        agentsByCapability.forEach((k, v) -> agents.put(k, List.copyOf(v)));
        agentsByCapability = Map.copyOf(agents);
    }

    /**
     * One tool.
     *
     * @param annotations its annotations ({@link ToolAnnotations#idempotentHint()} permits retries,
     *                    {@link ToolAnnotations#cacheable()} a cache)
     * @param policy      the policy values in force, by {@link ToolPolicyKeys} key
     * @param min         the operator's lower bounds ({@code min.<key>}), by key
     * @param max         the operator's upper bounds ({@code max.<key>}), by key
     */
    public record ToolFacts(ToolAnnotations annotations, Map<String, Long> policy, Map<String, Long> min,
                            Map<String, Long> max) {

        public ToolFacts {
            Objects.requireNonNull(annotations, "annotations");
            policy = Map.copyOf(policy);
            min = Map.copyOf(min);
            max = Map.copyOf(max);
        }

        /** The value in force of a policy key, or {@code absent}. */
        public long current(String key, long absent) {
            return policy.getOrDefault(key, absent);
        }

        /** {@code value} within the operator's bounds of {@code key}. */
        public long clamp(String key, long value) {
            long v = value;
            Long hi = max.get(key);
            if (hi != null && v > hi) {
                v = hi;
            }
            Long lo = min.get(key);
            if (lo != null && v < lo) {
                v = lo;
            }
            return v;
        }
    }
}
