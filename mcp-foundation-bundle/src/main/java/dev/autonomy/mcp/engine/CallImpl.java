package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.ToolCall;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link ToolCall} a tool sees: one attempt's view of its arguments, context and client. */
final class CallImpl implements ToolCall {

    private final Map<String, Object> arguments;
    private final Context context;
    private final ClientChannel channel;
    private final AtomicBoolean cancelled;

    CallImpl(Map<String, Object> arguments, Context context, ClientChannel channel, AtomicBoolean cancelled) {
        this.arguments = arguments;
        this.context = context;
        this.channel = channel;
        this.cancelled = cancelled;
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
        channel.progress(progress, total, message);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    @Override
    public Set<String> clientCapabilities() {
        return channel.capabilities();
    }

    @Override
    public Optional<Sampler> sampler() {
        return channel.sampler();
    }

    ClientChannel channel() {
        return channel;
    }
}
