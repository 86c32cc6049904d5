package dev.autonomy.examples.texttools;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MCP tool {@code text_word_count}: counts the words, characters and lines of a text.
 *
 * <p>Publishing this class as a {@link Tool} service is all it takes: the foundation sees the service appear
 * (the OSGi whiteboard pattern) and offers the tool to every connected MCP client; when the bundle stops, the tool
 * disappears from their lists.
 */
@Component(service = Tool.class)
public final class WordCountTool implements Tool {

    /** JSON Schema of the arguments. The foundation validates every call against it before {@link #call} runs. */
    private static final Map<String, Object> INPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("text", Map.of("type", "string", "description", "The text to count")),
            "required", List.of("text"),
            "additionalProperties", false);

    /** JSON Schema of the structured result, so clients (and models) know its shape in advance. */
    private static final Map<String, Object> OUTPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "words", Map.of("type", "integer", "description", "Runs of non-whitespace characters"),
                    "characters", Map.of("type", "integer", "description", "Unicode code points"),
                    "lines", Map.of("type", "integer", "description", "Lines; a final line break adds none")),
            "required", List.of("words", "characters", "lines"));

    /**
     * Constructor injection: if the tool needed other services or configuration, they would be parameters here
     * (annotated with {@code @Reference}, or a configuration annotation type) and kept in final fields.
     */
    @Activate
    public WordCountTool() {
    }

    @Override
    public String name() {
        return "text_word_count";
    }

    @Override
    public String description() {
        return "Counts the words, characters (Unicode code points) and lines of a text.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return INPUT_SCHEMA;
    }

    @Override
    public Optional<Map<String, Object>> outputSchema() {
        return Optional.of(OUTPUT_SCHEMA);
    }

    /** Tags that agents and gap analysis use to find tools by what they can do. */
    @Override
    public Set<String> capabilities() {
        return Set.of("text", "count");
    }

    /** PURE: the result depends only on the arguments, so the foundation may cache it and retry the call. */
    @Override
    public ToolAnnotations annotations() {
        return ToolAnnotations.PURE.withTitle("Word count");
    }

    @Override
    public ToolResult call(ToolCall call) {
        // The schema made "text" a required string, so it is there; the fallback only keeps the code total.
        String text = call.stringArgument("text", "");
        Counts counts = count(text);
        // Structured content (matching OUTPUT_SCHEMA) for programs, plus a text rendering for models and people.
        Map<String, Object> structured = new LinkedHashMap<>(); // keeps this key order in the JSON
        structured.put("words", counts.words());
        structured.put("characters", counts.characters());
        structured.put("lines", counts.lines());
        return ToolResult.structured(structured,
                plural(counts.words(), "word") + ", " + plural(counts.characters(), "character") + ", "
                        + plural(counts.lines(), "line"));
    }

    /** The three counts of a text. */
    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    record Counts(int words, int characters, int lines) {
    }

    /** The counting itself: a pure function, easy to unit test without OSGi. */
    static Counts count(String text) {
        String trimmed = text.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        int characters = text.codePointCount(0, text.length());
        int lines = (int) text.lines().count(); // \n, \r\n and \r end a line; "" has no lines
        return new Counts(words, characters, lines);
    }
}
