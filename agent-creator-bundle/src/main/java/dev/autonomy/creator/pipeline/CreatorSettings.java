package dev.autonomy.creator.pipeline;

/**
 * The creator's configuration (PID {@code dev.autonomy.agent.creator}).
 *
 * @param designFromGaps        design agents for composable {@code capability_gap}s by itself (still governed)
 * @param allowClientSource     accept Java source from MCP clients (off: it runs a client's code in the server)
 * @param maxSourceBytes        the largest client source accepted
 * @param sourceAttemptsPerHour client-source builds per hour, failures included
 * @param activationTimeoutMs   how long a generated agent may take to become active
 * @param testTimeoutMs         how long one of an agent's tests may run
 * @param build                 limits compiled into generated code
 */
public record CreatorSettings(boolean designFromGaps, boolean allowClientSource, int maxSourceBytes,
                              int sourceAttemptsPerHour, long activationTimeoutMs, long testTimeoutMs,
                              BuildSettings build) {
    public static final CreatorSettings DEFAULTS = new CreatorSettings(true, false, 65_536, 5, 5_000, 2_000,
            BuildSettings.DEFAULTS);
}
