package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tool made of a lambda: a name, an input schema, annotations and what a call does. Register it as a {@link Tool}
 * service in a container, or hand it to the code under test; {@link TestToolCall} is the call to give it directly.
 */
public final class TestTool implements Tool {

    /** What a call of the tool does. */
    @FunctionalInterface
    public interface Behaviour {
        ToolResult call(ToolCall call) throws Exception;
    }

    /** An object with one required string, {@code text}. */
    public static final Map<String, Object> TEXT_SCHEMA = Map.of("type", "object", "properties",
            Map.of("text", Map.of("type", "string")), "required", List.of("text"));
    /** Any object. */
    public static final Map<String, Object> ANY_SCHEMA = Map.of("type", "object");

    private final String name;
    private final Map<String, Object> schema;
    private final ToolAnnotations annotations;
    private final Behaviour behaviour;

    public TestTool(String name, Map<String, Object> schema, ToolAnnotations annotations, Behaviour behaviour) {
        this.name = Objects.requireNonNull(name, "name");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    }

    /** A tool taking any object, with default annotations. */
    public static TestTool of(String name, Behaviour behaviour) {
        return new TestTool(name, ANY_SCHEMA, ToolAnnotations.DEFAULTS, behaviour);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test tool " + name;
    }

    @Override
    public Map<String, Object> inputSchema() {
        return schema;
    }

    @Override
    public ToolAnnotations annotations() {
        return annotations;
    }

    @Override
    public ToolResult call(ToolCall call) throws Exception {
        return behaviour.call(call);
    }
}
