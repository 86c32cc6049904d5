package dev.autonomy.mcp.protocol;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.List;

/**
 * Sends every outgoing message of a transport from one thread. The SDK's stdio transport emits into a sink that
 * rejects concurrent emitters ("Failed to enqueue message") and so drops responses when several requests are in
 * flight — a client's automatic tools/list after list_changed beside a tool call is enough.
 */
final class SerializedTransport implements McpServerTransport {

    private final McpServerTransport delegate;
    private final Scheduler sender;

    SerializedTransport(McpServerTransport delegate, Scheduler sender) {
        this.delegate = delegate;
        this.sender = sender;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.defer(() -> delegate.sendMessage(message)).subscribeOn(sender);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
