package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.ToolCall;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tool call made directly, outside the foundation (a tool's unit test, the traffic driver): its arguments, a
 * context with only this request (and the enhancements a test gives it), the progress messages the tool reported,
 * and a cancel switch. No sampling, no client capabilities.
 */
public final class TestToolCall implements ToolCall {

    private final Map<String, Object> arguments;
    private final Context context;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public TestToolCall(Map<String, Object> arguments, Context context) {
        this.arguments = Objects.requireNonNull(arguments, "arguments");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** A call of {@code tool} with {@code arguments}, in session {@code test}, received at {@code at}. */
    public static TestToolCall of(String tool, Map<String, Object> arguments, Instant at) {
        McpRequest request = new McpRequest("test", "test-" + at.toEpochMilli(), Optional.empty(),
                McpRequest.TOOLS_CALL, tool, arguments, null, at, 0);
        return new TestToolCall(request.arguments(), Context.of(request, List.of()));
    }

    /** This call with {@code enhancements} in its context, as plugins would have added them to the request. */
    public TestToolCall with(Enhancement... enhancements) {
        return new TestToolCall(arguments, new Context(context.request(), context.recentRequests(),
                context.extensions(), List.of(enhancements)));
    }

    /** Cancels the call, as the client or the call's time limit would: {@link #isCancelled()} is true from now. */
    public void cancel() {
        cancelled = true;
    }

    /** The messages of the progress the tool reported, in order. */
    public List<String> progressMessages() {
        return List.copyOf(progress);
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
        this.progress.add(String.valueOf(message));
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
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
