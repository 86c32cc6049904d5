package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The shape of an input: its field names and JSON types, never its values (which may be private). */
public final class InputShape {

    private InputShape() {
    }

    /** Field name to JSON type ({@code string}, {@code integer}, {@code number}, ...), sorted by name. */
    public static Map<String, String> of(Map<String, ?> input) {
        Map<String, String> shape = new TreeMap<>();
        input.forEach((k, v) -> shape.put(k, JsonValues.jsonType(v)));
        return Collections.unmodifiableMap(shape);
    }
}
