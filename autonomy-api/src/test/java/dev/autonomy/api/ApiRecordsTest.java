package dev.autonomy.api;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.api.governor.Mode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiRecordsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aProposalKeysItsModeAndBudgetByCapabilityAndKind() {
        ProposedAction a = ProposedAction.of("learning", "tool.policy", "tool:x", Map.of("retries", 2), true, "", T);
        assertThat(a.key()).isEqualTo("learning.tool.policy");
        assertThat(a.requestedBy()).isEqualTo(Actor.capability("learning"));
    }

    @Test
    void aProposalCopiesItsPayload() {
        Map<String, Object> payload = new HashMap<>(Map.of("a", 1));
        ProposedAction a = ProposedAction.of("learning", "k", "t", payload, true, "", T);
        payload.put("b", 2);
        assertThat(a.payload()).isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> a.payload().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badCapabilityKindAndTargetAreRejectedByName() {
        assertThatThrownBy(() -> ProposedAction.of("Learning", "k", "t", Map.of(), true, "", T))
                .hasMessageStartingWith("capability must match");
        assertThatThrownBy(() -> ProposedAction.of("learning", "K!", "t", Map.of(), true, "", T))
                .hasMessageStartingWith("kind must match");
        assertThatThrownBy(() -> ProposedAction.of("learning", "k", " ", Map.of(), true, "", T))
                .hasMessage("target must not be blank");
    }

    @Test
    void modesParseCaseInsensitivelyAndNameTheBadValue() {
        assertThat(Mode.parse(" Auto ")).isEqualTo(Mode.AUTO);
        assertThat(Mode.SUGGEST.toString()).isEqualTo("suggest");
        assertThatThrownBy(() -> Mode.parse("yes")).hasMessage("mode must be off, suggest or auto, was 'yes'");
    }

    @Test
    void aDecisionIsAppliedOnlyWhenApprovedAndSuccessful() {
        assertThat(new Decision("p", Decision.Outcome.APPROVED, "", Optional.of(ExecutionResult.ok("ok", Map.of()))).applied())
                .isTrue();
        assertThat(new Decision("p", Decision.Outcome.APPROVED, "", Optional.of(ExecutionResult.failed("no")))
                .applied()).isFalse();
        assertThat(Decision.queued("p", "suggest").applied()).isFalse();
        assertThat(Decision.rejected("p", "off").approved()).isFalse();
    }

    @Test
    void actorsPrintAsKindAndName() {
        assertThat(Actor.operator("alice").toString()).isEqualTo("operator:alice");
        assertThatThrownBy(() -> Actor.client(" ")).hasMessage("actor name must not be blank");
    }

    @Test
    void auditDraftsHaveNoSequenceYetAndEmptyStringsForMissingFields() {
        AuditEntry d = AuditEntry.draft(AuditEntry.Type.HALTED, null, null, null, null, Actor.SYSTEM, "halt", null);
        assertThat(d.sequence()).isZero();
        assertThat(d.proposalId()).isEmpty();
        assertThat(d.data()).isEmpty();
    }

    @Test
    void auditQueriesBoundTheirLimit() {
        assertThat(AuditQuery.LATEST.withCapability("learning").withLimit(5).limit()).isEqualTo(5);
        assertThatThrownBy(() -> AuditQuery.LATEST.withLimit(0)).hasMessage("limit must be 1..100000, was 0");
    }
}
