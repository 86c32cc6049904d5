package dev.autonomy.examples.tuner;

import dev.autonomy.api.config.ConfigChange;
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
        return m;
    }

    @Test
    void applyingToNothingWritesTheToolAndTheSettings() {
        assertThat(PolicyEffects.applied(TIMEOUT, Map.of())).isEqualTo(Map.of("tool", "text_word_count",
                "timeoutMs", 1234L));
    }

    @Test
    void applyingOverAnOverrideKeepsItsOtherSettingsAndDropsBookkeeping() {
        assertThat(PolicyEffects.applied(TIMEOUT, existing())).isEqualTo(Map.of("tool", "text_word_count",
                "timeoutMs", 1234L, "cacheTtlMs", 60_000L));
    }

    @Test
    void theEffectNamesTheToolsConfigurationAndReadsBack() {
        ConfigChange c = new ConfigChange(PolicyEffects.target("text_word_count"), Optional.empty(),
                PolicyEffects.applied(TIMEOUT, Map.of()));
        ConfigChange back = PolicyEffects.change(JsonValues.immutableObject(c.toEffect()));
        assertThat(back).isEqualTo(c);
        assertThat(back.target().name()).isEqualTo("text_word_count");
        assertThat(back.created()).isTrue();
    }

    @Test
    void anEffectWrittenByReleaseZeroOneStillRollsBack() {
        // the flat form of 0.1, as the governor's store hands it back (numbers of other types)
        Map<String, Object> stored = JsonValues.immutableObject(Map.of("tool", "a", "created", false,
                "previous", Map.of("tool", "a", "timeoutMs", 500, "retries", new BigDecimal("2"),
                        "cacheTtlMs", 1.5), "applied", Map.of("timeoutMs", 100)));

        ConfigChange c = PolicyEffects.change(stored);
        assertThat(c.target()).isEqualTo(PolicyEffects.target("a"));
        assertThat(c.before()).contains(Map.of("tool", "a", "timeoutMs", 500L, "retries", 2L, "cacheTtlMs", 1.5));
        assertThat(PolicyEffects.change(Map.of("tool", "a", "created", true)).created()).isTrue();
    }

    @Test
    void anEffectThatSaysNothingCannotBeRolledBack() {
        assertThatThrownBy(() -> PolicyEffects.change(Map.of("tool", "a")))
                .hasMessage("the effect does not say whether the configuration was created");
        assertThatThrownBy(() -> PolicyEffects.change(Map.of("tool", "a", "created", false)))
                .hasMessage("the effect has no previous properties");
        assertThatThrownBy(() -> PolicyEffects.change(Map.of("created", true)))
                .hasMessage("the effect names no tool");
    }
}
