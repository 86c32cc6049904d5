package dev.autonomy.examples.texttools;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** MCP tool {@code text_reverse}: returns a text reversed, character by character (Unicode code points). */
@Component(service = Tool.class)
public final class ReverseTool implements Tool {

    /** JSON Schema of the arguments. The foundation validates every call against it before {@link #call} runs. */
    private static final Map<String, Object> INPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("text", Map.of("type", "string", "description", "The text to reverse")),
            "required", List.of("text"),
            "additionalProperties", false);

    /** Constructor injection: services this tool needs would be {@code @Reference} parameters here. */
    @Activate
    public ReverseTool() {
    }

    @Override
    public String name() {
        return "text_reverse";
    }

    @Override
    public String description() {
        return "Reverses a text by Unicode code points, so emoji and other non-BMP characters stay intact.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return INPUT_SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("text", "transform");
    }

    @Override
    public ToolAnnotations annotations() {
        return ToolAnnotations.PURE.withTitle("Reverse text");
    }

    @Override
    public ToolResult call(ToolCall call) {
        return ToolResult.text(reverse(call.stringArgument("text", "")));
    }

    /**
     * Reverses by code points. Reversing the {@code char}s would split a surrogate pair (an emoji is two
     * {@code char}s) into two invalid halves; {@link StringBuilder#reverse()} keeps each pair together.
     */
    static String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }
}
