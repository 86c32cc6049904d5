package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.tool.Sampler;

import java.util.Optional;
import java.util.Set;

/** What a tool call may do with the client that made it; supplied by the transport's protocol layer. */
public interface ClientChannel {

    ClientChannel NONE = new ClientChannel() {
    };

    default McpRequest.ClientInfo clientInfo() {
        return McpRequest.ClientInfo.UNKNOWN;
    }

    default Set<String> capabilities() {
        return Set.of();
    }

    default void progress(double progress, double total, String message) {
    }

    default Optional<Sampler> sampler() {
        return Optional.empty();
    }
}
