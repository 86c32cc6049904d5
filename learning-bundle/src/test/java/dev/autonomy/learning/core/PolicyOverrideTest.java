package dev.autonomy.learning.core;

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
                Map.entry(ToolPolicyKeys.EXPERIMENT, "exp-1"));
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
        Map<String, Object> afterJson = (Map<String, Object>) Json.parse(Json.write(updated));
        assertThat(PolicyOverride.restore(afterJson)).contains(Map.of("tool", "t", "cacheTtlMs", 500L));
        assertThatThrownBy(() -> PolicyOverride.restore(Map.of("tool", "t"))).hasMessageContaining("created");
    }

    @Test
    void keepingEndsTheHoldoutOnlyOfItsOwnExperiment() {
        Map<String, Object> props = new LinkedHashMap<>(Map.of("tool", "t", "retries", 1L,
                ToolPolicyKeys.HOLDOUT_SHARE, 0.1, ToolPolicyKeys.EXPERIMENT, "exp-1"));
        assertThat(PolicyOverride.kept(props, "exp-1")).contains(Map.of("tool", "t", "retries", 1L));
        assertThat(PolicyOverride.kept(props, "exp-2")).isEmpty();
    }
}
