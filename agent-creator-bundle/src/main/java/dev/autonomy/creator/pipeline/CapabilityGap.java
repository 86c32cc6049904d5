package dev.autonomy.creator.pipeline;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Map;
import java.util.Objects;

/**
 * A capability asked for that no agent offers.
 *
 * @param capability the missing capability
 * @param inputShape the inputs' field names and JSON types
 * @param demand     how often it was asked for
 * @param priority   higher first: demand, with a bonus when it can be composed from what exists
 */
public record CapabilityGap(String capability, Map<String, Object> inputShape, int demand, double priority) {
    public CapabilityGap {
        Objects.requireNonNull(capability, "capability");
        inputShape = JsonValues.immutableObject(inputShape);
    }
}
