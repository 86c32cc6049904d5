package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToolPolicyFactsTest {

    @Test
    void withoutConfigurationTheBuiltInDefaultsAndTheServerTimeoutApply() {
        SystemFacts.ToolFacts f = ToolPolicyFacts.of("t", ToolAnnotations.PURE, List.of(), List.of(), 45_000);
        assertThat(f.current(ToolPolicyKeys.TIMEOUT_MS, -1)).isEqualTo(45_000);
        assertThat(f.current(ToolPolicyKeys.RETRIES, -1)).isZero();
        assertThat(f.current(ToolPolicyKeys.CACHE_TTL_MS, -1)).isZero();
        assertThat(f.min()).isEmpty();
        assertThat(f.max()).isEmpty();
        assertThat(f.annotations()).isEqualTo(ToolAnnotations.PURE);
    }

    @Test
    void theToolsOwnOperatorPolicyOverridesTheWildcardAndSetsBounds() {
        List<Map<String, ?>> operator = List.of(
                Map.of("tool", "*", "retries", 1L, "max.retries", 3L, "timeoutMs", 5000L),
                Map.of("tool", "t", "retries", "2", "max.retries", 2L, "timeoutMs", 0L),
                Map.of("tool", "u", "retries", 9L));
        SystemFacts.ToolFacts f = ToolPolicyFacts.of("t", ToolAnnotations.DEFAULTS, operator, List.of(), 30_000);
        assertThat(f.current(ToolPolicyKeys.RETRIES, -1)).isEqualTo(2);
        assertThat(f.current(ToolPolicyKeys.TIMEOUT_MS, -1)).as("0 keeps the earlier layer").isEqualTo(5000);
        assertThat(f.max()).containsEntry(ToolPolicyKeys.RETRIES, 2L);
        assertThat(f.clamp(ToolPolicyKeys.RETRIES, 5)).isEqualTo(2);
    }

    @Test
    void autonomysOverrideCountsWithinTheOperatorsBounds() {
        List<Map<String, ?>> operator = List.of(Map.of("tool", "t", "max.cacheTtlMs", 1000L));
        List<Map<String, ?>> auto = List.of(Map.of("tool", "t", "cacheTtlMs", 60000L, "holdoutShare", 0.1),
                Map.of("tool", "other", "retries", 4L));
        SystemFacts.ToolFacts f = ToolPolicyFacts.of("t", ToolAnnotations.PURE, operator, auto, 30_000);
        assertThat(f.current(ToolPolicyKeys.CACHE_TTL_MS, -1)).isEqualTo(1000);
        assertThat(f.current(ToolPolicyKeys.RETRIES, -1)).isZero();
    }
}
