package dev.autonomy.creator.pipeline;

/**
 * Limits baked into generated code.
 *
 * @param activationTimeoutMs how long an agent's construction may run
 * @param callTimeoutMs       a backstop for one call (the foundation's tool timeout normally ends it first)
 */
public record BuildSettings(long activationTimeoutMs, long callTimeoutMs) {
    public static final BuildSettings DEFAULTS = new BuildSettings(2_000, 60_000);
}
