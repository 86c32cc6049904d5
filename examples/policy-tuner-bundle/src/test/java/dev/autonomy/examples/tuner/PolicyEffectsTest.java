package dev.autonomy.examples.tuner;

import dev.autonomy.foundation.api.value.JsonValues;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyEffectsTest {

    private static final PolicyChange TIMEOUT = new PolicyChange("text_word_count", Map.of("timeoutMs", 1234L), "");

    /** What ConfigAdmin returns for an existing override: its content plus bookkeeping. */
    private static Map<String, Object> existing() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service.pid", "dev.autonomy.tool.policy.auto~text_word_count");
        m.put("service.factoryPid", "dev.autonomy.tool.policy.auto");
        m.put("felix.fileinstall.filename", "file:/x");
        m.put("tool", "text_word_count");
        m.put("timeoutMs", 500L);
        m.put("cacheTtlMs", 60_000L);
        m.put("tags", new String[]{"not", "json"});
        return m;
    }

    @Test
    void ownPropertiesDropBookkeepingAndNonScalars() {
        assertThat(PolicyEffects.ownProperties(existing())).isEqualTo(Map.of("tool", "text_word_count",
                "timeoutMs", 500L, "cacheTtlMs", 60_000L));
    }

    @Test
    void applyingToNothingWritesTheToolAndTheSettings() {
        assertThat(PolicyEffects.applied(TIMEOUT, Map.of())).isEqualTo(Map.of("tool", "text_word_count",
                "timeoutMs", 1234L));
    }

    @Test
    void applyingOverAnOverrideKeepsItsOtherSettings() {
        assertThat(PolicyEffects.applied(TIMEOUT, existing())).isEqualTo(Map.of("tool", "text_word_count",
                "timeoutMs", 1234L, "cacheTtlMs", 60_000L));
    }

    @Test
    void theEffectOfCreatingSaysSoAndRollsBackToDeleting() {
        Map<String, Object> effect = PolicyEffects.effect(TIMEOUT, Optional.empty());

        assertThat(effect).isEqualTo(Map.of("tool", "text_word_count", "created", true,
                "applied", Map.of("timeoutMs", 1234L)));
        assertThat(PolicyEffects.restore(effect)).isEmpty();
        assertThat(PolicyEffects.tool(effect)).isEqualTo("text_word_count");
    }

    @Test
    void theEffectOfUpdatingKeepsThePreviousPropertiesAndRollsBackToThem() {
        Map<String, Object> effect = PolicyEffects.effect(TIMEOUT, Optional.of(existing()));

        assertThat(effect).containsEntry("created", false).containsEntry("previous", Map.of("tool",
                "text_word_count", "timeoutMs", 500L, "cacheTtlMs", 60_000L));
        assertThat(PolicyEffects.restore(effect)).contains(Map.of("tool", "text_word_count", "timeoutMs", 500L,
                "cacheTtlMs", 60_000L));
    }

    @Test
    void theEffectIsJsonAndSurvivesTheGovernorsStore() {
        // ExecutionResult keeps the effect as immutable JSON; a store may hand numbers back as other types
        Map<String, Object> stored = JsonValues.immutableObject(Map.of("tool", "a", "created", false,
                "previous", Map.of("tool", "a", "timeoutMs", 500, "retries", new BigDecimal("2"),
                        "cacheTtlMs", 1.5)));

        assertThat(PolicyEffects.restore(stored)).contains(Map.of("tool", "a", "timeoutMs", 500L, "retries", 2L,
                "cacheTtlMs", 1.5));
    }

    @Test
    void anEffectThatSaysNothingCannotBeRolledBack() {
        assertThatThrownBy(() -> PolicyEffects.restore(Map.of("tool", "a")))
                .hasMessage("the effect does not say whether the configuration was created");
        assertThatThrownBy(() -> PolicyEffects.restore(Map.of("tool", "a", "created", false)))
                .hasMessage("the effect has no previous properties");
        assertThatThrownBy(() -> PolicyEffects.tool(Map.of("created", true)))
                .hasMessage("the effect names no tool");
    }
}
