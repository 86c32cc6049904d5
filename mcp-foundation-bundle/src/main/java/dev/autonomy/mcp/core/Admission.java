package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.tool.ToolInvoker;

import java.util.Optional;

/** Whether a call may go on to its tool, decided before any adapter, plugin or tool sees it. */
public final class Admission {

    private Admission() {
    }

    /**
     * The first refusal that applies, in this order: no such tool, the server draining, too deep a nesting
     * ({@link ToolInvoker#MAX_CALL_DEPTH}), too large arguments; empty when the call is admitted.
     *
     * @param argumentBytes    length of the arguments' canonical JSON
     * @param maxArgumentBytes the server's limit of it
     */
    public static Optional<Refusal> admit(String tool, boolean known, boolean draining, int depth, int argumentBytes,
                                          int maxArgumentBytes) {
        if (!known) {
            return Optional.of(Refusal.unknownTool(tool));
        }
        if (draining) {
            return Optional.of(Refusal.shuttingDown());
        }
        if (depth > ToolInvoker.MAX_CALL_DEPTH) {
            return Optional.of(Refusal.depthExceeded(tool, ToolInvoker.MAX_CALL_DEPTH));
        }
        if (argumentBytes > maxArgumentBytes) {
            return Optional.of(Refusal.argumentsTooLarge(tool, argumentBytes, maxArgumentBytes));
        }
        return Optional.empty();
    }
}
