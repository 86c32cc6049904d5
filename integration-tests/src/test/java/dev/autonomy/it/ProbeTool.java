package dev.autonomy.it;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.List;
import java.util.Map;

/** A tool for tests: a name, a behaviour and annotations. */
final class ProbeTool implements Tool {

    interface Behaviour {
        ToolResult call(ToolCall call) throws Exception;
    }

    static final Map<String, Object> TEXT_SCHEMA = Map.of("type", "object", "properties",
            Map.of("text", Map.of("type", "string")), "required", List.of("text"));
    static final Map<String, Object> ANY_SCHEMA = Map.of("type", "object");

    private final String name;
    private final Map<String, Object> schema;
    private final ToolAnnotations annotations;
    private final Behaviour behaviour;

    ProbeTool(String name, Map<String, Object> schema, ToolAnnotations annotations, Behaviour behaviour) {
        this.name = name;
        this.schema = schema;
        this.annotations = annotations;
        this.behaviour = behaviour;
    }

    static ProbeTool of(String name, Behaviour behaviour) {
        return new ProbeTool(name, ANY_SCHEMA, ToolAnnotations.DEFAULTS, behaviour);
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
