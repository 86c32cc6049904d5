package dev.autonomy.control.engine;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.store.MemoryControlStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed contract: {@code state(id)}, failure codes on decisions and results, lease renewal. */
class GovernorStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor ALICE = Actor.operator("alice");
    private static final GovernorSettings AUTO = GovernorSettings.DEFAULTS.withModes(Mode.AUTO, Map.of());
    private static final GovernorSettings SUGGEST = GovernorSettings.DEFAULTS.withModes(Mode.SUGGEST, Map.of());

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryControlStore store = new MemoryControlStore();
    private final List<AuditEntry> journal = new CopyOnWriteArrayList<>();
    private final GovernorTest.Executor executor = new GovernorTest.Executor();

    private Governor governor(GovernorSettings s) {
        Governor g = new Governor(clock, store, drafts -> {
            journal.addAll(drafts);
            return drafts;
        }, List::of, s);
        g.executors(Map.of("learning", executor));
        return g;
    }

    private ProposedAction action(String target) {
        return ProposedAction.of("learning", "tool.policy", target, Map.of(), true, "", clock.instant());
    }

    @Test
    void anUnknownIdHasNoState() {
        assertThat(governor(AUTO).state("nobody")).isEmpty();
    }

    @Test
    void anAppliedExperimentIsLeasedThenReleasedThenItsStateSurvivesARestart() {
        Governor g = governor(AUTO);
        ProposedAction a = action("tool:x");
        Decision d = g.submit(a);
        assertThat(d.failure()).isEqualTo(FailureCode.NONE);
        assertThat(g.state(a.id())).contains(ActionState.APPLIED_LEASED);
        g.release(a.id());
        assertThat(g.state(a.id())).contains(ActionState.APPLIED_RELEASED);
        assertThat(governor(AUTO).state(a.id())).contains(ActionState.APPLIED_RELEASED);
    }

    @Test
    void aLeaseThatRanOutReadsAsReleased() {
        Governor g = governor(AUTO);
        ProposedAction a = action("tool:x");
        g.submit(a);
        clock.advance(Duration.ofSeconds(601));
        assertThat(g.state(a.id())).contains(ActionState.APPLIED_RELEASED);
    }

    @Test
    void rollingBackTwiceSaysAlreadyRolledBackAsACode() {
        Governor g = governor(AUTO);
        ProposedAction a = action("tool:x");
        g.submit(a);
        assertThat(g.rollback(a.id(), "worse", Actor.capability("learning")).failure()).isEqualTo(FailureCode.NONE);
        assertThat(g.state(a.id())).contains(ActionState.ROLLED_BACK);
        ExecutionResult again = g.rollback(a.id(), "worse", Actor.capability("learning"));
        assertThat(again.success()).isFalse();
        assertThat(again.failure()).isEqualTo(FailureCode.ALREADY_ROLLED_BACK);
        assertThat(g.rollback("nobody", "", ALICE).failure()).isEqualTo(FailureCode.NOT_APPLIED);
    }

    @Test
    void rejectionsCarryTheirCodeAndEndTheProposal() {
        Governor g = governor(AUTO.withModes(Mode.OFF, Map.of()));
        ProposedAction off = action("tool:x");
        assertThat(g.submit(off).failure()).isEqualTo(FailureCode.MODE_OFF);
        assertThat(g.state(off.id())).contains(ActionState.REJECTED);

        Governor auto = governor(AUTO);
        ProposedAction first = action("tool:y");
        auto.submit(first);
        // the same id again is a duplicate, and does not change what the first decision recorded
        assertThat(auto.submit(first).failure()).isEqualTo(FailureCode.DUPLICATE);
        assertThat(auto.state(first.id())).contains(ActionState.APPLIED_LEASED);
        ProposedAction second = action("tool:y");
        assertThat(auto.submit(second).failure()).isEqualTo(FailureCode.TARGET_LEASED);
        auto.halt("tests", ALICE);
        assertThat(auto.submit(action("tool:z")).failure()).isEqualTo(FailureCode.HALTED);
    }

    @Test
    void aMissingExecutorAndAFullBudgetAreTyped() {
        Governor g = governor(AUTO.withBudgets(Map.of(), 1, 3, 5, 100));
        g.executors(Map.of());
        assertThat(g.submit(action("tool:a")).failure()).isEqualTo(FailureCode.NO_EXECUTOR);
        g.executors(Map.of("learning", executor));
        assertThat(g.submit(action("tool:b")).applied()).isTrue();
        assertThat(g.submit(action("tool:c")).failure()).isEqualTo(FailureCode.OVER_BUDGET);
    }

    @Test
    void queuedThenWithdrawnOrRejectedByTheOperatorOrApproved() {
        Governor g = governor(SUGGEST);
        ProposedAction w = action("tool:w");
        ProposedAction r = action("tool:r");
        ProposedAction ok = action("tool:ok");
        for (ProposedAction a : List.of(w, r, ok)) {
            assertThat(g.submit(a).outcome()).isEqualTo(Decision.Outcome.QUEUED);
            assertThat(g.state(a.id())).contains(ActionState.QUEUED);
        }
        assertThat(g.withdraw(w.id(), "old evidence")).isTrue();
        assertThat(g.state(w.id())).contains(ActionState.WITHDRAWN);
        assertThat(g.reject(r.id(), "no", ALICE).failure()).isEqualTo(FailureCode.REJECTED_BY_OPERATOR);
        assertThat(g.state(r.id())).contains(ActionState.REJECTED);
        assertThat(g.reject(r.id(), "no", ALICE).failure()).isEqualTo(FailureCode.NOT_QUEUED);
        assertThat(g.approve(ok.id(), ALICE).applied()).isTrue();
        assertThat(g.state(ok.id())).contains(ActionState.APPLIED_LEASED);
    }

    @Test
    void anOrphanedProposalExpires() {
        Governor g = governor(SUGGEST);
        ProposedAction a = action("tool:x");
        g.submit(a);
        g.executors(Map.of());
        clock.advance(Duration.ofHours(25));
        g.sweep();
        assertThat(g.state(a.id())).contains(ActionState.EXPIRED);
    }

    @Test
    void anExecutorFailureIsClassifiedAndTheProposalEndsAsApplyFailed() {
        Governor g = governor(AUTO);
        executor.failure = new IllegalStateException("boom");
        ProposedAction a = action("tool:x");
        Decision d = g.submit(a);
        assertThat(d.approved()).isTrue();
        assertThat(d.failure()).isEqualTo(FailureCode.EXECUTOR_ERROR);
        assertThat(g.state(a.id())).contains(ActionState.APPLY_FAILED);
    }

    @Test
    void newEvidenceRenewsTheLeaseUpToTheMaximumSameEvidenceDoesNot() {
        // lease 600 s, at most 1,500 s from when it was applied
        Governor g = governor(AUTO.withMaxLeaseSeconds(1_500));
        ProposedAction a = action("tool:x");
        g.submit(a);
        clock.advance(Duration.ofSeconds(500));
        g.reportValidation(a.id(), true, Map.of("n", 10), false);
        assertThat(g.leases().get(0).expiresAt()).isEqualTo(T0.plusSeconds(1_100).toEpochMilli());
        clock.advance(Duration.ofSeconds(100));
        g.reportValidation(a.id(), true, Map.of("n", 10), false); // nothing new: no renewal
        assertThat(g.leases().get(0).expiresAt()).isEqualTo(T0.plusSeconds(1_100).toEpochMilli());
        clock.advance(Duration.ofSeconds(400)); // at 1,000 s
        g.reportValidation(a.id(), true, Map.of("n", 30), false);
        assertThat(g.leases().get(0).expiresAt()).isEqualTo(T0.plusSeconds(1_500).toEpochMilli());
        clock.advance(Duration.ofSeconds(501));
        assertThat(g.state(a.id())).contains(ActionState.APPLIED_RELEASED);
        assertThat(g.submit(action("tool:x")).applied()).isTrue();
    }

    @Test
    void aRenewalSurvivesARestart() {
        Governor g = governor(AUTO);
        ProposedAction a = action("tool:x");
        g.submit(a);
        clock.advance(Duration.ofSeconds(500));
        g.reportValidation(a.id(), true, Map.of("n", 10), false);
        clock.advance(Duration.ofSeconds(200)); // past the first lease, within the renewed one
        Governor restarted = governor(AUTO);
        assertThat(restarted.state(a.id())).contains(ActionState.APPLIED_LEASED);
        assertThat(restarted.submit(action("tool:x")).failure()).isEqualTo(FailureCode.TARGET_LEASED);
    }

    @Test
    void whileItsExecutorRunsAProposalIsApplyingAndCannotBeSubmittedAgain() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Governor g = governor(AUTO);
        g.executors(Map.of("learning", new dev.autonomy.api.action.ActionExecutor() {
            @Override
            public ExecutionResult apply(ProposedAction action) throws Exception {
                entered.countDown();
                release.await();
                return ExecutionResult.ok("set", Map.of());
            }

            @Override
            public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) {
                return ExecutionResult.ok("restored", Map.of());
            }
        }));
        ProposedAction a = action("tool:x");
        java.util.concurrent.CompletableFuture<Decision> d =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> g.submit(a));
        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(g.state(a.id())).contains(ActionState.APPLYING);
        assertThat(g.needs(a.id())).isTrue();
        assertThat(g.submit(a).failure()).isEqualTo(FailureCode.DUPLICATE);
        release.countDown();
        assertThat(d.get(10, java.util.concurrent.TimeUnit.SECONDS).applied()).isTrue();
        assertThat(g.state(a.id())).contains(ActionState.APPLIED_LEASED);
    }

    @Test
    void aRefusalTheJournalCouldNotRecordLeavesNoTrace() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        Governor g = new Governor(clock, store, drafts -> {
            if (down.get()) {
                throw new IllegalStateException("disk full");
            }
            return drafts;
        }, List::of, AUTO.withModes(Mode.OFF, Map.of()));
        ProposedAction a = action("tool:x");
        assertThat(g.submit(a).failure()).isEqualTo(FailureCode.JOURNAL_UNAVAILABLE);
        assertThat(g.state(a.id())).isEmpty();
        down.set(false);
        assertThat(g.submit(a).failure()).isEqualTo(FailureCode.MODE_OFF); // decided now, not a duplicate
        assertThat(g.state(a.id())).contains(ActionState.REJECTED);
    }

    @Test
    void evidenceAfterTheLeaseRanOutDoesNotReviveIt() {
        Governor g = governor(AUTO);
        ProposedAction a = action("tool:x");
        g.submit(a);
        clock.advance(Duration.ofSeconds(601)); // no sweep ran
        g.reportValidation(a.id(), true, Map.of("n", 99), false);
        assertThat(g.state(a.id())).contains(ActionState.APPLIED_RELEASED);
        assertThat(g.leases()).isEmpty();
        assertThat(journal).extracting(AuditEntry::type).contains(AuditEntry.Type.EXPIRED);
    }

    @Test
    void anActionRolledBackBeforeSaysSoEvenWhileAnotherHoldsItsTarget() {
        Governor g = governor(AUTO);
        ProposedAction first = action("tool:x");
        g.submit(first);
        g.rollback(first.id(), "worse", ALICE);
        ProposedAction second = action("tool:x");
        assertThat(g.submit(second).applied()).isTrue();
        assertThat(g.rollback(first.id(), "again", ALICE).failure()).isEqualTo(FailureCode.ALREADY_ROLLED_BACK);
    }
}
