package dev.autonomy.foundation.api.tool;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Map;

/**
 * Calls registered tools from inside the container, through the same plugin pipeline and invocation policies as a
 * client's call. The service is bundle-scoped: each bundle gets an invoker that may call only the tools its
 * manifest header {@value #TOOL_ACCESS_HEADER} lists (comma-separated names or prefixes ending in {@code *}). This
 * is how generated agents are confined.
 */
@ProviderType
public interface ToolInvoker {

    /** Manifest header listing the tools a bundle may call, e.g. {@code text_*, agent_route}. */
    String TOOL_ACCESS_HEADER = "Autonomy-Tool-Access";

    /** Nested calls deeper than this fail with an error result. */
    int MAX_CALL_DEPTH = 8;

    /**
     * Calls {@code toolName} as part of {@code parent} (same session, {@code parentRequestId} set, depth + 1).
     * Denied access, an unknown tool, invalid arguments and failures come back as error results.
     */
    ToolResult invoke(String toolName, Map<String, ?> arguments, ToolCall parent);

    /** Calls {@code toolName} outside any client request (e.g. from a background loop), in an internal session. */
    ToolResult invoke(String toolName, Map<String, ?> arguments);

    /** Whether this bundle may call {@code toolName}. */
    boolean mayCall(String toolName);
}
