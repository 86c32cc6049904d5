package dev.autonomy.mcp.core;

/**
 * The attempts of one call under its policy: whether a failed attempt is retried, the pause before the retry, and
 * the deadline by which the whole call has answered. The engine schedules retries with it and the invoker waits by
 * it, so the two cannot drift apart.
 */
public final class Attempts {

    /** Margin of the deadline for waiting on a worker or a timer thread, beyond the attempts and pauses. */
    public static final long GRACE_MS = 10_000;
    /** The pause doubles at most this many times. */
    private static final int MAX_DOUBLINGS = 10;

    private Attempts() {
    }

    /** Whether attempt {@code failed} (1 = the first) is followed by another; only idempotent tools are retried. */
    public static boolean retried(ToolPolicy policy, int failed, boolean idempotent) {
        return failed <= policy.retries() && idempotent;
    }

    /** The pause after failed attempt {@code failed}: the policy's backoff, doubled for each earlier retry. */
    public static long backoffMs(ToolPolicy policy, int failed) {
        return policy.retryBackoffMs() << Math.min(MAX_DOUBLINGS, failed - 1);
    }

    /** The longest a call can take: every attempt timing out, every pause, plus {@link #GRACE_MS}. */
    public static long deadlineMs(ToolPolicy policy) {
        long total = policy.timeoutMs() * (policy.retries() + 1L);
        for (int failed = 1; failed <= policy.retries(); failed++) {
            total += backoffMs(policy, failed);
        }
        return total + GRACE_MS;
    }
}
