package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.Map;

/** Tools for tests, made of a lambda. */
final class TestTools {

    @FunctionalInterface
    interface Body {
        ToolResult call(ToolCall call) throws Exception;
    }

    private TestTools() {
    }

    static Tool tool(String name, ToolAnnotations annotations, Map<String, Object> schema, Body body) {
        return new Tool() {
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
                return body.call(call);
            }
        };
    }
}
