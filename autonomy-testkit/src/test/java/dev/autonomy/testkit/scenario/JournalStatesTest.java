package dev.autonomy.testkit.scenario;

import dev.autonomy.api.audit.AuditEntry.Type;
import dev.autonomy.api.governor.ActionState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JournalStatesTest {

    private final List<JournalLine> lines = new ArrayList<>();

    private JournalStatesTest add(Type type, Map<String, Object> data) {
        lines.add(new JournalLine(lines.size() + 1, type, "p1", "tuner", "tool:a", data));
        return this;
    }

    private JournalStatesTest add(Type type) {
        return add(type, Map.of());
    }

    private Optional<ActionState> state() {
        return JournalStates.stateOf(lines);
    }

    @Test
    void nothingKnownIsEmpty() {
        assertThat(state()).isEmpty();
        assertThat(add(Type.PROPOSED).state()).isEmpty();
    }

    @Test
    void aReversibleActionIsLeasedUntilReleasedValidatedAsDoneOrExpired() {
        add(Type.PROPOSED, Map.of("reversible", true)).add(Type.APPROVED).add(Type.APPLIED);
        assertThat(state()).contains(ActionState.APPLIED_LEASED);
        add(Type.VALIDATED, Map.of("done", false));
        assertThat(state()).contains(ActionState.APPLIED_LEASED);
        add(Type.VALIDATED, Map.of("done", true));
        assertThat(state()).contains(ActionState.APPLIED_RELEASED);
    }

    @Test
    void anIrreversibleActionHoldsNoLease() {
        assertThat(add(Type.PROPOSED, Map.of("reversible", false)).add(Type.APPLIED).state())
                .contains(ActionState.APPLIED_RELEASED);
    }

    @Test
    void anExpiryEndsALeaseOrAQueuedProposal() {
        assertThat(add(Type.QUEUED).add(Type.EXPIRED).state()).contains(ActionState.EXPIRED);
        lines.clear();
        assertThat(add(Type.APPLIED).add(Type.EXPIRED).state()).contains(ActionState.APPLIED_RELEASED);
    }

    @Test
    void rollbacksCountOnlyWhenTheySucceed() {
        add(Type.APPLIED).add(Type.ROLLBACK_FAILED);
        assertThat(state()).contains(ActionState.APPLIED_LEASED);
        assertThat(add(Type.ROLLED_BACK).state()).contains(ActionState.ROLLED_BACK);
    }

    @Test
    void rejectionsAreToldApartByTheirDataNotTheirText() {
        assertThat(add(Type.QUEUED).add(Type.REJECTED, Map.of("stillQueued", true)).state())
                .contains(ActionState.QUEUED);
        assertThat(add(Type.REJECTED, Map.of("withdrawn", true)).state()).contains(ActionState.WITHDRAWN);
        lines.clear();
        assertThat(add(Type.REJECTED).state()).contains(ActionState.REJECTED);
        lines.clear();
        assertThat(add(Type.APPROVED).add(Type.APPLY_FAILED).state()).contains(ActionState.APPLY_FAILED);
    }

    @Test
    void entriesAreReadInSequenceOrderWhateverTheirListOrder() {
        add(Type.APPLIED).add(Type.ROLLED_BACK);
        assertThat(JournalStates.stateOf(List.of(lines.get(1), lines.get(0)))).contains(ActionState.ROLLED_BACK);
    }
}
