package dev.autonomy.control.engine;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.BudgetView;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.store.MemoryControlStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor ALICE = Actor.operator("alice");
    private static final GovernorSettings AUTO = GovernorSettings.DEFAULTS.withModes(Mode.AUTO, Map.of());

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryControlStore store = new MemoryControlStore();
    private final List<AuditEntry> journal = new CopyOnWriteArrayList<>();
    private final Journal sink = drafts -> {
        journal.addAll(drafts);
        return drafts;
    };
    private final Capability learning = new Capability();
    private final Executor executor = new Executor();

    /** An executor that records what it applied and rolled back. */
    static final class Executor implements ActionExecutor {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<String> rolledBack = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public ExecutionResult apply(ProposedAction action) {
            if (failure != null) {
                throw failure;
            }
            applied.add(action.id());
            return ExecutionResult.ok("set " + action.target(), Map.of("previous", 1));
        }

        @Override
        public ExecutionResult rollback(ProposedAction action, ExecutionResult result) {
            rolledBack.add(action.id() + ":" + result.effect().get("previous"));
            return ExecutionResult.ok("restored", Map.of());
        }
    }

    static final class Capability implements AutonomousCapability {
        final AtomicInteger halts = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();

        @Override
        public String name() {
            return "learning";
        }

        @Override
        public Map<String, Object> status() {
            return Map.of();
        }

        @Override
        public void halt() {
            halts.incrementAndGet();
        }

        @Override
        public void resume() {
            resumes.incrementAndGet();
        }
    }

    private Governor governor(GovernorSettings s) {
        Governor g = new Governor(clock, store, sink, () -> List.of(learning), s);
        g.executors(Map.of("learning", executor, "goals", executor, "agents", executor));
        return g;
    }

    private ProposedAction action(String capability, String kind, String target, boolean reversible) {
        return ProposedAction.of(capability, kind, target, Map.of("value", 2), reversible, "faster", clock.instant());
    }

    private ProposedAction action(String kind, String target) {
        return action("learning", kind, target, true);
    }

    private List<AuditEntry.Type> types(String proposalId) {
        return journal.stream().filter(e -> e.proposalId().equals(proposalId)).map(AuditEntry::type).toList();
    }

    private List<AuditEntry.Type> types() {
        return journal.stream().map(AuditEntry::type).toList();
    }

    // ------------------------------------------------------------------ modes

    @Test
    void offRejectsSuggestQueuesAutoApplies() {
        Governor g = governor(GovernorSettings.DEFAULTS.withModes(Mode.SUGGEST, Map.of("learning.a", Mode.OFF,
                "learning.c", Mode.AUTO)));
        Decision off = g.submit(action("a", "t:a"));
        assertThat(off.outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(off.reason()).isEqualTo("mode of learning.a is off (key learning.a)");

        ProposedAction b = action("b", "t:b");
        Decision suggest = g.submit(b);
        assertThat(suggest.outcome()).isEqualTo(Decision.Outcome.QUEUED);
        assertThat(suggest.reason()).contains("mode suggest, key defaultMode");
        assertThat(g.pending()).containsExactly(b);

        ProposedAction c = action("c", "t:c");
        Decision auto = g.submit(c);
        assertThat(auto.applied()).isTrue();
        assertThat(auto.execution().orElseThrow().message()).isEqualTo("set t:c");
        assertThat(executor.applied).containsExactly(c.id());
        assertThat(types(c.id())).containsExactly(AuditEntry.Type.PROPOSED, AuditEntry.Type.APPROVED,
                AuditEntry.Type.APPLIED);
        assertThat(types(b.id())).containsExactly(AuditEntry.Type.PROPOSED, AuditEntry.Type.QUEUED);
    }

    @Test
    void theMostSpecificModeKeyWinsAndOperatorModesLayerOnTop() {
        Governor g = governor(GovernorSettings.DEFAULTS.withModes(Mode.OFF, Map.of("learning", Mode.SUGGEST,
                "learning.tool.policy", Mode.AUTO)));
        assertThat(g.mode("learning", "tool.policy")).isEqualTo(Mode.AUTO);
        assertThat(g.mode("learning", "tool.policy.retries")).isEqualTo(Mode.AUTO);
        assertThat(g.mode("learning", "routing")).isEqualTo(Mode.SUGGEST);
        assertThat(g.mode("goals", "goal.create")).isEqualTo(Mode.OFF);

        assertThat(g.setMode("learning", Mode.OFF, ALICE)).containsExactly("learning.tool.policy");
        assertThat(g.mode("learning", "routing")).isEqualTo(Mode.OFF);
        assertThat(g.mode("learning", "tool.policy")).isEqualTo(Mode.AUTO);
        g.setMode("learning.tool.policy", Mode.SUGGEST, ALICE);
        assertThat(g.mode("learning", "tool.policy")).isEqualTo(Mode.SUGGEST);
        g.resetMode("learning.tool.policy", ALICE);
        assertThat(g.mode("learning", "tool.policy")).isEqualTo(Mode.AUTO);
        assertThatThrownBy(() -> g.resetMode("goals", ALICE))
                .hasMessage("no operator mode for 'goals'; operator modes: [learning]");
        assertThat(journal).filteredOn(e -> e.type() == AuditEntry.Type.MODE_CHANGED).hasSize(3)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo(ALICE));
        // operator modes survive a restart
        assertThat(governor(GovernorSettings.DEFAULTS).mode("learning", "context")).isEqualTo(Mode.OFF);
    }

    @Test
    void outOfTheBoxOnlyLearningRoutingIsAuto() {
        Governor g = governor(GovernorSettings.DEFAULTS);
        assertThat(g.mode("learning", "routing")).isEqualTo(Mode.AUTO);
        assertThat(g.mode("learning", "routing.weights")).isEqualTo(Mode.AUTO);
        assertThat(g.mode("learning", "tool.policy")).isEqualTo(Mode.SUGGEST);
        assertThat(g.mode("agents", "agent.create")).isEqualTo(Mode.SUGGEST);
    }

    // ------------------------------------------------------------------ the order of checks

    @Test
    void checksRunInOrderHaltPausedOffLeaseBudgetExecutorSuggest() {
        Governor g = governor(GovernorSettings.DEFAULTS.withModes(Mode.AUTO, Map.of("learning.off", Mode.OFF,
                "learning.wait", Mode.SUGGEST)).withBudgets(Map.of("learning.scarce", 0), 20, 3, 5, 100));
        ProposedAction holder = action("hold", "t:held");
        assertThat(g.submit(holder).applied()).isTrue();

        // a proposal failing every check is rejected by the first: the halt
        g.halt("test", ALICE);
        assertThat(g.submit(action("off", "t:held")).reason()).startsWith("autonomy is halted");
        g.resume(ALICE);
        // runaway pause comes next
        for (int i = 0; i < 5; i++) {
            g.reportValidation(holder.id(), false, Map.of(), false);
        }
        assertThat(g.submit(action("off", "t:held")).reason()).startsWith("capability learning is paused");
        g.resume("learning", ALICE);
        assertThat(g.submit(action("off", "t:held")).reason()).startsWith("mode of learning.off is off");
        assertThat(g.submit(action("scarce", "t:held")).reason()).startsWith("target t:held is leased");
        assertThat(g.submit(action("scarce", "t:free")).reason())
                .startsWith("budget actionsPerHour[learning.scarce] exhausted");
        assertThat(g.submit(action("self-improvement", "x", "t:free", true)).reason())
                .isEqualTo("no executor for capability self-improvement (its bundle is stopped or gone)");
        assertThat(g.submit(action("wait", "t:free")).outcome()).isEqualTo(Decision.Outcome.QUEUED);
    }

    @Test
    void aLeaseConflictNamesTheHolderItsProposalAndWhenItEnds() {
        Governor g = governor(AUTO);
        ProposedAction first = action("tool.policy", "tool:x");
        g.submit(first);
        Decision second = g.submit(action("goals", "goal.tune", "tool:x", true));
        assertThat(second.reason()).isEqualTo("target tool:x is leased by capability learning (proposal "
                + first.id() + ") until 2026-01-01T00:10:00Z (in 10 min)");
        // a non-reversible action on another target holds no lease
        assertThat(g.submit(action("learning", "note", "tool:y", false)).applied()).isTrue();
        assertThat(g.leases()).hasSize(1);
    }

    @Test
    void aLeaseExpiresAtItsTimeLimitAndIsAudited() {
        Governor g = governor(AUTO);
        ProposedAction first = action("tool.policy", "tool:x");
        g.submit(first);
        clock.advance(Duration.ofSeconds(599));
        assertThat(g.submit(action("tool.policy", "tool:x")).outcome()).isEqualTo(Decision.Outcome.REJECTED);
        clock.advance(Duration.ofSeconds(1));
        ProposedAction next = action("tool.policy", "tool:x");
        assertThat(g.submit(next).applied()).isTrue();
        assertThat(types(first.id())).contains(AuditEntry.Type.EXPIRED);
        assertThat(g.applied(first.id()).orElseThrow().open()).isFalse();
    }

    @Test
    void theSweeperExpiresLeasesWithoutNewProposals() {
        Governor g = governor(AUTO);
        ProposedAction first = action("tool.policy", "tool:x");
        g.submit(first);
        clock.advance(Duration.ofMinutes(11));
        g.sweep();
        assertThat(types(first.id())).endsWith(AuditEntry.Type.EXPIRED);
        assertThat(g.leases()).isEmpty();
    }

    @Test
    void validationDoneReleaseAndRollbackEndTheLease() {
        Governor g = governor(AUTO);
        ProposedAction a = action("k", "t:1");
        ProposedAction b = action("k", "t:2");
        ProposedAction c = action("k", "t:3");
        g.submit(a);
        g.submit(b);
        g.submit(c);
        assertThat(g.leases()).hasSize(3);
        g.reportValidation(a.id(), true, Map.of("effect", 0.2), true);
        g.release(b.id());
        assertThat(g.rollback(c.id(), "worse", Actor.capability("learning")).success()).isTrue();
        assertThat(g.leases()).isEmpty();
        assertThat(executor.rolledBack).containsExactly(c.id() + ":1");
        assertThat(types(a.id())).endsWith(AuditEntry.Type.VALIDATED);
        assertThat(types(b.id())).endsWith(AuditEntry.Type.RELEASED);
        assertThat(types(c.id())).endsWith(AuditEntry.Type.ROLLED_BACK);
        assertThat(g.rollback(c.id(), "again", ALICE).message()).isEqualTo("action " + c.id()
                + " was already rolled back");
    }

    // ------------------------------------------------------------------ budgets

    @Test
    void twoPerHourBudgetRejectsTheThirdAtThirtyMinutesAndFreesUpAtSixty() {
        Governor g = governor(AUTO.withBudgets(Map.of("learning.tool", 2), 20, 3, 5, 100));
        assertThat(g.submit(action("learning", "tool.policy", "t:1", false)).applied()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(g.submit(action("learning", "tool.timeout", "t:2", false)).applied()).isTrue();
        clock.advance(Duration.ofMinutes(20));
        Decision third = g.submit(action("learning", "tool.policy", "t:3", false));
        assertThat(third.outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(third.reason()).isEqualTo("budget actionsPerHour[learning.tool] exhausted: 2 per hour; room "
                + "again at 2026-01-01T01:00:00Z (in 30 min)");
        // another kind of the capability has its own budget (the capability's default, 20)
        assertThat(g.submit(action("learning", "routing", "t:4", false)).applied()).isTrue();
        assertThat(g.budgets()).contains(new BudgetView("actionsPerHour[learning.tool]", 2, 2,
                T0.plus(Duration.ofMinutes(60)).toEpochMilli()));
        clock.advance(Duration.ofMinutes(30));
        assertThat(g.submit(action("learning", "tool.policy", "t:5", false)).applied()).isTrue();
    }

    @Test
    void agentGlobalAndExperimentBudgets() {
        Governor g = governor(AUTO.withBudgets(Map.of(), 100, 1, 2, 4));
        assertThat(g.submit(action("agents", "agent.create", "agent:a", false)).applied()).isTrue();
        assertThat(g.submit(action("agents", "agent.create", "agent:b", false)).reason())
                .startsWith("budget agentsPerHour exhausted: 1 per hour");
        assertThat(g.submit(action("k", "t:1")).applied()).isTrue();
        assertThat(g.submit(action("k", "t:2")).applied()).isTrue();
        assertThat(g.submit(action("k", "t:3")).reason())
                .startsWith("budget maxConcurrentExperiments exhausted: 2 open at once");
        assertThat(g.submit(action("goals", "note", "t:4", false)).applied()).isTrue();
        assertThat(g.submit(action("goals", "note", "t:5", false)).reason())
                .startsWith("budget globalActionsPerHour exhausted: 4 per hour");
    }

    @Test
    void budgetHistorySurvivesARestart() {
        Governor g = governor(AUTO.withBudgets(Map.of("learning", 1), 20, 3, 5, 100));
        g.submit(action("learning", "x", "t:1", false));
        Governor again = governor(AUTO.withBudgets(Map.of("learning", 1), 20, 3, 5, 100));
        assertThat(again.submit(action("learning", "x", "t:2", false)).reason())
                .startsWith("budget actionsPerHour[learning] exhausted");
    }

    // ------------------------------------------------------------------ runaway detection

    @Test
    void threeRollbacksOfOneTargetWithinTheWindowPauseTheCapability() {
        Governor g = governor(AUTO);
        for (int i = 0; i < 3; i++) {
            ProposedAction a = action("tool.policy", "tool:x");
            assertThat(g.submit(a).applied()).isTrue();
            g.rollback(a.id(), "worse", Actor.capability("learning"));
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(g.pausedCapabilities()).containsEntry("learning", "3 rollbacks of tool:x within 60 min");
        assertThat(types()).contains(AuditEntry.Type.PAUSED);
        assertThat(g.submit(action("tool.policy", "tool:y")).reason())
                .isEqualTo("capability learning is paused (3 rollbacks of tool:x within 60 min); the operator "
                        + "resumes it with autonomy:resume learning");
        // other capabilities go on
        assertThat(g.submit(action("goals", "g", "t:g", false)).applied()).isTrue();
        // the pause survives a restart, until the operator resumes
        Governor again = governor(AUTO);
        assertThat(again.pausedCapabilities()).containsKey("learning");
        again.resume("learning", ALICE);
        assertThat(again.submit(action("tool.policy", "tool:y")).applied()).isTrue();
    }

    @Test
    void rollbacksSpreadOutDoNotPause() {
        Governor g = governor(AUTO);
        for (int i = 0; i < 3; i++) {
            ProposedAction a = action("tool.policy", "tool:x");
            assertThat(g.submit(a).applied()).isTrue();
            g.rollback(a.id(), "worse", Actor.capability("learning"));
            clock.advance(Duration.ofMinutes(40));
        }
        assertThat(g.pausedCapabilities()).isEmpty();
    }

    @Test
    void fiveValidationsWithoutGainPauseAndAGainResetsTheCount() {
        Governor g = governor(AUTO);
        ProposedAction a = action("k", "t:1");
        g.submit(a);
        for (int i = 0; i < 4; i++) {
            g.reportValidation(a.id(), false, Map.of(), false);
        }
        g.reportValidation(a.id(), true, Map.of(), false);
        for (int i = 0; i < 4; i++) {
            g.reportValidation(a.id(), false, Map.of(), false);
        }
        assertThat(g.pausedCapabilities()).isEmpty();
        g.reportValidation(a.id(), false, Map.of(), false);
        assertThat(g.pausedCapabilities()).containsEntry("learning", "5 validations in a row without gain");
    }

    // ------------------------------------------------------------------ halt

    @Test
    void haltStopsEveryCapabilityRejectsEverythingAndSurvivesARestartUntilResume() {
        Governor g = governor(AUTO);
        ProposedAction queued = action("k", "t:q");
        g.setMode("learning.k", Mode.SUGGEST, ALICE);
        g.submit(queued);
        g.halt("incident 42", Actor.client("claude"));
        assertThat(learning.halts).hasValue(1);
        assertThat(g.isHalted()).isTrue();
        assertThat(g.submit(action("goals", "g", "t:g", false)).reason()).startsWith("autonomy is halted since "
                + "2026-01-01T00:00:00Z by mcp_client:claude (incident 42)");
        assertThat(g.approve(queued.id(), ALICE).reason()).startsWith("not approved now: autonomy is halted")
                .endsWith("the proposal stays queued");
        assertThat(g.pending()).hasSize(1);

        Governor again = governor(AUTO);
        assertThat(again.isHalted()).isTrue();
        again.resume(ALICE);
        assertThat(learning.resumes).hasValue(1);
        assertThat(again.submit(action("goals", "g", "t:g2", false)).applied()).isTrue();
        assertThat(types()).contains(AuditEntry.Type.HALTED, AuditEntry.Type.RESUMED);
    }

    @Test
    void aCapabilityArrivingDuringAHaltIsHaltedAtOnce() {
        Governor g = governor(AUTO);
        g.halt("stop", ALICE);
        Capability late = new Capability();
        g.capabilityAdded(late);
        assertThat(late.halts).hasValue(1);
    }

    // ------------------------------------------------------------------ approvals

    @Test
    void aProposerWithdrawsAWaitingProposalAndTheJournalSaysWho() {
        Governor g = governor(GovernorSettings.DEFAULTS);
        ProposedAction a = action("tool.policy", "tool:x");
        g.submit(a);
        assertThat(g.withdraw(a.id(), "evidence is old")).isTrue();
        assertThat(g.pending()).isEmpty();
        assertThat(g.withdraw(a.id(), "again")).isFalse();
        assertThat(journal).filteredOn(e -> e.proposalId().equals(a.id()) && e.type() == AuditEntry.Type.REJECTED)
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(a.requestedBy());
                    assertThat(e.summary()).isEqualTo("withdrawn by " + a.requestedBy() + ": evidence is old");
                });
        assertThat(executor.applied).isEmpty();
        assertThat(governor(GovernorSettings.DEFAULTS).pending()).isEmpty(); // gone from the store too
    }

    @Test
    void approvingRunsTheExecutorEvenAfterARestartAndRejectingDrops() {
        Governor g = governor(GovernorSettings.DEFAULTS);
        ProposedAction a = action("tool.policy", "tool:x");
        ProposedAction b = action("tool.policy", "tool:y");
        g.submit(a);
        g.submit(b);
        assertThat(executor.applied).isEmpty();

        Governor again = governor(GovernorSettings.DEFAULTS);
        assertThat(again.pending()).containsExactly(a, b);
        Decision d = again.approve(a.id(), ALICE);
        assertThat(d.applied()).isTrue();
        assertThat(executor.applied).containsExactly(a.id());
        assertThat(again.reject(b.id(), "not now", ALICE).reason()).isEqualTo("rejected by operator:alice: not now");
        assertThat(again.pending()).isEmpty();
        assertThat(journal).filteredOn(e -> e.proposalId().equals(a.id()) && e.type() == AuditEntry.Type.APPROVED)
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(ALICE));
        assertThat(types(b.id())).endsWith(AuditEntry.Type.REJECTED);
        assertThat(again.approve("nope", ALICE).reason()).isEqualTo("no queued proposal nope");
    }

    @Test
    void approvalsAreSubjectToLeasesAndBudgetsAgain() {
        Governor g = governor(GovernorSettings.DEFAULTS.withModes(Mode.SUGGEST, Map.of("learning.fast", Mode.AUTO)));
        ProposedAction queued = action("slow", "tool:x");
        g.submit(queued);
        g.submit(action("fast", "tool:x"));
        Decision d = g.approve(queued.id(), ALICE);
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(d.reason()).contains("target tool:x is leased by capability learning");
        assertThat(g.pending()).containsExactly(queued);
    }

    @Test
    void proposalsWhoseOwnerStaysGoneExpire() {
        Governor g = governor(GovernorSettings.DEFAULTS);
        ProposedAction a = action("k", "t:1");
        g.submit(a);
        g.executors(Map.of("goals", executor));
        clock.advance(Duration.ofHours(23));
        g.sweep();
        assertThat(g.pending()).hasSize(1);
        clock.advance(Duration.ofHours(1));
        g.sweep();
        assertThat(g.pending()).isEmpty();
        assertThat(types(a.id())).endsWith(AuditEntry.Type.EXPIRED);
    }

    @Test
    void anOwnerComingBackKeepsItsProposals() {
        Governor g = governor(GovernorSettings.DEFAULTS);
        g.submit(action("k", "t:1"));
        g.executors(Map.of());
        clock.advance(Duration.ofHours(12));
        g.executors(Map.of("learning", executor));
        clock.advance(Duration.ofHours(20));
        g.sweep();
        assertThat(g.pending()).hasSize(1);
    }

    // ------------------------------------------------------------------ failures

    @Test
    void anExecutorThrowingGivesAFailedResultWithASafeMessageAndFreesTheLease() {
        Governor g = governor(AUTO);
        executor.failure = new IllegalStateException("secret /etc/passwd");
        Decision d = g.submit(action("k", "t:1"));
        assertThat(d.approved()).isTrue();
        assertThat(d.applied()).isFalse();
        assertThat(d.execution().orElseThrow().message()).startsWith("internal error in the executor of learning (ref ")
                .doesNotContain("passwd");
        assertThat(g.leases()).isEmpty();
        assertThat(types(d.proposalId())).endsWith(AuditEntry.Type.APPLY_FAILED);
    }

    @Test
    void withoutAJournalNothingIsDone() {
        Governor g = new Governor(clock, store, drafts -> {
            throw new IllegalStateException("disk full");
        }, List::of, AUTO);
        g.executors(Map.of("learning", executor));
        Decision d = g.submit(action("k", "t:1"));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(d.reason()).isEqualTo("the audit journal is unavailable; nothing was done");
        assertThat(executor.applied).isEmpty();
        assertThat(g.leases()).isEmpty();
    }

    @Test
    void aProposalIdIsDecidedOnce() {
        Governor g = governor(AUTO);
        ProposedAction a = action("k", "t:1");
        g.submit(a);
        g.release(a.id());
        assertThat(g.submit(a).reason()).isEqualTo("proposal id " + a.id() + " was already submitted");
    }

    @Test
    void concurrentProposalsOnOneTargetGetOneLease() throws Exception {
        Governor g = governor(AUTO.withBudgets(Map.of(), 1000, 3, 1000, 1000));
        List<Thread> threads = new ArrayList<>();
        AtomicInteger applied = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                for (int j = 0; j < 50; j++) {
                    if (g.submit(action("k", "tool:shared")).applied()) {
                        applied.incrementAndGet();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(applied).hasValue(1);
    }

    @Test
    void anOldActionIsNotRolledBackOverANewerOneHoldingItsTarget() {
        Governor g = governor(AUTO);
        ProposedAction first = action("tool.policy", "tool:x");
        assertThat(g.submit(first).applied()).isTrue();
        g.release(first.id());
        ProposedAction second = action("tool.policy", "tool:x");
        assertThat(g.submit(second).applied()).isTrue();

        ExecutionResult refused = g.rollback(first.id(), "undo", ALICE);
        assertThat(refused.success()).isFalse();
        assertThat(refused.message()).contains("tool:x is leased by capability learning (proposal " + second.id());
        assertThat(executor.rolledBack).isEmpty();

        assertThat(g.rollback(second.id(), "undo", ALICE).success()).isTrue();
        assertThat(g.rollback(first.id(), "undo", ALICE).success()).isTrue();
        assertThat(executor.rolledBack).containsExactly(second.id() + ":1", first.id() + ":1");
    }

    @Test
    void aHaltWaitsForAnApplyUnderWayAndStopsWhatIsNotAppliedYet() throws Exception {
        Governor g = governor(AUTO);
        java.util.concurrent.CountDownLatch inApply = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ActionExecutor slow = new ActionExecutor() {
            @Override
            public ExecutionResult apply(ProposedAction action) throws Exception {
                inApply.countDown();
                release.await(5, java.util.concurrent.TimeUnit.SECONDS);
                return ExecutionResult.ok("slow", Map.of());
            }

            @Override
            public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) {
                return ExecutionResult.ok("undone", Map.of());
            }
        };
        g.executors(Map.of("learning", slow));
        var applying = java.util.concurrent.CompletableFuture.supplyAsync(() -> g.submit(action("k", "t:slow")));
        assertThat(inApply.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var halting = java.util.concurrent.CompletableFuture.runAsync(() -> g.halt("stop", ALICE));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!g.isHalted() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // await the halt flag (set at once by the halting thread)
        }
        assertThat(g.isHalted()).isTrue();
        assertThat(halting).isNotDone(); // halt returns only once the apply under way has ended
        release.countDown();
        halting.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(applying.get(5, java.util.concurrent.TimeUnit.SECONDS).applied()).isTrue();
    }
}
