package dev.autonomy.examples.texttools;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.ToolCall;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A minimal {@link ToolCall} for unit tests: just the arguments; these tools use nothing else. */
record TestCall(Map<String, Object> arguments) implements ToolCall {

    static TestCall withText(String text) {
        return new TestCall(Map.of("text", text));
    }

    @Override
    public Context context() {
        throw new UnsupportedOperationException("not needed by these tools");
    }

    @Override
    public void progress(double progress, double total, String message) {
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
