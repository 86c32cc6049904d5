package dev.autonomy.foundation.api.tool;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool returns. A failure the caller can act on (bad input, a missing resource) is a result with
 * {@code isError = true} and a readable message, not an exception; exceptions are for bugs and infrastructure.
 *
 * @param content           the blocks shown to the model
 * @param structuredContent optional JSON object matching the tool's output schema
 * @param isError           whether the call failed
 * @param meta              extra data returned in the result's {@code _meta} (namespaced keys)
 */
public record ToolResult(List<Content> content, Optional<Map<String, Object>> structuredContent, boolean isError,
                         Map<String, Object> meta) {

    public ToolResult {
        content = List.copyOf(Objects.requireNonNull(content, "content"));
        structuredContent = Objects.requireNonNull(structuredContent, "structuredContent")
                .map(JsonValues::immutableObject);
        meta = JsonValues.immutableObject(meta);
    }

    /** A successful text result. */
    public static ToolResult text(String text) {
        return new ToolResult(List.of(Content.text(text)), Optional.empty(), false, Map.of());
    }

    /** A successful result with structured content and its text rendering. */
    public static ToolResult structured(Map<String, ?> structured, String text) {
        return new ToolResult(List.of(Content.text(text)), Optional.of(JsonValues.immutableObject(structured)),
                false, Map.of());
    }

    /** A failed result with a readable message for the model or the user. */
    public static ToolResult error(String message) {
        return new ToolResult(List.of(Content.text(message)), Optional.empty(), true, Map.of());
    }

    /** This result with one more {@code _meta} entry. */
    public ToolResult withMeta(String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(meta);
        m.put(key, value);
        return new ToolResult(content, structuredContent, isError, m);
    }

    /** The concatenated text blocks, handy for logs and tests. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Content c : content) {
            if (c instanceof Content.Text) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(((Content.Text) c).text());
            }
        }
        return sb.toString();
    }
}
