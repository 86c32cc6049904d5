package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.function.Function;

/**
 * What a call came to: a result (the tool's, or an error result of the engine), or no such tool, which clients get
 * as a protocol error rather than a result.
 */
public sealed interface CallOutcome {

    /** {@code answered} of the result, else {@code unknown} of the missing tool. */
    <T> T fold(Function<ToolResult, T> answered, Function<UnknownTool, T> unknown);

    record Answered(ToolResult result) implements CallOutcome {
        @Override
        public <T> T fold(Function<ToolResult, T> answered, Function<UnknownTool, T> unknown) {
            return answered.apply(result);
        }
    }

    /** @param message what the client reads */
    record UnknownTool(String tool, String message) implements CallOutcome {
        @Override
        public <T> T fold(Function<ToolResult, T> answered, Function<UnknownTool, T> unknown) {
            return unknown.apply(this);
        }
    }
}
