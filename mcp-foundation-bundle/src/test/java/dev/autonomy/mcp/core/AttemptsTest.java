package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptsTest {

    /** timeoutMs 100, retries 2, retryBackoffMs 10. */
    private static final ToolPolicy TWO_RETRIES = new ToolPolicy(100, 0, 0, 256, 2, 10);

    @Test
    void aFailedAttemptIsRetriedWhileRetriesAreLeft() {
        assertThat(Attempts.retried(TWO_RETRIES, 1, true)).isTrue();
        assertThat(Attempts.retried(TWO_RETRIES, 2, true)).isTrue();
        assertThat(Attempts.retried(TWO_RETRIES, 3, true)).isFalse();
    }

    @Test
    void aToolThatIsNotIdempotentIsNeverRetried() {
        assertThat(Attempts.retried(TWO_RETRIES, 1, false)).isFalse();
    }

    @Test
    void theBackoffDoublesAfterEachFailedAttempt() {
        assertThat(Attempts.backoffMs(TWO_RETRIES, 1)).isEqualTo(10);
        assertThat(Attempts.backoffMs(TWO_RETRIES, 2)).isEqualTo(20);
        assertThat(Attempts.backoffMs(TWO_RETRIES, 3)).isEqualTo(40);
    }

    @Test
    void theBackoffDoublesAtMostTenTimes() {
        ToolPolicy p = new ToolPolicy(100, 0, 0, 256, 10, 1);

        assertThat(Attempts.backoffMs(p, 10)).isEqualTo(512);
        assertThat(Attempts.backoffMs(p, 11)).isEqualTo(1024);
        assertThat(Attempts.backoffMs(p, 12)).isEqualTo(1024);
    }

    @Test
    void withoutRetriesTheDeadlineIsOneTimeoutPlusGrace() {
        ToolPolicy p = new ToolPolicy(100, 0, 0, 256, 0, 50);

        assertThat(Attempts.deadlineMs(p)).isEqualTo(100 + 10_000);
    }

    @Test
    void theDeadlineCountsEveryAttemptAndEveryPause() {
        // 3 attempts of 100 ms, pauses of 10 and 20 ms, and the grace
        assertThat(Attempts.deadlineMs(TWO_RETRIES)).isEqualTo(300 + 10 + 20 + 10_000);
    }

    @Test
    void theLargestPolicyHasAFiniteDeadline() {
        ToolPolicy p = new ToolPolicy(3_600_000, 0, 0, 256, 10, 60_000);

        // 11 attempts of an hour, pauses of 60 s × (1 + 2 + … + 512) = 60 s × 1023, and the grace
        assertThat(Attempts.deadlineMs(p)).isEqualTo(11 * 3_600_000L + 1023 * 60_000L + 10_000);
    }
}
