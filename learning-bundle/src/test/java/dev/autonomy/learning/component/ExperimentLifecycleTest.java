package dev.autonomy.learning.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.testkit.RecordingExecutor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proposals through the governor (queued, rejected, expired, applied while learning was down, after a restart) and
 * experiments kept or reverted with their evidence.
 */
class ExperimentLifecycleTest extends LearnerFixture {

    // ------------------------------------------------------------------ tool policies

    @Test
    void aTransientlyFailingToolGetsARetryThatIsKeptWhenItHelps() throws IOException {
        Learner l = afterFlakyCalls("flaky", 60);
        l.runCycle();
        Adaptation a = only(l, Adaptation.Kind.RETRY);
        assertThat(a.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(policies.overrides.get("flaky")).containsEntry("tool", "flaky").containsEntry("retries", 1L)
                .containsEntry(ToolPolicyKeys.HOLDOUT_SHARE, 0.1).containsEntry(ToolPolicyKeys.EXPERIMENT, a.id());

        clock.advance(Duration.ofSeconds(5));
        taggedCalls(l, "flaky", a.id(), false, 200, 0);
        taggedCalls(l, "flaky", a.id(), true, 30, 3);
        awaitRecorded(l, 290);
        l.runCycle();

        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.KEPT);
        AuditEntry v = validations().get(0);
        assertThat(v.proposalId()).isEqualTo(a.id());
        assertThat(v.data()).containsEntry("improved", true).containsEntry("done", true);
        assertThat(object(v.data(), "evidence")).containsEntry("verdict", "keep").containsEntry("treatmentUnits", 200L)
                .containsEntry("holdoutBad", 10L);
        assertThat(policies.overrides.get("flaky")).as("kept: every call retries, no holdout any more")
                .isEqualTo(Map.of("tool", "flaky", "retries", 1L));
        assertThat(noteOf(l, a.id())).startsWith("kept: better with confidence");
    }

