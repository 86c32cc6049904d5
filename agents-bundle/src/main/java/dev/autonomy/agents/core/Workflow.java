package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.foundation.api.value.JsonValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Workflows: steps run in order, each routed by capability; a step's input is its literal {@code input} plus the
 * fields it maps from the previous step's output with JSON Pointers ({@code map: {"text": "/upper"}}).
 */
public final class Workflow {

    private Workflow() {
    }

    /**
     * One step.
     *
     * @param number     1-based position
     * @param capability the capability to route to
     * @param input      literal input fields
     * @param map        target field of the input to a JSON Pointer into the previous step's output
     */
    public record Step(int number, String capability, Map<String, Object> input, Map<String, String> map) {
        public Step {
            Objects.requireNonNull(capability, "capability");
            input = JsonValues.immutableObject(input);
            map = Map.copyOf(map);
        }

        /** {@code step 2 (text.lower)}, for messages. */
        public String label() {
            return "step " + number + " (" + capability + ")";
        }
    }

    /** A workflow's steps, or why the arguments are not a workflow. */
    public sealed interface Plan permits Steps, Invalid {
    }

    public record Steps(List<Step> steps) implements Plan {
        public Steps {
            steps = List.copyOf(steps);
        }
    }

    public record Invalid(String reason) implements Plan {
    }

    /** A step's input, or why it could not be built. */
    public sealed interface StepInput permits Ready, Failed {
    }

    public record Ready(Map<String, Object> input) implements StepInput {
        public Ready {
            input = JsonValues.immutableObject(input);
        }
    }

    public record Failed(String reason) implements StepInput {
    }

    /** Reads and checks the {@code steps} argument: 1..{@code maxSteps} steps, valid pointers, no map in step 1. */
    public static Plan plan(Object stepsArgument, int maxSteps) {
        if (!(stepsArgument instanceof List)) {
            return new Invalid("steps must be an array of steps");
        }
        List<?> raw = (List<?>) stepsArgument;
        if (raw.isEmpty() || raw.size() > maxSteps) {
            return new Invalid("a workflow has 1.." + maxSteps + " steps, this one has " + raw.size());
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            int number = i + 1;
            if (!(raw.get(i) instanceof Map)) {
                return new Invalid("step " + number + " must be an object");
            }
            Map<?, ?> s = (Map<?, ?>) raw.get(i);
            Object capability = s.get("capability");
            if (!(capability instanceof String) || ((String) capability).isBlank()) {
                return new Invalid("step " + number + " needs a capability (a non-empty string)");
            }
            Object input = s.get("input");
            if (input != null && !(input instanceof Map)) {
                return new Invalid("step " + number + ": input must be an object");
            }
            Object mapArg = s.get("map");
            Map<String, String> map = new LinkedHashMap<>();
            if (mapArg != null) {
                if (!(mapArg instanceof Map)) {
                    return new Invalid("step " + number + ": map must be an object of field names to JSON Pointers");
                }
                for (Map.Entry<?, ?> e : ((Map<?, ?>) mapArg).entrySet()) {
                    String field = String.valueOf(e.getKey());
                    if (field.isEmpty() || !(e.getValue() instanceof String)) {
                        return new Invalid("step " + number + ": map needs non-empty field names and JSON Pointer "
                                + "strings");
                    }
                    Optional<String> error = JsonPointer.syntaxError((String) e.getValue());
                    if (error.isPresent()) {
                        return new Invalid("step " + number + ": map of '" + field + "': " + error.get());
                    }
                    map.put(field, (String) e.getValue());
                }
            }
            if (number == 1 && !map.isEmpty()) {
                return new Invalid("step 1 cannot map fields: there is no previous output");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> literal = input == null ? Map.of() : (Map<String, Object>) input;
            steps.add(new Step(number, (String) capability, literal, map));
        }
        return new Steps(steps);
    }

    /** The input of {@code step}: its literal input, with each mapped field set from {@code previousOutput}. */
    public static StepInput stepInput(Step step, Map<String, Object> previousOutput) {
        Map<String, Object> input = new LinkedHashMap<>(step.input());
        for (Map.Entry<String, String> e : step.map().entrySet()) {
            JsonPointer.Lookup found = JsonPointer.resolve(previousOutput, e.getValue());
            if (found instanceof JsonPointer.Missing) {
                return new Failed(step.label() + ": cannot map '" + e.getKey() + "' from '" + e.getValue()
                        + "' in the output of step " + (step.number() - 1) + ": "
                        + ((JsonPointer.Missing) found).reason());
            }
            input.put(e.getKey(), ((JsonPointer.Found) found).value());
        }
        return new Ready(input);
    }

    /** What a step passes on: the result's structured content, or {@code {text}} if it has none. */
    public static Map<String, Object> outputOf(ToolResult result) {
        return result.structuredContent().orElseGet(() -> Map.of("text", result.text()));
    }
}
