package dev.autonomy.creator.build;

import dev.autonomy.creator.spec.SpecTest;
import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.ToolCall;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The call an agent sees while its tests run: the test's input, no client, cancelled at the test's deadline. */
final class TestCall implements ToolCall {

    private final Map<String, Object> arguments;
    private final Context context;
    private final long deadline;

    private TestCall(Map<String, Object> arguments, Context context, long deadline) {
        this.arguments = arguments;
        this.context = context;
        this.deadline = deadline;
    }

    static TestCall of(SpecTest test, long timeoutMs) {
        McpRequest request = new McpRequest("internal:agent-creator", "test-" + test.name(), Optional.empty(),
                McpRequest.TOOLS_CALL, "", test.input(), null, Instant.now(), 0);
        return new TestCall(test.input(), Context.of(request, List.of()),
                System.nanoTime() + timeoutMs * 1_000_000L);
    }

    @Override
    public Map<String, Object> arguments() {
        return arguments;
    }

    @Override
    public Context context() {
        return context;
    }

    @Override
    public void progress(double progress, double total, String message) {
    }

    @Override
    public boolean isCancelled() {
        return System.nanoTime() - deadline > 0;
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
