package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AnswersTest {

    private static final PolicyChange CHANGE = new PolicyChange("text_word_count", Map.of("timeoutMs", 1234L), "");

    @Test
    void queuedGivesTheIdAndTheOperatorsCommand() {
        ToolResult r = Answers.of(Decision.queued("p1", "queued for a person's approval"), CHANGE);

        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent()).contains(Map.of("outcome", "queued", "proposalId", "p1",
                "approveWith", "autonomy:approve p1", "reason", "queued for a person's approval"));
        assertThat(r.text()).contains("p1").endsWith("autonomy:approve p1");
    }

    @Test
    void rejectedGivesTheReason() {
        ToolResult r = Answers.of(Decision.rejected("p1", "autonomy is halted"), CHANGE);

        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent()).contains(Map.of("outcome", "rejected", "proposalId", "p1",
                "reason", "autonomy is halted"));
        assertThat(r.text()).isEqualTo("Rejected: autonomy is halted. Nothing changed.");
    }

    @Test
    void approvedAndAppliedShowsWhatWasApplied() {
        Decision d = new Decision("p1", Decision.Outcome.APPROVED, "approved (mode auto)",
                Optional.of(ExecutionResult.ok("text_word_count: timeoutMs=1234", Map.of())));
        ToolResult r = Answers.of(d, CHANGE);

        assertThat(r.structuredContent()).contains(Map.of("outcome", "approved", "proposalId", "p1",
                "applied", Map.of("tool", "text_word_count", "settings", Map.of("timeoutMs", 1234L)),
                "reason", "approved (mode auto)"));
        assertThat(r.text()).contains("text_word_count: timeoutMs=1234");
    }

    @Test
    void approvedButNotAppliedIsAFailure() {
        Decision d = new Decision("p1", Decision.Outcome.APPROVED, "approved (mode auto)",
                Optional.of(ExecutionResult.failed("payload rejected")));
        ToolResult r = Answers.of(d, CHANGE);

        assertThat(r.structuredContent().orElseThrow()).containsEntry("outcome", "failed")
                .doesNotContainKey("applied");
        assertThat(r.text()).contains("payload rejected");
    }

    @Test
    void withoutAGovernorAutonomyIsOff() {
        ToolResult r = Answers.autonomyOff();

        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent().orElseThrow()).containsEntry("outcome", "off");
        assertThat(r.text()).startsWith("autonomy is off");
    }

    @Test
    void haltedProposesNothing() {
        assertThat(Answers.halted().structuredContent().orElseThrow()).containsEntry("outcome", "rejected")
                .doesNotContainKey("proposalId");
    }
}
