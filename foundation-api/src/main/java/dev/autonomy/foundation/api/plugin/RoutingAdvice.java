package dev.autonomy.foundation.api.plugin;

import java.util.Map;
import java.util.Objects;

/**
 * Advice to the agent router: relative weights of the providers (agent ids) of a capability. Weights are
 * non-negative; the router normalizes them.
 */
public record RoutingAdvice(String capability, Map<String, Double> weights) {

    public RoutingAdvice {
        Objects.requireNonNull(capability, "capability");
        weights = Map.copyOf(weights);
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            double w = e.getValue();
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight of " + e.getKey() + " must be finite and >= 0, was " + w);
            }
        }
    }
}
