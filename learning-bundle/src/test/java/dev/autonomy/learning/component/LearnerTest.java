package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.Holdout;
import dev.autonomy.learning.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The learner with a governor, tool policies and a container in memory: events in, cycles run by hand, proposals,
 * experiments kept and reverted, advice, feedback, restarts.
 */
class LearnerTest {

    private static final ToolAnnotations IDEMPOTENT = new ToolAnnotations(null, true, false, true, false, false);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T10:00:00Z"));
    private final FakeGovernor governor = new FakeGovernor();
    private final FakePolicies policies = new FakePolicies();
    private final Map<String, ToolAnnotations> tools = new LinkedHashMap<>();
    private final Map<String, List<String>> agents = new LinkedHashMap<>();
    private final List<Learner> open = new ArrayList<>();
    private boolean governorPresent = true;
    private RuntimeException environmentFailure;
    private int requests;

    private LearningOptions options = LearningOptions.DEFAULTS.withRandomSeed(7)
            .withStore(StoreSettings.DEFAULTS.withSync(false).withGroupCommitMillis(0));

    private Learner learner() throws IOException {
        Learner l = new Learner(dir, options, clock, new LearningEnvironment() {
            @Override
            public Optional<AutonomyGovernor> governor() {
                if (environmentFailure != null) {
                    throw environmentFailure;
                }
                return governorPresent ? Optional.of(governor) : Optional.empty();
            }

            @Override
            public Map<String, ToolAnnotations> tools() {
                return Map.copyOf(tools);
            }

            @Override
            public Map<String, List<String>> agentsByCapability() {
                return Map.copyOf(agents);
            }
        }, policies);
        governor.learner = l;
        open.add(l);
        return l;
    }

    @AfterEach
    void close() {
        open.forEach(Learner::close);
    }

    // ------------------------------------------------------------------ events

    private String nextId() {
        return "req-" + (++requests);
    }

    private SessionEvent routed(String rid, String capability, String chosen, double propensity) {
        return new SessionEvent(SessionEventTypes.AGENT_ROUTED, "s1", rid, clock.instant(), Map.of(
                SessionEventTypes.CAPABILITY, capability, SessionEventTypes.CHOSEN, chosen,
                SessionEventTypes.CANDIDATES, List.of("good", "bad"), SessionEventTypes.PROPENSITY, propensity));
    }

