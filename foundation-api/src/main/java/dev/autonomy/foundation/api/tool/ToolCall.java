package dev.autonomy.foundation.api.tool;

import dev.autonomy.foundation.api.context.Context;
import org.osgi.annotation.versioning.ProviderType;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One invocation of a tool: its arguments, its context and what it may do with the calling client. */
@ProviderType
public interface ToolCall {

    /** Validated arguments (immutable JSON values). */
    Map<String, Object> arguments();

    /** The request's context: the request itself, the session's recent requests, extensions and enhancements. */
    Context context();

    /**
     * Reports progress to the client, when it asked for it (a progress token); otherwise does nothing.
     *
     * @param progress increasing value
     * @param total    the value at completion, or a negative number if unknown
     * @param message  optional human-readable text, may be null
     */
    void progress(double progress, double total, String message);

    /** True once the client cancelled the call or its time limit passed: long work should stop. */
    boolean isCancelled();

    /** Capabilities the client declared at initialization: {@code sampling}, {@code roots}, {@code elicitation}. */
    Set<String> clientCapabilities();

    /** Asks the client's model to write a message; present only when the client supports sampling. */
    Optional<Sampler> sampler();

    /** Convenience: the string argument {@code name}, or {@code fallback}. */
    default String stringArgument(String name, String fallback) {
        Object v = arguments().get(name);
        return v instanceof String ? (String) v : fallback;
    }
}
