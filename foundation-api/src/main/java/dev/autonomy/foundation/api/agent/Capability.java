package dev.autonomy.foundation.api.agent;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named thing an agent can do, with JSON Schemas of its input and output. Routing matches names exactly.
 */
public record Capability(String name, String description, Map<String, Object> inputSchema,
                         Map<String, Object> outputSchema) {

    public static final Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    public Capability {
        Objects.requireNonNull(name, "name");
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("capability name must match " + NAME_PATTERN + ", was '" + name + "'");
        }
        description = description == null ? "" : description;
        inputSchema = JsonValues.immutableObject(inputSchema);
        outputSchema = JsonValues.immutableObject(outputSchema);
    }
}
