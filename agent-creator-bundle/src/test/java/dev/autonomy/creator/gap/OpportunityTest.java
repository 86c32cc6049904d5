package dev.autonomy.creator.gap;

import dev.autonomy.creator.propose.CreateOutcome;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void aFirstRequestIsSeenOnce() {
        Opportunity o = Opportunity.next(null, "text.trim", Map.of("text", "string"), 1, OpportunityStatus.SEEN,
                "", T0);

        assertThat(o).isEqualTo(new Opportunity("text.trim", Map.of("text", "string"), 1, T0,
                OpportunityStatus.SEEN, ""));
        assertThat(o.statusText()).isEqualTo("seen");
    }

    @Test
    void aNewRequestCountsAndKeepsTheKnownStatusAndShape() {
        Opportunity failed = new Opportunity("x.y", Map.of("a", 1), 2, T0, OpportunityStatus.FAILED, "build");

        Opportunity o = Opportunity.next(failed, "x.y", Map.of(), 1, OpportunityStatus.SEEN, "", T1);

        assertThat(o).isEqualTo(new Opportunity("x.y", Map.of("a", 1), 3, T1, OpportunityStatus.FAILED, "build"));
        assertThat(o.statusText()).isEqualTo("failed (build)");
    }

    @Test
    void aDesignsOutcomeSetsTheStatusWithoutCounting() {
        Opportunity seen = new Opportunity("x.y", Map.of("a", 1), 2, T0, OpportunityStatus.SEEN, "");

        Opportunity o = Opportunity.next(seen, "x.y", Map.of("b", 2), 0, OpportunityStatus.REJECTED, "governor",
                T1);

        assertThat(o).isEqualTo(new Opportunity("x.y", Map.of("b", 2), 2, T1, OpportunityStatus.REJECTED,
                "governor"));
        assertThat(o.statusText()).isEqualTo("rejected (governor)");
    }

    @Test
    void outcomesMapToStatuses() {
        assertThat(OpportunityStatus.ofOutcome(CreateOutcome.Status.CREATED)).isEqualTo(OpportunityStatus.CREATED);
        assertThat(OpportunityStatus.ofOutcome(CreateOutcome.Status.QUEUED)).isEqualTo(OpportunityStatus.QUEUED);
        assertThat(OpportunityStatus.ofOutcome(CreateOutcome.Status.REJECTED)).isEqualTo(OpportunityStatus.REJECTED);
        assertThat(OpportunityStatus.ofOutcome(CreateOutcome.Status.FAILED)).isEqualTo(OpportunityStatus.FAILED);
        assertThat(OpportunityStatus.NOT_COMPOSABLE.label()).isEqualTo("not composable");
    }
}
