package dev.autonomy.creator.spec;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One capability of a generated agent: its schemas, the steps that compute it, and how its result is shaped.
 *
 * @param name         capability name ({@code Capability.NAME_PATTERN}), e.g. {@code text.shout}
 * @param description  what it does
 * @param inputSchema  JSON Schema of the input, {@code type: object}
 * @param outputSchema JSON Schema of the result
 * @param steps        run in order; each step's value lands in the state under its id
 * @param output       template of the result; when empty, the last step's value (wrapped as
 *                     {@code {"result": value}} when it is not a JSON object)
 */
public record CapabilitySpec(String name, String description, Map<String, Object> inputSchema,
                             Map<String, Object> outputSchema, List<Step> steps, Optional<Object> output) {

    public CapabilitySpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        inputSchema = JsonValues.immutableObject(inputSchema);
        outputSchema = JsonValues.immutableObject(outputSchema);
        steps = List.copyOf(steps);
        output = Objects.requireNonNull(output, "output").map(JsonValues::immutableCopy);
    }
}
