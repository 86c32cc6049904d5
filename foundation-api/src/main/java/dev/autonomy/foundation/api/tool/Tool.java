package dev.autonomy.foundation.api.tool;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An MCP tool, published as an OSGi service (the whiteboard pattern): the foundation lists every registered
 * {@code Tool} and removes it from clients' lists the moment its service goes away.
 *
 * <p>Calls may arrive concurrently. Arguments are validated against {@link #inputSchema()} before
 * {@link #call(ToolCall)} runs, so a tool sees only arguments that match its schema.
 */
@ConsumerType
public interface Tool {

    /**
     * Service property: {@code true} keeps the tool out of {@code tools/list} and away from clients; bundles can
     * still call it through {@link ToolInvoker} (e.g. agents when they are not exposed as tools).
     */
    String HIDDEN = "tool.hidden";

    /** Tool names users see: lower snake case, capability first ({@code text_word_count}). */
    Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Unique name, matching {@link #NAME_PATTERN}. */
    String name();

    /** What the tool does, for the model. */
    String description();

    /** JSON Schema (an object schema) of the arguments. */
    Map<String, Object> inputSchema();

    /** JSON Schema of {@link ToolResult#structuredContent()}, when the tool returns structured content. */
    default Optional<Map<String, Object>> outputSchema() {
        return Optional.empty();
    }

    /** Capability tags, e.g. {@code text}, {@code summarize}: used by agents and gap analysis. */
    default Set<String> capabilities() {
        return Set.of();
    }

    default ToolAnnotations annotations() {
        return ToolAnnotations.DEFAULTS;
    }

    /**
     * Runs the tool. Return {@link ToolResult#error(String)} for failures the caller can fix; an exception
     * becomes an "internal error" result with a reference to the log.
     */
    ToolResult call(ToolCall call) throws Exception;
}