    @Test
    void anAdaptationThatDoesNotHelpIsRevertedWithItsEvidence() throws IOException {
        options = options.withLearning(options.learning().withMaxExperimentUnits(100));
        tools.put("broken", IDEMPOTENT);
        governor.withMode("learning", Mode.AUTO);
        policies.overrides.put("broken", new LinkedHashMap<>(Map.of("tool", "broken", "timeoutMs", 2000L)));
        Learner l = learner();
        flakyCalls(l, "broken", 60);
        awaitRecorded(l, 60);
        l.runCycle();
        Adaptation a = only(l, Adaptation.Kind.RETRY);
        clock.advance(Duration.ofSeconds(5));
        taggedCalls(l, "broken", a.id(), false, 90, 3);
        taggedCalls(l, "broken", a.id(), true, 10, 3);
        awaitRecorded(l, 160);
        l.runCycle();

        Adaptation after = only(l, Adaptation.Kind.RETRY);
        assertThat(after.status()).isEqualTo(Adaptation.Status.REVERTED);
        // inconclusive (not worse): no validation without gain, which would count towards the no-gain pause ...
        assertThat(validations()).as("no no-gain validation for mere lack of proof").isEmpty();
        // ... but an audited rollback, its evidence in the effect the journal records
        assertThat(rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo(Actor.capability(Learner.CAPABILITY));
            assertThat(r.data().get("reason").toString()).contains("not shown better within 100 units");
            assertThat(object(object(r.data(), "effect"), "evidence")).containsEntry("verdict", "revert")
                    .containsEntry("shownWorse", false).containsEntry("treatmentBad", 30L);
        });
        assertThat(policies.overrides.get("broken")).as("the previous override is back")
                .isEqualTo(Map.of("tool", "broken", "timeoutMs", 2000L));
        assertThat(noteOf(l, a.id())).startsWith("reverted: not shown better");
        l.runCycle();
        assertThat(l.adaptations()).as("no new retry during the cooldown").hasSize(1);
    }

    @Test
    void aQueuedProposalWaitsAndARejectedOneCoolsDown() throws IOException {
        tools.put("flaky", IDEMPOTENT);
        tools.put("other", IDEMPOTENT);
        Learner l = learner(); // learning.tool.policy: suggest
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, 60);
        l.runCycle();
        Adaptation a = only(l, Adaptation.Kind.RETRY);
        assertThat(a.status()).isEqualTo(Adaptation.Status.PROPOSED);
        assertThat(noteOf(l, a.id())).startsWith("waiting for approval (autonomy:approve " + a.id());
        assertThat(policies.overrides).isEmpty();
        governor.reject(a.id(), "");
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REJECTED);
        assertThat(l.adaptations()).hasSize(1);

        flakyCalls(l, "other", 60);
        awaitRecorded(l, 120);
        l.runCycle();
        String id = l.adaptations().get(0).get("id").toString();
        assertThat(governor.approve(id).applied()).isTrue();
        assertThat(policies.overrides.get("other")).containsEntry("retries", 1L);
        assertThat(l.adaptations().get(0)).containsEntry("status", "active");
    }

    @Test
    void aProposalTheGovernorAppliedWhileLearningWasDownIsActive() throws IOException {
        tools.put("flaky", IDEMPOTENT);
        Learner l = learner();
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, 60);
        l.runCycle();
        String id = only(l, Adaptation.Kind.RETRY).id();
        // applied, but learning never heard of it (it stopped in between)
        governor.executor(Learner.CAPABILITY, new RecordingExecutor());
        assertThat(governor.approve(id).applied()).isTrue();
        governor.executor(Learner.CAPABILITY, l::apply, l::rollback);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(noteOf(l, id)).isEqualTo("active: applied by the governor");
    }

    @Test
    void withoutAGovernorLearningOnlyObserves() throws IOException {
        tools.put("flaky", IDEMPOTENT);
        governorPresent = false;
        Learner l = learner();
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, 60);
        l.runCycle();
        assertThat(l.adaptations()).isEmpty();
        assertThat(l.snapshot().knowledge().all()).isNotEmpty();
        assertThat(l.status()).containsEntry("governor", false);
    }

    @Test
    void anApprovalAfterARestartIsAppliedFromTheProposalAlone() throws IOException {
        tools.put("flaky", IDEMPOTENT);
        Learner l = learner();
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, 60);
        l.runCycle();
        Adaptation a = only(l, Adaptation.Kind.RETRY);
        l.close();
        open.remove(l);
        java.nio.file.Files.delete(dir.resolve(AdaptationBook.FILE)); // as if learning had lost its own record
        Learner again = learner();
        ExecutionResult r = again.apply(a.toProposedAction());
        assertThat(r.success()).as(r.message()).isTrue();
        assertThat(r.effect()).containsEntry("created", true).containsEntry("tool", "flaky");
        assertThat(only(again, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(policies.overrides.get("flaky")).containsEntry(ToolPolicyKeys.EXPERIMENT, a.id());
        ExecutionResult back = again.rollback(a.toProposedAction(), r);
        assertThat(back.success()).isTrue();
        assertThat(policies.overrides).isEmpty();
    }

    // ------------------------------------------------------------------ proposals

    @Test
    void queuedProposalsDoNotHoldUpAutomaticRoutingAndExpireAfterADay() throws IOException {
        options = options.withLearning(options.learning().withMaxConcurrentExperiments(1));
        tools.put("flaky", IDEMPOTENT);
        agents.put("c", List.of("good", "bad"));
        governor.withMode("learning.routing", Mode.AUTO); // tool.policy: suggest
        Learner l = learner();
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, requests);
        l.runCycle();
        Adaptation retry = only(l, Adaptation.Kind.RETRY);
        assertThat(retry.status()).isEqualTo(Adaptation.Status.PROPOSED);

        routeCalls(l, 60);
        awaitRecorded(l, requests + 60);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.ROUTING).status()).as("one slot, but the queued retry does not take it")
                .isEqualTo(Adaptation.Status.ACTIVE);

        clock.advance(ExperimentLifecycle.PROPOSAL_TTL.plusMinutes(1));
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REJECTED);
        assertThat(noteOf(l, retry.id())).startsWith("expired: not approved within 24 h");
        // withdrawn from the governor's queue: nobody can approve the old evidence any more
        assertThat(governor.pending()).noneMatch(p -> p.id().equals(retry.id()));
        // and an executor call that arrives anyway (an approval racing the withdrawal) is refused
        ExecutionResult late = l.apply(retry.toProposedAction());
        assertThat(late.success()).isFalse();
        assertThat(late.message()).contains("expired");
        assertThat(policies.overrides).isEmpty();
    }
}
