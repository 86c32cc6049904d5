package dev.autonomy.learning.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.testkit.RecordingExecutor;
import dev.autonomy.testkit.TestGovernor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verdicts carried out: shown worse, refused or unknown rollbacks, failed holdout ends, stacked experiments, halted,
 * without a governor.
 */
class ExperimentVerdictsTest extends LearnerFixture {

    // ------------------------------------------------------------------ verdicts

    @Test
    void anAdaptationShownWorseIsReportedWithoutGainOnceAndRolledBack() throws IOException {
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        taggedCalls(l, "flaky", a.id(), false, 200, 2);
        taggedCalls(l, "flaky", a.id(), true, 30, 0);
        awaitRecorded(l, requests);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(validations()).singleElement().satisfies(v -> {
            assertThat(v.data()).containsEntry("improved", false).containsEntry("done", true);
            assertThat(object(v.data(), "evidence")).containsEntry("shownWorse", true);
        });
        assertThat(rollbacks()).singleElement().satisfies(r -> assertThat(r.data().get("reason").toString())
                .contains("worse with confidence"));
        assertThat(policies.overrides).isEmpty();
        l.runCycle();
        assertThat(validations()).hasSize(1);
    }

    @Test
    void aRollbackTheGovernorRefusesIsNotUndoneLocallyButTriedAgain() throws IOException {
        options = options.withLearning(options.learning().withMaxExperimentUnits(100));
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        Map<String, Object> applied = new LinkedHashMap<>(policies.overrides.get("flaky"));
        taggedCalls(l, "flaky", a.id(), false, 90, 3);
        taggedCalls(l, "flaky", a.id(), true, 10, 3);
        awaitRecorded(l, requests);
        // the experiment's lease runs out and another proposal takes the target: undoing would overwrite its change
        governor.advance(Duration.ofSeconds(governor.settings().leaseSeconds()));
        ProposedAction other = ProposedAction.of("other", "tool.policy", "tool:flaky", Map.of(), true, "another change",
                clock.instant());
        assertThat(governor.withMode("other", Mode.AUTO).executor("other", new RecordingExecutor()).submit(other)
                .applied()).isTrue();
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).as("still active: not undone behind the governor's back")
                .isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(policies.overrides.get("flaky")).as("the override is untouched").isEqualTo(applied);
        assertThat(noteOf(l, a.id())).startsWith("revert pending: the governor did not roll it back (");
        assertThat(governor.rollback(a.id(), "", TestGovernor.OPERATOR).failure()).as("the governor's refusal")
                .isEqualTo(FailureCode.TARGET_LEASED);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.ACTIVE);

        governor.release(other.id());
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(policies.overrides).isEmpty();
        assertThat(validations()).as("inconclusive: never reported as no gain").isEmpty();
    }

    @Test
    void anAdaptationTheGovernorHasNoRecordOfIsUndoneLocally() throws IOException {
        options = options.withLearning(options.learning().withMaxExperimentUnits(100));
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        // the governor's store was reset: a governor with no record of the adaptation
        governor = new TestGovernor(clock, GovernorSettings.DEFAULTS).executor(Learner.CAPABILITY, l::apply, l::rollback);
        assertThat(governor.rollback(a.id(), "", TestGovernor.OPERATOR).failure()).isEqualTo(FailureCode.NOT_APPLIED);
        taggedCalls(l, "flaky", a.id(), false, 90, 3);
        taggedCalls(l, "flaky", a.id(), true, 10, 3);
        awaitRecorded(l, requests);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(noteOf(l, a.id())).startsWith("reverted locally (the governor has no record of it)");
        assertThat(policies.overrides).isEmpty();
    }

    @Test
    void endingTheHoldoutOfAKeptAdaptationIsTriedAgainWhenItFails() throws IOException {
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        taggedCalls(l, "flaky", a.id(), false, 200, 0);
        taggedCalls(l, "flaky", a.id(), true, 30, 3);
        awaitRecorded(l, requests);
        policies.failWrites = true;
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.KEPT);
        assertThat(policies.overrides.get("flaky")).containsEntry(ToolPolicyKeys.EXPERIMENT, a.id());
        assertThat(noteOf(l, a.id())).contains("ending the holdout failed");
        l.runCycle();
        assertThat(policies.overrides.get("flaky")).containsEntry(ToolPolicyKeys.EXPERIMENT, a.id());

        policies.failWrites = false;
        l.runCycle();
        assertThat(policies.overrides.get("flaky")).isEqualTo(Map.of("tool", "flaky", "retries", 1L));
        assertThat(noteOf(l, a.id())).startsWith("kept: better with confidence").endsWith("; holdout ended");
        assertThat(validations()).as("reported once").hasSize(1);
    }

    @Test
    void stackedPolicyExperimentsOnOneToolUndoOnlyTheirOwnKeys() throws IOException {
        tools.put("pure", ToolAnnotations.PURE);
        governor.withMode("learning", Mode.AUTO);
        Learner l = learner();
        flakyCalls(l, "pure", 60);
        awaitRecorded(l, requests);
        l.runCycle();
        Adaptation retry = only(l, Adaptation.Kind.RETRY);
        clock.advance(Duration.ofSeconds(5));
        taggedCalls(l, "pure", retry.id(), false, 200, 0);
        taggedCalls(l, "pure", retry.id(), true, 30, 3);
        awaitRecorded(l, requests);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.KEPT);
        assertThat(policies.overrides.get("pure")).isEqualTo(Map.of("tool", "pure", "retries", 1L));

        // a cache on the same tool: the experiment names its key, so its holdout keeps the kept retry
        Adaptation cache = new Adaptation("learning-cache-tool_pure-1", Adaptation.Kind.CACHE, "tool:pure",
                Map.of("tool", "pure", "settings", Map.of("cacheTtlMs", 60_000L), "previous", Map.of("cacheTtlMs",
                        0L)), 0.1, Adaptation.Metric.SLOW, 2000, Adaptation.Status.PROPOSED, clock.instant(), null,
                null, new dev.autonomy.learning.core.Evidence(100, 0.5, 0.99), "cache");
        assertThat(governor.submit(cache.toProposedAction()).applied()).isTrue();
        assertThat(policies.overrides.get("pure")).containsEntry("retries", 1L).containsEntry("cacheTtlMs", 60_000L)
                .containsEntry(ToolPolicyKeys.EXPERIMENT, cache.id())
                .containsEntry(ToolPolicyKeys.EXPERIMENT_KEYS, "cacheTtlMs");
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 230; i++) { // fast with the cache, slow without
            boolean holdout = i % 8 == 0;
            l.onEvent(end(nextId(), "pure", SessionEventTypes.OUTCOME_SUCCESS, Map.of(
                    SessionEventTypes.EXPERIMENT, cache.id(), SessionEventTypes.VARIANT, holdout ? "holdout"
                            : "treatment", SessionEventTypes.DURATION_MICROS, holdout ? 5000L : 10L)));
        }
        awaitRecorded(l, requests);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.CACHE).status()).isEqualTo(Adaptation.Status.KEPT);
        assertThat(policies.overrides.get("pure")).isEqualTo(Map.of("tool", "pure", "retries", 1L,
                "cacheTtlMs", 60_000L));

        // reverting the older retry leaves the newer cache in force
        ExecutionResult r = l.revert(retry.id(), Actor.operator("me"));
        assertThat(r.success()).as(r.message()).isTrue();
        assertThat(policies.overrides.get("pure")).isEqualTo(Map.of("tool", "pure", "cacheTtlMs", 60_000L));
        assertThat(validations()).as("a revert by hand is no validation").hasSize(2)
                .allSatisfy(v -> assertThat(v.data()).containsEntry("improved", true));
    }

    @Test
    void haltedLearningStillRevertsAndKeepsOnlyAfterTheResume() throws IOException {
        options = options.withLearning(options.learning().withMaxExperimentUnits(100));
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        l.halt();
        taggedCalls(l, "flaky", a.id(), false, 90, 3);
        taggedCalls(l, "flaky", a.id(), true, 10, 3);
        awaitRecorded(l, requests);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).as("a revert is carried out while halted")
                .isEqualTo(Adaptation.Status.REVERTED);
        assertThat(rollbacks()).singleElement().satisfies(r -> assertThat(r.data().get("reason").toString())
                .contains("learning: not shown better"));
        assertThat(policies.overrides).isEmpty();
    }

    @Test
    void aKeepWaitsWhileHaltedButNotBeyondTheExperimentsLimit() throws IOException {
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        l.halt();
        taggedCalls(l, "flaky", a.id(), false, 200, 0);
        taggedCalls(l, "flaky", a.id(), true, 30, 3);
        awaitRecorded(l, requests);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(noteOf(l, a.id())).startsWith("better with confidence; kept once autonomy resumes");
        assertThat(validations()).isEmpty();
        l.resume();
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.KEPT);

        // another one, halted until its time is up: reverted, so that no holdout runs for ever
        Adaptation b = activeRetry(l, "other");
        l.halt();
        taggedCalls(l, "other", b.id(), false, 200, 0);
        taggedCalls(l, "other", b.id(), true, 30, 3);
        awaitRecorded(l, requests);
        clock.advance(options.learning().maxExperimentDuration());
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(noteOf(l, b.id())).contains("not kept within").contains("autonomy is halted");
    }

    @Test
    void withoutAGovernorNoAdviceIsServedAndRevertsAreCarriedOutLocally() throws IOException {
        options = options.withLearning(options.learning().withMaxExperimentUnits(100));
        agents.put("c", List.of("good", "bad"));
        governor.withMode("learning.routing", Mode.AUTO);
        Learner l = learner();
        routeCalls(l, 60);
        awaitRecorded(l, 120);
        l.runCycle();
        Adaptation a = only(l, Adaptation.Kind.ROUTING);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("g" + i, "c")))
                .anyMatch(Optional::isPresent)).isTrue();
        governorPresent = false;
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("n" + i, "c")))
                .allMatch(Optional::isEmpty)).as("no governor: no advice").isTrue();
        clock.advance(Duration.ofSeconds(5));
        routeCalls(l, 60);
        awaitRecorded(l, 240);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.ROUTING).status()).as("not frozen with its holdout")
                .isEqualTo(Adaptation.Status.REVERTED);
        assertThat(noteOf(l, a.id())).startsWith("reverted locally (no governor runs");
        assertThat(rollbacks()).isEmpty();
    }
}
