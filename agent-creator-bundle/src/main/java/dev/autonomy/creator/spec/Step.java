package dev.autonomy.creator.spec;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a capability. Its value lands in the state ({@code {"input": ..., "<step id>": value, ...}}) under
 * its id, where later steps reach it with JSON Pointers ({@code /r/text}) and templates ({@code "${/r/text}"}).
 * Step ids are unique within their capability.
 */
public sealed interface Step {

    /** Step ids: short, lower case, usable in Java names. */
    String ID_PATTERN = "[a-z][a-z0-9_]{0,30}";

    String id();

    /** A short label for generated comments and messages, e.g. {@code call text_reverse}. */
    String label();

    /**
     * Calls a declared tool with the rendered {@code args}; the value is the result's structured content, or
     * {@code {"text": <its text>}}. An error result fails the step.
     */
    record CallStep(String id, String tool, Object args) implements Step {
        public CallStep {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tool, "tool");
            args = JsonValues.immutableCopy(args);
        }

        @Override
        public String label() {
            return "call " + tool;
        }
    }

    /** Performs a capability through {@code agent_route} with the rendered {@code input}; value as for a call. */
    record RouteStep(String id, String capability, Object input) implements Step {
        public RouteStep {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(capability, "capability");
            input = JsonValues.immutableCopy(input);
        }

        @Override
        public String label() {
            return "route " + capability;
        }
    }

    /** The rendered template (any JSON value). */
    record TemplateStep(String id, Object template) implements Step {
        public TemplateStep {
            Objects.requireNonNull(id, "id");
            template = JsonValues.immutableCopy(template);
        }

        @Override
        public String label() {
            return "template";
        }
    }

    /** The value at a JSON Pointer into the state; a missing value fails the step. */
    record PointerStep(String id, String pointer) implements Step {
        public PointerStep {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(pointer, "pointer");
        }

        @Override
        public String label() {
            return "pointer " + pointer;
        }
    }

    /**
     * A regex over the rendered {@code from} text: with {@code replace}, the text with every match replaced
     * (Java replacement syntax, {@code $1} for groups); without, the list of every match of {@code group}.
     */
    record RegexStep(String id, Object from, String pattern, Optional<String> replace, Optional<Integer> group)
            implements Step {
        public RegexStep {
            Objects.requireNonNull(id, "id");
            from = JsonValues.immutableCopy(from);
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(replace, "replace");
            Objects.requireNonNull(group, "group");
        }

        @Override
        public String label() {
            return replace.isPresent() ? "regex replace" : "regex matches";
        }
    }

    /** Runs {@code then} when the condition holds, else {@code otherwise}; value of the last step run. */
    record BranchStep(String id, Condition condition, List<Step> then, List<Step> otherwise) implements Step {
        public BranchStep {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(condition, "condition");
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        @Override
        public String label() {
            return "if " + condition.pointer() + " " + condition.kind().jsonName();
        }
    }

    /** Runs {@code attempt}; if any of its steps fails, runs {@code fallback} instead. Value of the last step run. */
    record FallbackStep(String id, List<Step> attempt, List<Step> fallback) implements Step {
        public FallbackStep {
            Objects.requireNonNull(id, "id");
            attempt = List.copyOf(attempt);
            fallback = List.copyOf(fallback);
        }

        @Override
        public String label() {
            return "try, with fallback";
        }
    }

    /** Runs {@code steps} once per element of the array at {@code over}, bound at {@code /<as>}; value: the list. */
    record MapStep(String id, String over, String as, List<Step> steps) implements Step {
        public MapStep {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(over, "over");
            Objects.requireNonNull(as, "as");
            steps = List.copyOf(steps);
        }

        @Override
        public String label() {
            return "map " + over + " as " + as;
        }
    }

    /** The JSON property that names each kind, in the order the schema lists them. */
    List<String> KINDS = List.of("call", "route", "template", "pointer", "regex", "if", "try", "map");

    /** Keys a step of each kind may have besides {@code id}, its kind and {@code $comment}. */
    Map<String, List<String>> EXTRA_KEYS = Map.of(
            "call", List.of("args"), "route", List.of("input"), "template", List.of(), "pointer", List.of(),
            "regex", List.of(), "if", List.of("then", "else"), "try", List.of("fallback"), "map", List.of("as", "do"));
}
