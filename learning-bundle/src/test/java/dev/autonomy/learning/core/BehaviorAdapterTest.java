package dev.autonomy.learning.core;

import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.Adaptation.Kind;
import dev.autonomy.learning.core.Adaptation.Status;
import dev.autonomy.learning.core.Knowledge.Insight;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.autonomy.learning.core.Fixtures.IDEMPOTENT;
import static dev.autonomy.learning.core.Fixtures.T0;
import static dev.autonomy.learning.core.Fixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;

class BehaviorAdapterTest {

    private static final LearningSettings S = LearningSettings.DEFAULTS;
    private static final Evidence E = new Evidence(100, 0.1, 0.99);

    private static Knowledge knowledge(Insight insight, String target, Map<String, Object> detail) {
        return new Knowledge(insight, target, "because", detail, E);
    }

    private static List<Adaptation> adapt(List<Knowledge> k, List<Adaptation> current, SystemFacts facts) {
        return AdaptiveLearning.adaptSystemBehavior(ActionableKnowledge.of(k), current, facts, T0, S);
    }

    private static SystemFacts facts(String name, SystemFacts.ToolFacts t) {
        return new SystemFacts(Map.of(name, t), Map.of());
    }

    private static final Knowledge BEST = knowledge(Insight.BEST_AGENT, "capability:sum", Map.of("arms", List.of(
            Map.of("agent", "a", "successes", 30L, "failures", 0L),
            Map.of("agent", "b", "successes", 21L, "failures", 9L))));
    private static final Knowledge TRANSIENT = knowledge(Insight.TRANSIENT_FAILURES, "tool:t", Map.of());

    @Test
    void aBestAgentStartsThompsonRoutingWithAHoldout() {
        Adaptation a = adapt(List.of(BEST), List.of(), SystemFacts.EMPTY).get(0);
        assertThat(a.kind()).isEqualTo(Kind.ROUTING);
        assertThat(a.target()).isEqualTo("capability:sum");
        assertThat(a.status()).isEqualTo(Status.PROPOSED);
        assertThat(a.holdoutShare()).isEqualTo(0.10);
        assertThat(a.metric()).isEqualTo(Adaptation.Metric.FAILURE);
        assertThat(a.payload()).containsEntry("capability", "sum").containsEntry("policy", "thompson")
                .containsEntry("floor", 0.02).containsEntry("agents", List.of("a", "b"));
        assertThat(a.basis()).isEqualTo(E);
        assertThat(a.id()).isEqualTo("learning-routing-capability_sum-" + T0.toEpochMilli());
    }

    @Test
    void routingTakesTheAgentsOfferingTheCapabilityNow() {
        Adaptation a = adapt(List.of(BEST), List.of(), new SystemFacts(Map.of(),
                Map.of("sum", List.of("a", "b", "c")))).get(0);
        assertThat(a.payload()).containsEntry("agents", List.of("a", "b", "c"));
        assertThat(adapt(List.of(BEST), List.of(), new SystemFacts(Map.of(), Map.of("sum", List.of("a")))))
                .isEmpty();
    }

    @Test
    void transientFailuresOfAnIdempotentToolGetARetry() {
        Adaptation a = adapt(List.of(TRANSIENT), List.of(), facts("t", tool(IDEMPOTENT,
                Map.of(ToolPolicyKeys.RETRIES, 0L), Map.of()))).get(0);
        assertThat(a.kind()).isEqualTo(Kind.RETRY);
        assertThat(a.payload()).containsEntry("tool", "t").containsEntry("settings", Map.of("retries", 1L))
                .containsEntry("previous", Map.of("retries", 0L));
        ProposedAction p = a.toProposedAction();
        assertThat(p.id()).isEqualTo(a.id());
        assertThat(p.capability()).isEqualTo("learning");
        assertThat(p.kind()).isEqualTo("tool.policy");
        assertThat(p.target()).isEqualTo("tool:t");
        assertThat(p.reversible()).isTrue();
        assertThat(p.payload()).containsEntry("adaptationId", a.id()).containsEntry("holdoutShare", 0.1)
                .containsEntry("adaptation", "retry");
        assertThat(p.key()).isEqualTo("learning.tool.policy");
    }

    @Test
    void noRetryForToolsThatMayChangeThingsOrBeyondTheBounds() {
        assertThat(adapt(List.of(TRANSIENT), List.of(), facts("t", tool(ToolAnnotations.DEFAULTS, Map.of(),
                Map.of())))).isEmpty();
        assertThat(adapt(List.of(TRANSIENT), List.of(), SystemFacts.EMPTY)).isEmpty(); // unknown tool
        assertThat(adapt(List.of(TRANSIENT), List.of(), facts("t", tool(IDEMPOTENT, Map.of(),
                Map.of(ToolPolicyKeys.RETRIES, 0L))))).isEmpty(); // operator allows none
        assertThat(adapt(List.of(TRANSIENT), List.of(), facts("t", tool(IDEMPOTENT,
                Map.of(ToolPolicyKeys.RETRIES, 2L), Map.of())))).isEmpty(); // at maxRetries already
    }

