package dev.autonomy.testkit;

import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry.Type;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestGovernorTest {

    private final RecordingExecutor executor = new RecordingExecutor();
    private final TestGovernor governor = new TestGovernor().executor("tuner", executor);

    private ProposedAction action(String target) {
        return ProposedAction.of("tuner", "tool.policy", target, Map.of("timeoutMs", 100), true, "test",
                governor.clock().instant());
    }

    @Test
    void suggestQueuesAndTheOperatorsApprovalAppliesThroughTheExecutor() {
        ProposedAction a = action("tool:a");
        assertThat(governor.submit(a).outcome()).isEqualTo(Decision.Outcome.QUEUED);
        assertThat(governor.state(a.id())).contains(ActionState.QUEUED);
        assertThat(executor.applied()).isEmpty();

        assertThat(governor.operator().approve(a.id())).contains(ActionState.APPLIED_LEASED);
        assertThat(executor.applied()).containsExactly(a.id());
        assertThat(governor.operator().rollback(a.id(), "test")).contains(ActionState.ROLLED_BACK);
        assertThat(executor.rolledBack()).containsExactly(a.id());
        assertThat(governor.journal().entries(a.id())).extracting(e -> e.type())
                .containsExactly(Type.PROPOSED, Type.QUEUED, Type.APPROVED, Type.APPLIED, Type.ROLLED_BACK);
        assertThat(governor.entries(Type.ROLLED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(TestGovernor.OPERATOR));
    }

    @Test
    void aConfiguredModeDecidesAsTheRealGovernorDoes() {
        governor.withMode("tuner", Mode.AUTO).withMode("tuner.tool.policy", Mode.OFF);
        Decision off = governor.submit(action("tool:a"));
        assertThat(off.outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(off.failure()).isEqualTo(FailureCode.MODE_OFF);

        governor.operator().setMode("tuner.tool.policy", Mode.AUTO);
        assertThat(governor.submit(action("tool:a")).applied()).isTrue();
        Decision leased = governor.submit(action("tool:a"));
        assertThat(leased.failure()).as("the first holds the lease on its target").isEqualTo(FailureCode.TARGET_LEASED);
    }

    @Test
    void anExecutorMadeOfTwoMethodsAppliesAndRollsBack() {
        RecordingExecutor inner = new RecordingExecutor();
        governor.withMode("tuner", Mode.AUTO).executor("tuner", inner::apply, inner::rollback);
        ProposedAction a = action("tool:a");
        assertThat(governor.submit(a).applied()).isTrue();
        assertThat(governor.operator().rollback(a.id(), "test")).contains(ActionState.ROLLED_BACK);
        assertThat(inner.applied()).containsExactly(a.id());
        assertThat(inner.rolledBack()).containsExactly(a.id());
        assertThat(executor.applied()).as("replaced").isEmpty();
    }

    @Test
    void leasesRunOutWithTheClock() {
        governor.withMode("tuner", Mode.AUTO);
        ProposedAction a = action("tool:a");
        governor.submit(a);
        long lease = governor.settings().leaseSeconds();
        governor.advance(Duration.ofSeconds(lease - 1));
        assertThat(governor.state(a.id())).contains(ActionState.APPLIED_LEASED);
        governor.advance(Duration.ofSeconds(1));
        assertThat(governor.state(a.id())).contains(ActionState.APPLIED_RELEASED);
        assertThat(governor.entries(Type.EXPIRED)).hasSize(1);
    }

    @Test
    void haltStopsCapabilitiesAndOnlyTheOperatorResumes() {
        CountingCapability cap = new CountingCapability("tuner");
        governor.capability(cap).withMode("tuner", Mode.AUTO);
        governor.halt("test", TestGovernor.OPERATOR);
        assertThat(cap.halts()).isEqualTo(1);
        assertThat(governor.submit(action("tool:a")).failure()).isEqualTo(FailureCode.HALTED);
        governor.operator().resume();
        assertThat(cap.resumes()).isEqualTo(1);
        assertThat(governor.submit(action("tool:a")).applied()).isTrue();
    }

    @Test
    void aRestartedGovernorKeepsItsQueueAndCarriesOutApprovals() {
        ProposedAction a = action("tool:a");
        governor.submit(a);
        TestGovernor after = governor.restarted();
        assertThat(after.pending()).extracting(ProposedAction::id).containsExactly(a.id());
        assertThat(after.approve(a.id()).applied()).isTrue();
        assertThat(executor.applied()).containsExactly(a.id());
    }

    @Test
    void theJournalIsAlsoTheAuditJournalService() {
        governor.withMode("tuner", Mode.AUTO);
        ProposedAction a = action("tool:a");
        governor.submit(a);
        assertThat(governor.journal().size()).isEqualTo(3);
        assertThat(governor.journal().query(AuditQuery.LATEST.withProposalId(a.id()).withLimit(1)))
                .extracting(e -> e.type(), e -> e.sequence()).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        Type.APPLIED, 3L));
        assertThat(governor.entries(Type.PROPOSED)).singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(governor.clock().instant()));
        assertThat(governor.journal().query(AuditQuery.LATEST.withCapability("other"))).isEmpty();
        assertThat(governor.proposal(a.id()).map(ProposedAction::target)).isEqualTo(Optional.of("tool:a"));
    }

    @Test
    void settingsReplaceTheConfiguration() {
        governor.settings(GovernorSettings.DEFAULTS.withModes(Mode.OFF, Map.of()));
        assertThat(governor.mode("tuner", "tool.policy")).isEqualTo(Mode.OFF);
    }
}
