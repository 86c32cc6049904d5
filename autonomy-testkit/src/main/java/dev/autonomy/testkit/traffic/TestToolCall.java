package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.ToolCall;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A tool call made directly, outside the foundation: its arguments and a context with only this request. */
public record TestToolCall(Map<String, Object> arguments, Context context) implements ToolCall {

    /** A call of {@code tool} with {@code arguments}, in session {@code test}, received at {@code at}. */
    public static TestToolCall of(String tool, Map<String, Object> arguments, Instant at) {
        McpRequest request = new McpRequest("test", "test-" + at.toEpochMilli(), Optional.empty(),
                McpRequest.TOOLS_CALL, tool, arguments, null, at, 0);
        return new TestToolCall(request.arguments(), Context.of(request, List.of()));
    }

    @Override
    public void progress(double progress, double total, String message) {
        // nobody listens
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public Set<String> clientCapabilities() {
        return Set.of();
    }

    @Override
    public Optional<Sampler> sampler() {
        return Optional.empty();
    }
}