    @Test
    void timeoutsAreRaisedWhenSuccessesComeCloseAndClampedToTheOperatorsBound() {
        Knowledge close = knowledge(Insight.TIMEOUT_PRESSURE, "tool:t", Map.of("p99Micros", 900_000L));
        SystemFacts.ToolFacts t = tool(IDEMPOTENT, Map.of(ToolPolicyKeys.TIMEOUT_MS, 1000L), Map.of());
        // max(1.5 · 1000, 2 · 900) = 1800
        assertThat(adapt(List.of(close), List.of(), facts("t", t)).get(0).payload())
                .containsEntry("settings", Map.of("timeoutMs", 1800L));
        SystemFacts.ToolFacts bounded = tool(IDEMPOTENT, Map.of(ToolPolicyKeys.TIMEOUT_MS, 1000L),
                Map.of(ToolPolicyKeys.TIMEOUT_MS, 1200L));
        assertThat(adapt(List.of(close), List.of(), facts("t", bounded)).get(0).payload())
                .containsEntry("settings", Map.of("timeoutMs", 1200L));
    }

    @Test
    void timeoutsAreLoweredWhenSuccessesAreFastSoHangingCallsFailEarlyAndAreRetried() {
        Knowledge fast = knowledge(Insight.TIMEOUT_PRESSURE, "tool:t", Map.of("p99Micros", 100_000L));
        SystemFacts.ToolFacts t = tool(IDEMPOTENT, Map.of(ToolPolicyKeys.TIMEOUT_MS, 1000L,
                ToolPolicyKeys.RETRIES, 1L), Map.of());
        Adaptation a = adapt(List.of(fast), List.of(), facts("t", t)).get(0);
        assertThat(a.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(a.payload()).containsEntry("settings", Map.of("timeoutMs", 400L));
        Knowledge between = knowledge(Insight.TIMEOUT_PRESSURE, "tool:t", Map.of("p99Micros", 500_000L));
        assertThat(adapt(List.of(between), List.of(), facts("t", t))).isEmpty();
    }

    @Test
    void withoutRetriesATimeLimitIsNeverLowered() {
        // a lower limit alone only turns slow successes into failures: under the failure metric it can never win
        Knowledge fast = knowledge(Insight.TIMEOUT_PRESSURE, "tool:t", Map.of("p99Micros", 100_000L));
        SystemFacts.ToolFacts t = tool(IDEMPOTENT, Map.of(ToolPolicyKeys.TIMEOUT_MS, 1000L), Map.of());
        assertThat(adapt(List.of(fast), List.of(), facts("t", t))).isEmpty();
    }

    @Test
    void aCacheOnlyForPureToolsWithoutOne() {
        Knowledge repeat = knowledge(Insight.CACHE_CANDIDATE, "tool:c", Map.of("p50Micros", 2000L));
        Adaptation a = adapt(List.of(repeat), List.of(), facts("c", tool(ToolAnnotations.PURE, Map.of(),
                Map.of()))).get(0);
        assertThat(a.kind()).isEqualTo(Kind.CACHE);
        assertThat(a.payload()).containsEntry("settings", Map.of("cacheTtlMs", 60_000L));
        assertThat(a.metric()).isEqualTo(Adaptation.Metric.SLOW);
        assertThat(a.slowThresholdMicros()).isEqualTo(2000);
        assertThat(adapt(List.of(repeat), List.of(), facts("c", tool(IDEMPOTENT, Map.of(), Map.of()))))
                .isEmpty(); // not session-independent
        assertThat(adapt(List.of(repeat), List.of(), facts("c", tool(ToolAnnotations.PURE,
                Map.of(ToolPolicyKeys.CACHE_TTL_MS, 5000L), Map.of())))).isEmpty(); // has a cache
    }

    @Test
    void preferencesGoIntoTheContext() {
        Knowledge liked = new Knowledge(Insight.PREFERRED_PROVIDER, "agent:x", "", Map.of("meanRating", 4.8,
                "ratings", 10L), new Evidence(10, 1.8, 0.999));
        Adaptation a = adapt(List.of(liked), List.of(), SystemFacts.EMPTY).get(0);
        assertThat(a.kind()).isEqualTo(Kind.CONTEXT);
        assertThat(a.target()).isEqualTo("context:adaptive_learning_context");
        assertThat(a.toProposedAction().kind()).isEqualTo("context");
        assertThat(a.payload().get("preferences")).isEqualTo(List.of(Map.of("provider", "agent:x",
                "preference", "preferred", "meanRating", 4.8, "ratings", 10L)));
    }

    @Test
    void oneOpenExperimentPerTarget() {
        Adaptation running = adapt(List.of(BEST), List.of(), SystemFacts.EMPTY).get(0).withStatus(Status.ACTIVE, T0);
        assertThat(adapt(List.of(BEST), List.of(running), SystemFacts.EMPTY)).isEmpty();
        Adaptation kept = running.withStatus(Status.KEPT, T0.plusSeconds(60));
        assertThat(adapt(List.of(BEST), List.of(kept), SystemFacts.EMPTY)).isEmpty();
    }

    @Test
    void aRevertedChangeWaitsForTheCooldown() {
        Adaptation reverted = adapt(List.of(BEST), List.of(), SystemFacts.EMPTY).get(0)
                .withStatus(Status.ACTIVE, T0).withStatus(Status.REVERTED, T0);
        Instant soon = T0.plus(Duration.ofMinutes(10));
        Instant later = T0.plus(Duration.ofHours(2));
        assertThat(AdaptiveLearning.adaptSystemBehavior(ActionableKnowledge.of(List.of(BEST)), List.of(reverted),
                SystemFacts.EMPTY, soon, S)).isEmpty();
        assertThat(AdaptiveLearning.adaptSystemBehavior(ActionableKnowledge.of(List.of(BEST)), List.of(reverted),
                SystemFacts.EMPTY, later, S)).hasSize(1);
    }

    @Test
    void noMoreThanTheConcurrentExperimentsAllowed() {
        SystemFacts f = facts("t", tool(IDEMPOTENT, Map.of(), Map.of()));
        List<Adaptation> two = AdaptiveLearning.adaptSystemBehavior(ActionableKnowledge.of(List.of(BEST, TRANSIENT)),
                List.of(), f, T0, S);
        assertThat(two).extracting(Adaptation::kind).containsExactly(Kind.ROUTING, Kind.RETRY);
        List<Adaptation> one = AdaptiveLearning.adaptSystemBehavior(ActionableKnowledge.of(List.of(BEST, TRANSIENT)),
                List.of(), f, T0, S.withMaxConcurrentExperiments(1));
        assertThat(one).extracting(Adaptation::kind).containsExactly(Kind.ROUTING);
    }

    @Test
    void proposalsWaitingForApprovalDoNotHoldUpAnAutomaticKind() {
        SystemFacts f = facts("t", tool(IDEMPOTENT, Map.of(), Map.of()));
        LearningSettings one = S.withMaxConcurrentExperiments(1);
        Adaptation waiting = adapt(List.of(TRANSIENT), List.of(), f).get(0); // a retry queued for a person
        assertThat(waiting.status()).isEqualTo(Status.PROPOSED);
        java.util.Set<Kind> routingAuto = java.util.EnumSet.of(Kind.ROUTING);
        // routing (auto) counts against the running experiments only: the queued retry does not block it
        assertThat(BehaviorAdapter.adaptSystemBehavior(ActionableKnowledge.of(List.of(BEST)), List.of(waiting), f,
                T0, one, routingAuto)).extracting(Adaptation::kind).containsExactly(Kind.ROUTING);
        // a running routing experiment fills the one slot of running experiments
        Adaptation running = adapt(List.of(BEST), List.of(), f).get(0).withStatus(Status.ACTIVE, T0);
        Knowledge other = knowledge(Insight.BEST_AGENT, "capability:other", BEST.detail());
        assertThat(BehaviorAdapter.adaptSystemBehavior(ActionableKnowledge.of(List.of(other)), List.of(running), f,
                T0, one, routingAuto)).isEmpty();
        // the queue of proposals waiting for approval is bounded too
        Knowledge transient2 = knowledge(Insight.TRANSIENT_FAILURES, "tool:u", Map.of());
        SystemFacts two = new SystemFacts(Map.of("t", tool(IDEMPOTENT, Map.of(), Map.of()), "u",
                tool(IDEMPOTENT, Map.of(), Map.of())), Map.of());
        assertThat(BehaviorAdapter.adaptSystemBehavior(ActionableKnowledge.of(List.of(transient2)),
                List.of(waiting), two, T0, one, routingAuto)).isEmpty();
        assertThat(BehaviorAdapter.adaptSystemBehavior(ActionableKnowledge.of(List.of(transient2)),
                List.of(waiting), two, T0, S.withMaxConcurrentExperiments(2), routingAuto)).hasSize(1);
    }

    @Test
    void informativeKnowledgeChangesNothing() {
        assertThat(adapt(List.of(knowledge(Insight.RELIABLE_PROVIDER, "tool:r", Map.of()),
                knowledge(Insight.LATENCY_REGRESSION, "tool:r", Map.of())), List.of(), SystemFacts.EMPTY)).isEmpty();
    }
}
