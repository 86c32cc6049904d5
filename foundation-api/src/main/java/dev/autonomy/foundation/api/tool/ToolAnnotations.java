package dev.autonomy.foundation.api.tool;

/**
 * MCP tool annotations (hints to clients), plus {@code sessionIndependent}, which tells the foundation that a
 * result depends only on the arguments: with {@code idempotentHint} it makes a tool eligible for result caching
 * and retries.
 */
public record ToolAnnotations(String title, boolean readOnlyHint, boolean destructiveHint, boolean idempotentHint,
                              boolean openWorldHint, boolean sessionIndependent) {

    /** MCP's defaults: may change things, not idempotent, talks to the outside world. */
    public static final ToolAnnotations DEFAULTS = new ToolAnnotations(null, false, true, false, true, false);

    /** A pure function of its arguments: reads nothing but them, changes nothing. */
    public static final ToolAnnotations PURE = new ToolAnnotations(null, true, false, true, false, true);

    public ToolAnnotations withTitle(String newTitle) {
        return new ToolAnnotations(newTitle, readOnlyHint, destructiveHint, idempotentHint, openWorldHint,
                sessionIndependent);
    }

    /** Whether results may be cached and calls retried. */
    public boolean cacheable() {
        return idempotentHint && sessionIndependent;
    }
}
