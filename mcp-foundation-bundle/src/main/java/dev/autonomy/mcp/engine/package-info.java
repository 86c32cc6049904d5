/**
 * The foundation's request path behind the {@link dev.autonomy.mcp.engine.Engine} facade: tool table, policy book,
 * context pipeline, execution of attempts, sessions and the event bus. The decisions it takes (admission, retries,
 * request events) are pure functions in {@code dev.autonomy.mcp.core}.
 */
package dev.autonomy.mcp.engine;
