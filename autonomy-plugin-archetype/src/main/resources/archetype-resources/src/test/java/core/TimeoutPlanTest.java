package ${package}.core;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeoutPlanTest {

    private final TimeoutPlan plan = new TimeoutPlan("text_word_count", 1_900, " p95 1234 ms ");

    @Test
    void thePayloadHoldsEverythingTheExecutorNeeds() {
        assertThat(plan.payload()).containsExactly(Map.entry("tool", "text_word_count"),
                Map.entry("timeoutMs", 1_900L));
        assertThat(TimeoutPlan.fromPayload(plan.payload())).isEqualTo(new TimeoutPlan("text_word_count", 1_900, ""));
    }

    @Test
    void aWholeNumberFromJsonMayComeAsADouble() {
        assertThat(TimeoutPlan.fromPayload(Map.of("tool", "a", "timeoutMs", 1_900.0)).timeoutMs()).isEqualTo(1_900);
        assertThatThrownBy(() -> TimeoutPlan.fromPayload(Map.of("tool", "a", "timeoutMs", 1_900.5)))
                .hasMessage("timeoutMs must be a whole number, was 1900.5");
    }

    @Test
    void aBadToolOrTimeLimitIsRefused() {
        assertThatThrownBy(() -> new TimeoutPlan("Not A Tool", 100, "")).hasMessageStartingWith("tool must be");
        assertThatThrownBy(() -> new TimeoutPlan("a", 0, "")).hasMessage("timeoutMs must be 1..3600000, was 0");
    }

    @Test
    void theProposalIsAReversibleTimeoutChangeOfTheTool() {
        Instant now = Instant.parse("2025-01-01T12:00:00Z");

        ProposedAction p = plan.toProposal("id-1", Actor.client("inspector"), now);

        assertThat(p.capability()).isEqualTo(Names.CAPABILITY);
        assertThat(p.kind()).isEqualTo("tool.timeout");
        assertThat(p.target()).isEqualTo("tool:text_word_count");
        assertThat(p.reversible()).isTrue();
        assertThat(p.payload()).isEqualTo(plan.payload());
        assertThat(p.expectedEffect()).isEqualTo("text_word_count runs with a time limit of 1900 ms: p95 1234 ms");
        assertThat(p.proposedAt()).isEqualTo(now);
    }

    @Test
    void applyingKeepsTheOtherSettingsAndDropsWhatConfigAdminAdded() {
        Map<String, Object> previous = Map.of("tool", "text_word_count", "retries", 2, "timeoutMs", 500L,
                "service.pid", "dev.autonomy.tool.policy.auto~text_word_count");

        assertThat(plan.applyTo(previous)).isEqualTo(Map.of("tool", "text_word_count", "retries", 2,
                "timeoutMs", 1_900L));
    }
}
