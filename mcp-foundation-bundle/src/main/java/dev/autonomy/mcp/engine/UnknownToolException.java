package dev.autonomy.mcp.engine;

/** A call named a tool that is not registered: a protocol error (JSON-RPC invalid params) for clients. */
public final class UnknownToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownToolException(String tool) {
        super("Unknown tool: " + tool);
    }
}
