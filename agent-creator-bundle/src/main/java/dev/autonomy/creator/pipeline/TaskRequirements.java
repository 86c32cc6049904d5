package dev.autonomy.creator.pipeline;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The capabilities a task (or the traffic so far) asked for. */
public record TaskRequirements(List<Requirement> capabilities) {

    /**
     * One required capability.
     *
     * @param capability the name asked for
     * @param inputShape field names and JSON types of the inputs seen (never values)
     * @param demand     how often it was asked for
     */
    public record Requirement(String capability, Map<String, Object> inputShape, int demand) {
        public Requirement {
            Objects.requireNonNull(capability, "capability");
            inputShape = JsonValues.immutableObject(inputShape);
        }
    }

    public TaskRequirements {
        capabilities = List.copyOf(capabilities);
    }
}
