package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.mcp.core.Attempts;
import dev.autonomy.mcp.core.PolicyExperiment;
import dev.autonomy.mcp.core.ToolPolicies;
import dev.autonomy.mcp.core.ToolPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The policy configurations, operator's and autonomy's, and each tool's policy resolved from them; resolved once
 * per tool and configuration generation, not on every call.
 */
final class PolicyBook {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyBook.class);

    /** The policy one call runs under, and what its request event says about the experiment, if any. */
    record Choice(ToolPolicy policy, Map<String, Object> eventData) {
    }

    /** A tool's resolved policy; with an experiment, also the operator's policy for the holdout. */
    private record Resolved(long generation, ToolPolicies.Resolution resolution, ToolPolicy operatorOnly,
                            Optional<PolicyExperiment> experiment) {

        Choice choose(String requestId) {
            if (experiment.isEmpty()) {
                return new Choice(resolution.policy(), Map.of());
            }
            boolean holdout = experiment.get().holdout(requestId);
            Map<String, Object> data = new LinkedHashMap<>(4);
            data.put(SessionEventTypes.EXPERIMENT, experiment.get().name());
            data.put(SessionEventTypes.VARIANT, holdout ? SessionEventTypes.VARIANT_HOLDOUT
                    : SessionEventTypes.VARIANT_TREATMENT);
            return new Choice(holdout ? operatorOnly : resolution.policy(), data);
        }
    }

    private final Map<Long, Engine.ConfigLayer> layers = new ConcurrentHashMap<>();
    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();
    /** Bumped on every configuration change; a resolution of an older generation is stale. */
    private final AtomicLong generation = new AtomicLong();
    private volatile long defaultTimeoutMs;

    PolicyBook(long defaultTimeoutMs) {
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    void defaultTimeoutMs(long timeoutMs) {
        defaultTimeoutMs = timeoutMs;
        generation.incrementAndGet();
    }

    void put(long id, Engine.ConfigLayer layer) {
        layers.put(id, layer);
        generation.incrementAndGet();
    }

    void remove(long id) {
        layers.remove(id);
        generation.incrementAndGet();
    }

    ToolPolicies.Resolution resolution(String tool) {
        return current(tool).resolution();
    }

    Choice choose(String tool, String requestId) {
        return current(tool).choose(requestId);
    }

    /** {@link Attempts#deadlineMs} of the tool's call, whichever variant of an experiment it runs under. */
    long deadlineMs(String tool) {
        Resolved r = current(tool);
        return Math.max(Attempts.deadlineMs(r.resolution().policy()), Attempts.deadlineMs(r.operatorOnly()));
    }

    private Resolved current(String tool) {
        // Read the generation first: a change while resolving leaves a stale generation, so the next call
        // resolves again instead of keeping an outdated policy.
        long g = generation.get();
        Resolved r = resolved.get(tool);
        if (r == null || r.generation() != g) {
            r = resolve(tool, g);
            resolved.put(tool, r);
        }
        return r;
    }

    private Resolved resolve(String tool, long g) {
        Optional<Map<String, ?>> wildcard = Optional.empty();
        Optional<Map<String, ?>> operator = Optional.empty();
        Optional<Map<String, ?>> autonomy = Optional.empty();
        for (Engine.ConfigLayer c : layers.values()) {
            if (c.autonomy()) {
                if (c.tool().equals(tool)) {
                    autonomy = Optional.of(c.properties());
                }
            } else if (c.tool().equals("*")) {
                wildcard = Optional.of(c.properties());
            } else if (c.tool().equals(tool)) {
                operator = Optional.of(c.properties());
            }
        }
        ToolPolicy defaults = ToolPolicy.DEFAULTS.withTimeoutMs(defaultTimeoutMs);
        ToolPolicies.Resolution r = ToolPolicies.resolve(defaults, wildcard, operator, autonomy);
        if (!r.diagnostics().isEmpty()) {
            LOG.warn("Policy of tool {}: {}", tool, String.join("; ", r.diagnostics()));
        }
        Optional<PolicyExperiment> experiment = autonomy.flatMap(PolicyExperiment::of);
        // the holdout: autonomy's override without the experiment's keys (or the operator's policy alone)
        Optional<Map<String, ?>> baseline = experiment.isEmpty() ? Optional.empty()
                : experiment.get().baseline(autonomy.get()).map(m -> (Map<String, ?>) m);
        ToolPolicy operatorOnly = experiment.isEmpty() ? r.policy()
                : ToolPolicies.resolve(defaults, wildcard, operator, baseline).policy();
        return new Resolved(g, r, operatorOnly, experiment);
    }
}
