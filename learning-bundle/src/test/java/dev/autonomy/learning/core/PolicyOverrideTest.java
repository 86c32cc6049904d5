package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.Adaptation.Kind;
import dev.autonomy.learning.core.Adaptation.Metric;
import dev.autonomy.learning.core.Adaptation.Status;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.autonomy.learning.core.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyOverrideTest {

    private static Adaptation retry(String target) {
        return new Adaptation("exp-1", Kind.RETRY, target, Map.of("tool", "t", "settings", Map.of("retries", 1L),
                "previous", Map.of("retries", 0L)), 0.1, Metric.FAILURE, 0, Status.PROPOSED, T0, null, null,
                new Evidence(1, 0, 0), "");
    }

    @Test
    void theOverrideCarriesTheSettingsAndTheHoldoutOfTheExperiment() {
        PolicyOverride.Change c = PolicyOverride.change(retry("tool:t"));
        assertThat(c.describe()).isEqualTo("retries=1");
        Map<String, Object> props = PolicyOverride.applied(c, Map.of("tool", "t", "timeoutMs", 900L,
                "service.pid", "x", "felix.fileinstall.filename", "f"));
        assertThat(props).containsOnly(Map.entry("tool", "t"), Map.entry("timeoutMs", 900L),
                Map.entry("retries", 1L), Map.entry(ToolPolicyKeys.HOLDOUT_SHARE, 0.1),
                Map.entry(ToolPolicyKeys.EXPERIMENT, "exp-1"), Map.entry(ToolPolicyKeys.EXPERIMENT_KEYS, "retries"));
    }

    private static Adaptation policy(String id, Kind kind, String key, long value) {
        return new Adaptation(id, kind, "tool:t", Map.of("tool", "t", "settings", Map.of(key, value)), 0.1,
                Metric.FAILURE, 0, Status.PROPOSED, T0, null, null, new Evidence(1, 0, 0), "");
    }

    /** Applies an adaptation over {@code current} as the executor does; returns the override and the recipe. */
    private static Map<String, Object>[] apply(Adaptation a, Map<String, Object> current) {
        PolicyOverride.Change c = PolicyOverride.change(a);
        @SuppressWarnings("unchecked")
        Map<String, Object>[] out = new Map[]{PolicyOverride.applied(c, current == null ? Map.of() : current),
                PolicyOverride.effect(c, Optional.ofNullable(current))};
        return out;
    }

    @Test
    void stackedExperimentsNameTheirKeysAndUndoOnlyThem() {
        // a retry, kept
        Map<String, Object>[] retry = apply(policy("retry-1", Kind.RETRY, "retries", 1L), null);
        Map<String, Object> kept = PolicyOverride.kept(retry[0], "retry-1").orElseThrow();
        assertThat(kept).isEqualTo(Map.of("tool", "t", "retries", 1L));
        // then a cache on the same tool: its holdout keeps the kept retry (only cacheTtlMs is the experiment's)
        Map<String, Object>[] cache = apply(policy("cache-1", Kind.CACHE, "cacheTtlMs", 60_000L), kept);
        assertThat(cache[0]).containsEntry("retries", 1L).containsEntry("cacheTtlMs", 60_000L)
                .containsEntry(ToolPolicyKeys.EXPERIMENT_KEYS, "cacheTtlMs")
                .containsEntry(ToolPolicyKeys.EXPERIMENT, "cache-1");
        Map<String, Object> both = PolicyOverride.kept(cache[0], "cache-1").orElseThrow();
        assertThat(both).isEqualTo(Map.of("tool", "t", "retries", 1L, "cacheTtlMs", 60_000L));

        // reverting the older retry leaves the newer cache alone
        @SuppressWarnings("unchecked")
        Map<String, Object> recipe = (Map<String, Object>) JsonText.parse(JsonText.write(retry[1]));
        assertThat(PolicyOverride.undone(both, "retry-1", PolicyOverride.appliedSettings(recipe),
                PolicyOverride.restore(recipe).orElse(Map.of()))).contains(Map.of("tool", "t", "cacheTtlMs", 60_000L));
        // reverting the cache while it is measured restores the kept retry and drops its bookkeeping only
        assertThat(PolicyOverride.undone(cache[0], "cache-1", PolicyOverride.appliedSettings(cache[1]),
                PolicyOverride.restore(cache[1]).orElse(Map.of()))).contains(Map.of("tool", "t", "retries", 1L));
        // reverting the only change there is removes the override
        assertThat(PolicyOverride.undone(retry[0], "retry-1", PolicyOverride.appliedSettings(retry[1]),
                Map.of())).isEmpty();
    }

    @Test
    void aKeyChangedSinceIsNotUndone() {
        Map<String, Object>[] retry = apply(policy("retry-1", Kind.RETRY, "retries", 1L),
                new LinkedHashMap<>(Map.of("tool", "t", "retries", 0L)));
        Map<String, Object> changed = new LinkedHashMap<>(PolicyOverride.kept(retry[0], "retry-1").orElseThrow());
        changed.put("retries", 3L); // someone changed it since
        assertThat(PolicyOverride.undone(changed, "retry-1", PolicyOverride.appliedSettings(retry[1]),
                PolicyOverride.restore(retry[1]).orElseThrow())).contains(Map.of("tool", "t", "retries", 3L));
        // the value it set is found also as a JSON number of another type
        assertThat(PolicyOverride.undone(Map.of("tool", "t", "retries", 1), "retry-1", Map.of("retries", 1L),
                Map.of("retries", 0))).contains(Map.of("tool", "t", "retries", 0L));
    }

    @Test
    void aPayloadAboutAnotherToolIsRefused() {
        assertThatThrownBy(() -> PolicyOverride.change(retry("tool:u"))).hasMessageContaining("about tool t");
    }

    @Test
    void rollingBackRemovesWhatApplyingCreatedAndRestoresWhatItChanged() {
        PolicyOverride.Change c = PolicyOverride.change(retry("tool:t"));
        Map<String, Object> created = PolicyOverride.effect(c, Optional.empty());
        assertThat(PolicyOverride.tool(created)).isEqualTo("t");
        assertThat(PolicyOverride.restore(created)).isEmpty();
        Map<String, Object> updated = PolicyOverride.effect(c, Optional.of(Map.of("tool", "t", "cacheTtlMs", 500)));
        @SuppressWarnings("unchecked")
        Map<String, Object> afterJson = (Map<String, Object>) JsonText.parse(JsonText.write(updated));
        assertThat(PolicyOverride.restore(afterJson)).contains(Map.of("tool", "t", "cacheTtlMs", 500L));
        assertThatThrownBy(() -> PolicyOverride.restore(Map.of("tool", "t"))).hasMessageContaining("created");
    }

    @Test
    void keepingEndsTheHoldoutOnlyOfItsOwnExperiment() {
        Map<String, Object> props = new LinkedHashMap<>(Map.of("tool", "t", "retries", 1L, "cacheTtlMs", 500L,
                ToolPolicyKeys.HOLDOUT_SHARE, 0.1, ToolPolicyKeys.EXPERIMENT, "exp-1",
                ToolPolicyKeys.EXPERIMENT_KEYS, "retries"));
        assertThat(PolicyOverride.kept(props, "exp-1")).contains(Map.of("tool", "t", "retries", 1L,
                "cacheTtlMs", 500L));
        assertThat(PolicyOverride.kept(props, "exp-2")).isEmpty();
    }
}
