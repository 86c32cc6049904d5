package dev.autonomy.examples.echoagents;

import dev.autonomy.foundation.api.agent.Capability;

import java.util.List;
import java.util.Map;

/** The JSON Schemas the example agents share: text in, text out. */
final class TextSchemas {

    private TextSchemas() {
    }

    /** Input: {@code {"text": "..."}}. The foundation rejects other input before the agent runs. */
    static final Map<String, Object> TEXT_IN = Map.of(
            "type", "object",
            "properties", Map.of("text", Map.of("type", "string", "description", "The text to transform")),
            "required", List.of("text"));

    /** Output: the structured content {@code {"text": "..."}}, which a workflow's next step can map from /text. */
    static final Map<String, Object> TEXT_OUT = Map.of(
            "type", "object",
            "properties", Map.of("text", Map.of("type", "string")),
            "required", List.of("text"));

    /** Capability {@code text.upper}: upper-cases a text. */
    static final Capability UPPER = new Capability("text.upper", "Upper-cases a text", TEXT_IN, TEXT_OUT);

    /** Capability {@code text.lower}: lower-cases a text. */
    static final Capability LOWER = new Capability("text.lower", "Lower-cases a text", TEXT_IN, TEXT_OUT);
}
