package dev.autonomy.creator.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link AgentSpecs#parse}: the spec, or every error found, each starting with the JSON Pointer of
 * the offending value ({@code /capabilities/0/steps/1/call: tool 'x' is not declared in /tools}).
 */
public record SpecParse(Optional<AgentSpec> spec, List<String> errors) {

    public SpecParse {
        Objects.requireNonNull(spec, "spec");
        errors = List.copyOf(errors);
        if (spec.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("a parse has either a spec or errors");
        }
    }

    public boolean ok() {
        return spec.isPresent();
    }
}
