package dev.autonomy.creator.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small readings of JSON Schemas (object schemas only), and sample values that satisfy them. */
public final class Schemas {

    /** {@code {type: object, properties: {text: {type: string}}, required: [text]}}. */
    public static final Map<String, Object> TEXT_OBJECT = Map.of("type", "object",
            "properties", Map.of("text", Map.of("type", "string")), "required", List.of("text"));

    private Schemas() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> schema) {
        Object p = schema.get("properties");
        return p instanceof Map ? (Map<String, Object>) p : Map.of();
    }

    public static List<String> required(Map<String, Object> schema) {
        Object r = schema.get("required");
        List<String> out = new ArrayList<>();
        if (r instanceof List) {
            for (Object o : (List<?>) r) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /** An input satisfying the schema's required properties, for generated tests. */
    public static Map<String, Object> sample(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> props = properties(schema);
        for (String name : required(schema)) {
            Object type = props.get(name) instanceof Map ? ((Map<?, ?>) props.get(name)).get("type") : "string";
            out.put(name, sampleOf(String.valueOf(type)));
        }
        return out;
    }

    private static Object sampleOf(String type) {
        switch (type) {
            case "integer":
                return 3L;
            case "number":
                return 1.5;
            case "boolean":
                return Boolean.TRUE;
            case "array":
                return List.of();
            case "object":
                return Map.of();
            default:
                return "Sample text 42";
        }
    }
}
