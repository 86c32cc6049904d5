package dev.autonomy.benchmarks;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bare server's {@code text_word_count}: the same name, input and output schema, counting rule and result
 * (structured content plus a text rendering) as the example bundle's tool in
 * {@code examples/text-tools-bundle}, written directly against the MCP SDK.
 */
final class WordCountTool {

    static final String NAME = "text_word_count";

    private static final Map<String, Object> INPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("text", Map.of("type", "string", "description", "The text to count")),
            "required", List.of("text"),
            "additionalProperties", false);

    private static final Map<String, Object> OUTPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "words", Map.of("type", "integer", "description", "Runs of non-whitespace characters"),
                    "characters", Map.of("type", "integer", "description", "Unicode code points"),
                    "lines", Map.of("type", "integer", "description", "Lines; a final line break adds none")),
            "required", List.of("words", "characters", "lines"));

    private WordCountTool() {
    }

    static SyncToolSpecification specification() {
        Tool tool = Tool.builder(NAME)
                .title("Word count")
                .description("Counts the words, characters (Unicode code points) and lines of a text.")
                .inputSchema(INPUT_SCHEMA)
                .outputSchema(OUTPUT_SCHEMA)
                .annotations(new ToolAnnotations("Word count", true, false, true, false, null))
                .build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call(request))
                .build();
    }

    private static CallToolResult call(CallToolRequest request) {
        Object text = request.arguments().getOrDefault("text", "");
        String s = text instanceof String ? (String) text : "";
        String trimmed = s.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        int characters = s.codePointCount(0, s.length());
        int lines = (int) s.lines().count();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("words", words);
        structured.put("characters", characters);
        structured.put("lines", lines);
        return CallToolResult.builder()
                .structuredContent(structured)
                .addTextContent(plural(words, "word") + ", " + plural(characters, "character") + ", "
                        + plural(lines, "line"))
                .isError(false)
                .build();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
