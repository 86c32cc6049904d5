package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolPolicyTest {

    @Test
    void defaultsAreValid() {
        assertThat(ToolPolicy.DEFAULTS).isEqualTo(new ToolPolicy(30_000, 0, 0, 256, 0, 50));
    }

    @Test
    void tooManyRetriesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new ToolPolicy(30_000, 0, 0, 256, 11, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retries must be 0..10, was 11");
    }

    @Test
    void zeroTimeoutIsRejected() {
        assertThatThrownBy(() -> ToolPolicy.DEFAULTS.withTimeoutMs(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeoutMs must be 1..3600000, was 0");
    }

    @Test
    void negativeConcurrencyIsRejected() {
        assertThatThrownBy(() -> ToolPolicy.DEFAULTS.withMaxConcurrency(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrency must be 0..100000, was -1");
    }

    @Test
    void zeroCacheEntriesAreRejected() {
        assertThatThrownBy(() -> new ToolPolicy(30_000, 0, 0, 0, 0, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cacheMaxEntries must be 1..1000000, was 0");
    }

    @Test
    void tooLongBackoffIsRejected() {
        assertThatThrownBy(() -> new ToolPolicy(30_000, 0, 0, 256, 0, 60_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryBackoffMs must be 0..60000, was 60001");
    }

    @Test
    void withCopiesChangeOneField() {
        ToolPolicy p = ToolPolicy.DEFAULTS.withTimeoutMs(10).withMaxConcurrency(2).withCacheTtlMs(5).withRetries(3);

        assertThat(p).isEqualTo(new ToolPolicy(10, 2, 5, 256, 3, 50));
    }

    @Test
    void cacheIsEnabledOnlyWithAPositiveTtl() {
        assertThat(ToolPolicy.DEFAULTS.cacheEnabled()).isFalse();
        assertThat(ToolPolicy.DEFAULTS.withCacheTtlMs(1).cacheEnabled()).isTrue();
    }
}
