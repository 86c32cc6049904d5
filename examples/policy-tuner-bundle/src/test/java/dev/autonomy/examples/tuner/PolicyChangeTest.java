package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyChangeTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void argumentsBecomeAChangeWithItsSettingsInDisplayOrder() {
        PolicyChange c = PolicyChange.fromArguments(Map.of("tool", "text_word_count", "maxConcurrency", 4,
                "timeoutMs", 1234L, "reason", "  slow on big texts "));

        assertThat(c.tool()).isEqualTo("text_word_count");
        assertThat(List.copyOf(c.settings().keySet())).containsExactly("timeoutMs", "maxConcurrency");
        assertThat(c.settings()).containsEntry("timeoutMs", 1234L).containsEntry("maxConcurrency", 4L);
        assertThat(c.reason()).isEqualTo("slow on big texts");
        assertThat(c.describe()).isEqualTo("timeoutMs=1234, maxConcurrency=4");
    }

    @Test
    void aWholeNumberWrittenAsDecimalIsAccepted() {
        assertThat(PolicyChange.fromArguments(Map.of("tool", "t", "retries", 2.0)).settings())
                .containsEntry("retries", 2L);
    }

    @Test
    void aFractionIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("tool", "t", "timeoutMs", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeoutMs must be a whole number, was 1.5");
    }

    @Test
    void aStringIsNotANumber() {
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("tool", "t", "retries", "2")))
                .hasMessage("retries must be a whole number, was '2'");
    }

    @Test
    void valuesOutsideTheFoundationsRangeAreRejectedWithTheRange() {
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("tool", "t", "timeoutMs", 0)))
                .hasMessage("timeoutMs must be 1..3600000, was 0");
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("tool", "t", "retries", 11)))
                .hasMessage("retries must be 0..10, was 11");
    }

    @Test
    void atLeastOneSettingIsNeeded() {
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("tool", "t", "reason", "why not")))
                .hasMessage("give at least one of [timeoutMs, retries, cacheTtlMs, maxConcurrency]");
    }

    @Test
    void theToolMustBeAToolName() {
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("tool", "*", "retries", 1)))
                .hasMessageStartingWith("tool must be a tool name").hasMessageEndingWith("was '*'");
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("retries", 1)))
                .hasMessageEndingWith("was 'null'");
    }

    @Test
    void aLongReasonIsRejected() {
        assertThatThrownBy(() -> PolicyChange.fromArguments(Map.of("tool", "t", "retries", 1,
                "reason", "x".repeat(501)))).hasMessage("reason must be at most 500 characters, was 501");
    }

    @Test
    void thePayloadRoundTrips() {
        PolicyChange c = new PolicyChange("text_word_count", Map.of("timeoutMs", 1234L, "cacheTtlMs", 0L), "why");

        assertThat(c.payload()).isEqualTo(Map.of("tool", "text_word_count",
                "settings", Map.of("timeoutMs", 1234L, "cacheTtlMs", 0L)));
        PolicyChange back = PolicyChange.fromPayload(c.payload());
        assertThat(back.tool()).isEqualTo(c.tool());
        assertThat(back.settings()).isEqualTo(c.settings());
    }

    @Test
    void aPayloadReadBackFromStorageMayHoldIntegers() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("timeoutMs", 1234); // Integer, as a JSON store may return it
        assertThat(PolicyChange.fromPayload(Map.of("tool", "a", "settings", settings)).settings())
                .containsEntry("timeoutMs", 1234L);
    }

    @Test
    void aPayloadWithAnUnknownSettingIsRejected() {
        assertThatThrownBy(() -> PolicyChange.fromPayload(Map.of("tool", "a", "settings",
                Map.of("cacheMaxEntries", 5)))).hasMessageStartingWith("unknown setting 'cacheMaxEntries'");
    }

    @Test
    void aPayloadWithoutSettingsIsRejected() {
        assertThatThrownBy(() -> PolicyChange.fromPayload(Map.of("tool", "a")))
                .hasMessage("payload has no 'settings' object");
    }

    @Test
    void theProposalIsReversibleTargetsTheToolAndSaysWhatItShouldDo() {
        PolicyChange c = new PolicyChange("text_word_count", Map.of("timeoutMs", 1234L), "slow on big texts");
        ProposedAction a = c.toProposal("p1", Actor.client("inspector"), NOW);

        assertThat(a.id()).isEqualTo("p1");
        assertThat(a.capability()).isEqualTo("policy-tuner");
        assertThat(a.kind()).isEqualTo("tool.policy");
        assertThat(a.key()).isEqualTo("policy-tuner.tool.policy");
        assertThat(a.target()).isEqualTo("tool:text_word_count");
        assertThat(a.reversible()).isTrue();
        assertThat(a.requestedBy()).isEqualTo(Actor.client("inspector"));
        assertThat(a.proposedAt()).isEqualTo(NOW);
        assertThat(a.payload()).isEqualTo(c.payload());
        assertThat(a.expectedEffect()).isEqualTo(
                "text_word_count runs with timeoutMs=1234 (as far as the operator's bounds allow): slow on big texts");
    }

    @Test
    void withoutAReasonTheExpectedEffectStopsAtTheSettings() {
        assertThat(new PolicyChange("a", Map.of("retries", 1L), null).expectedEffect())
                .isEqualTo("a runs with retries=1 (as far as the operator's bounds allow)");
    }

    @Test
    void theSchemaOffersTheSameRangesTheRecordChecks() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) TunerProposeTool
                .inputSchema(PolicyChange.LIMITS).get("properties");

        assertThat(props.keySet()).containsExactly("tool", "timeoutMs", "retries", "cacheTtlMs", "maxConcurrency",
                "reason");
        assertThat(props.get("timeoutMs")).containsEntry("minimum", 1L).containsEntry("maximum", 3_600_000L);
    }
}