    private SessionEvent end(String rid, String tool, String outcome, Map<String, Object> extra) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(SessionEventTypes.TOOL, tool);
        d.put(SessionEventTypes.DURATION_MICROS, 1000L);
        d.put(SessionEventTypes.OUTCOME, outcome);
        d.put(SessionEventTypes.ARGUMENT_BYTES, 20L);
        d.put(SessionEventTypes.DEPTH, 0L);
        d.putAll(extra);
        boolean ok = outcome.equals(SessionEventTypes.OUTCOME_SUCCESS);
        if (!ok) {
            d.put(SessionEventTypes.ERROR_CLASS, outcome.equals(SessionEventTypes.OUTCOME_INTERNAL_ERROR)
                    ? "IllegalStateException" : "ToolError");
        }
        return new SessionEvent(ok ? SessionEventTypes.REQUEST_COMPLETED : SessionEventTypes.REQUEST_FAILED, "s1", rid,
                clock.instant(), d);
    }

    /** {@code n} routed calls of capability c, alternating good and bad; the bad agent fails every third call. */
    private void routeCalls(Learner l, int n) {
        for (int i = 0; i < n; i++) {
            String rid = nextId();
            boolean good = i % 2 == 0;
            l.onEvent(routed(rid, "c", good ? "good" : "bad", 0.5));
            boolean ok = good || (i / 2) % 3 != 0;
            l.onEvent(end(rid, "agent_route", ok ? SessionEventTypes.OUTCOME_SUCCESS
                    : SessionEventTypes.OUTCOME_TOOL_ERROR, Map.of()));
        }
    }

    private void awaitRecorded(Learner l, long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (((Number) l.status().get("experiencesRecorded")).longValue() < n) {
            assertThat(System.nanoTime()).as("recorded " + n).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static McpRequest route(String requestId, String capability) {
        return new McpRequest("s1", requestId, Optional.empty(), McpRequest.TOOLS_CALL, "agent_route",
                Map.of("capability", capability, "input", Map.of()), null, Instant.now(), 0);
    }

    private Adaptation only(Learner l, Adaptation.Kind kind) {
        List<Map<String, Object>> all = l.adaptations();
        return all.stream().filter(m -> m.get("kind").equals(kind.name().toLowerCase()))
                .map(Adaptation::fromJson).findFirst().orElseThrow(() -> new AssertionError("no " + kind + ": "
                        + all));
    }

    private String noteOf(Learner l, String id) {
        return l.adaptations().stream().filter(m -> m.get("id").equals(id)).map(m -> (String) m.get("note"))
                .findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ routing

    @Test
    void learnsRoutingAppliesItThroughTheGovernorAndAdvisesAllButTheHoldout() throws IOException {
        agents.put("c", List.of("good", "bad"));
        governor.modes.put("learning.routing", Mode.AUTO);
        Learner l = learner();
        routeCalls(l, 60);
        awaitRecorded(l, 120); // each call: the routing decision and the agent_route request
        l.runCycle();

        Adaptation a = only(l, Adaptation.Kind.ROUTING);
        assertThat(a.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(a.target()).isEqualTo("capability:c");
        assertThat(governor.submitted).containsExactly(a.id());

        int advised = 0;
        int holdout = 0;
        for (int i = 0; i < 400; i++) {
            String rid = "probe-" + i;
            Optional<Enhancement> e = l.advice(route(rid, "c"));
            if (Holdout.isHoldout(rid, a.id(), a.holdoutShare())) {
                holdout++;
                assertThat(e).as("no advice for the holdout").isEmpty();
            } else {
                advised++;
                Map<String, Double> w = e.orElseThrow().routing().orElseThrow().weights();
                assertThat(w.get("good")).isGreaterThan(0.9);
                assertThat(w.get("bad")).isGreaterThanOrEqualTo(0.02);
            }
        }
        assertThat(holdout).isBetween(20, 60);
        assertThat(advised).isGreaterThan(300);
        assertThat(l.advice(route("x", "other"))).isEmpty();
        assertThat(l.advice(new McpRequest("s1", "y", Optional.empty(), McpRequest.TOOLS_CALL, "text_reverse",
                Map.of("capability", "c"), null, Instant.now(), 0))).isEmpty();

        // learn:evaluate estimates what is served: the learned weights mixed with the holdout
        assertThat(l.evaluate()).singleElement().satisfies(row -> {
            assertThat(row.policy()).isEqualTo("learned+holdout");
            assertThat(row.holdoutShare()).isEqualTo(a.holdoutShare());
        });

        l.halt();
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("h" + i, "c")))
                .allMatch(Optional::isEmpty)).as("halted: no advice").isTrue();
        assertThat(l.evaluate()).singleElement().satisfies(row -> assertThat(row.policy()).isEqualTo("uniform"));
        assertThat(l.context(route("h", "c"))).containsEntry("halted", true);
        l.resume();
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("r" + i, "c")))
                .anyMatch(Optional::isPresent)).isTrue();
        assertThat(l.context(route("h", "c"))).containsKeys("learning_history", "current_adaptations",
                "learning_opportunities", "learning_effectiveness");
    }

    @Test
    void aRunningExperimentSurvivesARestart() throws IOException {
        agents.put("c", List.of("good", "bad"));
        governor.modes.put("learning.routing", Mode.AUTO);
        Learner l = learner();
        routeCalls(l, 60);
        awaitRecorded(l, 120);
        l.runCycle();
        String id = only(l, Adaptation.Kind.ROUTING).id();
        l.close();
        open.remove(l);

        Learner again = learner();
        Adaptation a = only(again, Adaptation.Kind.ROUTING);
        assertThat(a.id()).isEqualTo(id);
        assertThat(a.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> again.advice(route("n" + i, "c")))
                .anyMatch(Optional::isPresent)).as("advice before the first cycle after the restart").isTrue();
        again.runCycle();
        assertThat(again.snapshot().patterns().experiences()).isEqualTo(120L);
    }

    @Test
    void anOperatorRevertsByHandThroughTheGovernor() throws IOException {
        agents.put("c", List.of("good", "bad"));
        governor.modes.put("learning.routing", Mode.AUTO);
        Learner l = learner();
        routeCalls(l, 60);
        awaitRecorded(l, 120);
        l.runCycle();
        String id = l.resolveId("learning-routing");
        ExecutionResult r = l.revert(id, Actor.operator("me"));
        assertThat(r.success()).as(r.message()).isTrue();
        assertThat(governor.rollbacks).singleElement().asString().contains("operator:me");
        assertThat(only(l, Adaptation.Kind.ROUTING).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("v" + i, "c")))
                .allMatch(Optional::isEmpty)).isTrue();
        assertThat(l.revert(id, Actor.operator("me")).message()).contains("reverted already");
        assertThatThrownBy(() -> l.resolveId("nope")).hasMessageContaining("no adaptation 'nope'");
    }

    // ------------------------------------------------------------------ tool policies

    /** {@code n} calls of tool t; every third fails with an exception (a transient failure). */
    private void flakyCalls(Learner l, String tool, int n) {
        for (int i = 0; i < n; i++) {
            l.onEvent(end(nextId(), tool, i % 3 == 0 ? SessionEventTypes.OUTCOME_INTERNAL_ERROR
                    : SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        }
    }

    /** Calls as the foundation reports them under an experiment. */
    private void taggedCalls(Learner l, String tool, String experiment, boolean holdout, int n, int failEvery) {
        for (int i = 0; i < n; i++) {
            boolean fail = failEvery > 0 && i % failEvery == 0;
            l.onEvent(end(nextId(), tool, fail ? SessionEventTypes.OUTCOME_INTERNAL_ERROR
                    : SessionEventTypes.OUTCOME_SUCCESS, Map.of(SessionEventTypes.EXPERIMENT, experiment,
                    SessionEventTypes.VARIANT, holdout ? "holdout" : "treatment")));
        }
    }

    @Test
    void aTransientlyFailingToolGetsARetryThatIsKeptWhenItHelps() throws IOException {
        tools.put("flaky", IDEMPOTENT);
        governor.modes.put("learning", Mode.AUTO);
        Learner l = learner();
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, 60);
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
        FakeGovernor.Validation v = governor.validations.get(0);
        assertThat(v.id()).isEqualTo(a.id());
        assertThat(v.improved()).isTrue();
        assertThat(v.done()).isTrue();
        assertThat(v.evidence()).containsEntry("verdict", "keep").containsEntry("treatmentUnits", 200L)
                .containsEntry("holdoutBad", 10L);
        assertThat(policies.overrides.get("flaky")).as("kept: every call retries, no holdout any more")
                .isEqualTo(Map.of("tool", "flaky", "retries", 1L));
        assertThat(noteOf(l, a.id())).startsWith("kept: better with confidence");
    }

    @Test
    void anAdaptationThatDoesNotHelpIsRevertedWithItsEvidence() throws IOException {
        options = options.withLearning(options.learning().withMaxExperimentUnits(100));
        tools.put("broken", IDEMPOTENT);
        governor.modes.put("learning", Mode.AUTO);
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
        assertThat(governor.validations).as("no no-gain validation for mere lack of proof").isEmpty();
        // ... but an audited rollback, its evidence in the effect the journal records
        assertThat(governor.rollbacks).singleElement().asString().contains("capability:learning")
                .contains("not shown better within 100 units");
        assertThat(governor.rollbackResults).singleElement().satisfies(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> evidence = (Map<String, Object>) r.effect().get("evidence");
            assertThat(evidence).containsEntry("verdict", "revert").containsEntry("shownWorse", false)
                    .containsEntry("treatmentBad", 30L);
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
        governor.reject(a.id());
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
        synchronized (governor) { // applied, but learning never heard of it (it stopped in between)
            governor.appliedActions.put(id, governor.queued.remove(id));
        }
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

    // ------------------------------------------------------------------ feedback, forget

    @Test
    void feedbackOnARoutedRequestCountsForItsAgentAlsoAfterARestart() throws IOException {
        agents.put("c", List.of("good", "bad"));
        Learner l = learner();
        l.onEvent(routed("r1", "c", "good", 0.5));
        l.onEvent(end("r1", "agent_route", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        l.onEvent(end("r2", "text_reverse", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        awaitRecorded(l, 3);
        Map<String, Object> f = l.feedback("s1", "r1", null, 5, "great");
        assertThat(f).containsEntry("provider", "agent:good").containsEntry("rating", 5)
                .containsEntry("commentKept", false);
        assertThat(l.feedback("s1", "r2", "", 2, null)).containsEntry("provider", "tool:text_reverse");
        assertThat(l.feedback("s2", null, "agent:bad", 1, null)).containsEntry("provider", "agent:bad");
        assertThatThrownBy(() -> l.feedback("s1", "r9", null, 4, null))
                .hasMessageContaining("no request r9 is known to learning");
        assertThatThrownBy(() -> l.feedback("s1", "r1", null, 7, null)).hasMessageContaining("rating must be 1..5");
        assertThatThrownBy(() -> l.feedback("s2", null, "bob", 3, null))
                .hasMessageContaining("provider must be tool:<name> or agent:<id>");
        assertThatThrownBy(() -> l.feedback("s2", null, null, 3, null)).hasMessageContaining("give the requestId");
        l.close();
        open.remove(l);

        Learner again = learner();
        assertThatThrownBy(() -> again.feedback("s1", "r1", null, 4, null))
                .as("from memory only: no store scan on the request path").hasMessageContaining("no request r1");
        again.runCycle(); // the first cycle fills the memory of recent requests from the store
        assertThat(again.feedback("s1", "r1", null, 4, null)).containsEntry("provider", "agent:good");
        again.runCycle();
        assertThat(again.snapshot().patterns().userPreferences()).anySatisfy(u -> {
            assertThat(u.provider()).isEqualTo("agent:good");
            assertThat(u.ratings()).isEqualTo(2);
        });
    }

    @Test
    void aRequestIsRatedOnlyFromItsOwnSessionAndAProviderMustBeKnown() throws IOException {
        agents.put("c", List.of("good", "bad"));
        tools.put("live", IDEMPOTENT);
        Learner l = learner();
        l.onEvent(routed("r1", "c", "good", 0.5));
        l.onEvent(end("r1", "agent_route", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        awaitRecorded(l, 2);
        assertThatThrownBy(() -> l.feedback("intruder", "r1", null, 1, null))
                .as("another session's request: not found, and its provider not revealed")
                .hasMessageContaining("no request r1 is known to learning in this session")
                .hasMessageNotContaining("good");
        assertThatThrownBy(() -> l.feedback("intruder", "r1", "agent:good", 1, null))
                .hasMessageContaining("no request r1 is known to learning in this session");
        assertThat(l.feedback("s1", "r1", null, 4, null)).containsEntry("provider", "agent:good");
        assertThat(l.feedback("x", null, "tool:live", 4, null)).as("a live tool").containsEntry("rating", 4);
        assertThat(l.feedback("x", null, "agent:bad", 2, null)).as("a live agent").containsEntry("rating", 2);
        assertThatThrownBy(() -> l.feedback("x", null, "tool:agent_route", 3, null))
                .hasMessageContaining("no provider 'tool:agent_route' is known");
        l.runCycle();
        assertThat(l.feedback("x", null, "tool:agent_route", 3, null)).as("seen by learning (in its patterns)")
                .containsEntry("rating", 3);
        assertThatThrownBy(() -> l.feedback("x", null, "tool:made_up", 1, null))
                .hasMessageContaining("no provider 'tool:made_up' is known");
        assertThatThrownBy(() -> l.feedback("x", null, "agent:ghost", 1, null))
                .hasMessageContaining("no provider 'agent:ghost' is known");
    }

    @Test
    void aSessionRatesAtMostThirtyTimesAMinute() throws IOException {
        tools.put("live", IDEMPOTENT);
        Learner l = learner();
        for (int i = 0; i < Learner.MAX_RATINGS_PER_MINUTE; i++) {
            l.feedback("eager", null, "tool:live", 5, null);
        }
        assertThatThrownBy(() -> l.feedback("eager", null, "tool:live", 5, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too many ratings from this session");
        assertThat(l.feedback("calm", null, "tool:live", 5, null)).as("other sessions are not affected")
                .containsEntry("rating", 5);
        clock.advance(Duration.ofSeconds(61));
        assertThat(l.feedback("eager", null, "tool:live", 5, null)).containsEntry("rating", 5);
    }

    @Test
    void forgettingASessionDeletesWhatWasLearnedFromIt() throws IOException {
        Learner l = learner();
        l.onEvent(end("a1", "t", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        l.onEvent(new SessionEvent(SessionEventTypes.REQUEST_COMPLETED, "other", "b1", clock.instant(),
                Map.of(SessionEventTypes.TOOL, "t", SessionEventTypes.OUTCOME, "success")));
        awaitRecorded(l, 2);
        assertThat(l.forget("s1")).isEqualTo(1);
        l.runCycle();
        assertThat(l.snapshot().patterns().experiences()).isEqualTo(1);
        assertThatThrownBy(() -> l.forget(" ")).hasMessage("give a session id");
        assertThatThrownBy(() -> l.feedback("s1", "a1", null, 3, null)).as("its requests are gone from memory too")
                .hasMessageContaining("no request a1 is known");
        assertThat(l.feedback("other", "b1", null, 3, null)).containsEntry("provider", "tool:t");
    }

    @Test
    void forgettingASessionWithdrawsThePreferencesItsRatingsMadeAndItsRatingCount() throws IOException {
        tools.put("t", IDEMPOTENT);
        tools.put("u", IDEMPOTENT);
        governor.modes.put("learning", Mode.AUTO);
        Learner l = learner();
        for (int i = 0; i < 6; i++) {
            l.feedback("fan", null, "tool:t", 5, null);
            l.feedback("critic", null, "tool:u", 1, null);
        }
        l.runCycle();
        Adaptation context = only(l, Adaptation.Kind.CONTEXT);
        assertThat(context.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(context.payload().get("preferences").toString()).contains("tool:t").contains("tool:u");
        for (int i = 6; i < Learner.MAX_RATINGS_PER_MINUTE; i++) {
            l.feedback("fan", null, "tool:t", 5, null);
        }
        assertThatThrownBy(() -> l.feedback("fan", null, "tool:t", 5, null)).hasMessageContaining("too many");

        assertThat(l.forget("fan")).isEqualTo(Learner.MAX_RATINGS_PER_MINUTE);
        assertThat(l.feedback("fan", null, "tool:t", 5, null)).as("its rating count went too")
                .containsEntry("rating", 5);
        l.runCycle();
        Adaptation after = only(l, Adaptation.Kind.CONTEXT);
        assertThat(after.payload().get("preferences").toString()).as("tool:t's preference came from the forgotten "
                + "session's ratings").doesNotContain("tool:t").contains("tool:u");
        assertThat(noteOf(l, after.id())).contains("preferences re-checked after a session was forgotten: 1 withdrawn");
        String served = l.context(route("any", "c")).get("preferences").toString()
                + l.context(route("other", "c")).get("preferences");
        assertThat(served).doesNotContain("tool:t");
    }

    // ------------------------------------------------------------------ verdicts

    /** A retry of tool {@code tool}, active. */
    private Adaptation activeRetry(Learner l, String tool) {
        tools.put(tool, IDEMPOTENT);
        governor.modes.put("learning", Mode.AUTO);
        flakyCalls(l, tool, 60);
        awaitRecorded(l, requests);
        l.runCycle();
        Adaptation a = only(l, Adaptation.Kind.RETRY);
        assertThat(a.status()).isEqualTo(Adaptation.Status.ACTIVE);
        clock.advance(Duration.ofSeconds(5));
        return a;
    }

    @Test
    void anAdaptationShownWorseIsReportedWithoutGainOnceAndRolledBack() throws IOException {
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        taggedCalls(l, "flaky", a.id(), false, 200, 2);
        taggedCalls(l, "flaky", a.id(), true, 30, 0);
        awaitRecorded(l, requests);
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(governor.validations).singleElement().satisfies(v -> {
            assertThat(v.improved()).isFalse();
            assertThat(v.done()).isTrue();
            assertThat(v.evidence()).containsEntry("shownWorse", true);
        });
        assertThat(governor.rollbacks).singleElement().asString().contains("worse with confidence");
        assertThat(policies.overrides).isEmpty();
        l.runCycle();
        assertThat(governor.validations).hasSize(1);
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
        governor.refuseRollbacks = "target tool:flaky is leased by proposal other-1";
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).as("still active: not undone behind the governor's back")
                .isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(policies.overrides.get("flaky")).as("the override is untouched").isEqualTo(applied);
        assertThat(noteOf(l, a.id())).startsWith("revert pending: the governor did not roll it back (target "
                + "tool:flaky is leased");
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.ACTIVE);

        governor.refuseRollbacks = null;
        l.runCycle();
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(policies.overrides).isEmpty();
        assertThat(governor.validations).as("inconclusive: never reported as no gain").isEmpty();
    }

    @Test
    void anAdaptationTheGovernorHasNoRecordOfIsUndoneLocally() throws IOException {
        options = options.withLearning(options.learning().withMaxExperimentUnits(100));
        Learner l = learner();
        Adaptation a = activeRetry(l, "flaky");
        synchronized (governor) {
            governor.appliedActions.remove(a.id()); // e.g. the governor's store was reset
        }
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
        assertThat(governor.validations).as("reported once").hasSize(1);
    }

    @Test
    void stackedPolicyExperimentsOnOneToolUndoOnlyTheirOwnKeys() throws IOException {
        tools.put("pure", ToolAnnotations.PURE);
        governor.modes.put("learning", Mode.AUTO);
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
        assertThat(governor.validations).as("a revert by hand is no validation").hasSize(2)
                .allSatisfy(v -> assertThat(v.improved()).isTrue());
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
        assertThat(governor.rollbacks).singleElement().asString().contains("learning: not shown better");
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
        assertThat(governor.validations).isEmpty();
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
        governor.modes.put("learning.routing", Mode.AUTO);
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
        assertThat(governor.rollbacks).isEmpty();
    }

    // ------------------------------------------------------------------ proposals

    @Test
    void queuedProposalsDoNotHoldUpAutomaticRoutingAndExpireAfterADay() throws IOException {
        options = options.withLearning(options.learning().withMaxConcurrentExperiments(1));
        tools.put("flaky", IDEMPOTENT);
        agents.put("c", List.of("good", "bad"));
        governor.modes.put("learning.routing", Mode.AUTO); // tool.policy: suggest
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

    // ------------------------------------------------------------------ privacy, status

    @Test
    void capabilityGapsKeepNoRawNamesUnlessRawValuesAreKept() throws IOException {
        Learner l = learner();
        for (int i = 0; i < 2; i++) {
            l.onEvent(new SessionEvent(SessionEventTypes.CAPABILITY_GAP, "s1", "g" + i, clock.instant(), Map.of(
                    SessionEventTypes.CAPABILITY, "payroll.export", SessionEventTypes.INPUT_SHAPE,
                    Map.of("employeeEmail", "string", "salary", "number"))));
        }
        awaitRecorded(l, 2);
        l.close();
        open.remove(l);
        List<dev.autonomy.learning.core.LearningExperience> stored;
        try (var store = dev.autonomy.learning.store.ExperienceStore.open(dir, options.store(), clock)) {
            stored = store.scan(Instant.EPOCH);
        }
        assertThat(stored).hasSize(2).allSatisfy(x -> {
            assertThat(x.provider()).matches("capability:#[0-9a-f]{16}");
            assertThat(x.inputFeatures()).isEqualTo(Map.of("fields", 2L, "fieldTypes", Map.of("number", 1L,
                    "string", 1L)));
            assertThat(x.toString()).doesNotContain("payroll").doesNotContain("employeeEmail");
        });
        assertThat(stored.get(0).provider()).as("repeated gaps still group").isEqualTo(stored.get(1).provider());

        options = options.withKeepRawValues(true);
        Learner raw = learner();
        raw.onEvent(new SessionEvent(SessionEventTypes.CAPABILITY_GAP, "s1", "g9", clock.instant(), Map.of(
                SessionEventTypes.CAPABILITY, "payroll.export", SessionEventTypes.INPUT_SHAPE,
                Map.of("employeeEmail", "string"))));
        awaitRecorded(raw, 1);
        raw.close();
        open.remove(raw);
        try (var store = dev.autonomy.learning.store.ExperienceStore.open(dir, options.store(), clock)) {
            assertThat(store.scan(Instant.EPOCH).get(2).provider()).isEqualTo("capability:payroll.export");
        }
    }

    @Test
    void theStatusShowsErrorsAsAClassAndAReferenceNeverTheirTextOrPaths() throws IOException {
        Learner l = learner();
        environmentFailure = new IllegalStateException("cannot read /srv/secret/place/config.json");
        l.cycleQuietly();
        environmentFailure = null;
        java.nio.file.Files.createDirectories(dir.resolve(AdaptationBook.FILE + ".tmp")); // saving fails
        tools.put("flaky", IDEMPOTENT);
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, requests);
        l.runCycle(); // proposes: the book cannot be saved
        Map<String, Object> status = l.status();
        assertThat(status.get("lastCycleError").toString()).matches("IllegalStateException \\(ref [0-9a-f]{8}\\)");
        assertThat(status.get("adaptationsError").toString()).matches("[A-Za-z]+Exception \\(ref [0-9a-f]{8}\\)");
        assertThat(JsonText.write(status)).doesNotContain("/srv").doesNotContain(dir.toString())
                .doesNotContain("secret");
    }
}
