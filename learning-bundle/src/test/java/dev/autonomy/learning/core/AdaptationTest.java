package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.learning.core.Adaptation.Kind;
import dev.autonomy.learning.core.Adaptation.Metric;
import dev.autonomy.learning.core.Adaptation.Status;
import dev.autonomy.learning.core.Knowledge.Insight;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.autonomy.learning.core.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdaptationTest {

    private static final Evidence E = new Evidence(120, 0.3, 0.99);

    private static Adaptation cache() {
        return new Adaptation("learning-cache-tool_t-1", Kind.CACHE, "tool:t", Map.of("tool", "t", "settings",
                Map.of("cacheTtlMs", 60000L), "previous", Map.of("cacheTtlMs", 0L)), 0.1, Metric.SLOW, 2500,
                Status.PROPOSED, T0, null, null, E, "cache t");
    }

    @Test
    void theProposalCarriesEverythingTheExecutorNeedsAfterARestart() {
        Adaptation a = cache();
        ProposedAction p = a.toProposedAction();
        assertThat(p.capability()).isEqualTo("learning");
        assertThat(p.kind()).isEqualTo("tool.policy");
        assertThat(p.reversible()).isTrue();
        assertThat(p.requestedBy()).isEqualTo(Actor.capability("learning"));
        Adaptation back = Adaptation.fromProposedAction(p);
        assertThat(back).isEqualTo(a);
    }

    @Test
    void aProposalOfAnotherCapabilityOrKindIsRefused() {
        ProposedAction p = cache().toProposedAction();
        ProposedAction other = new ProposedAction(p.id(), "policy-tuner", p.kind(), p.target(), p.payload(), true,
                "", p.requestedBy(), T0);
        assertThatThrownBy(() -> Adaptation.fromProposedAction(other)).hasMessageContaining("not a proposal of");
        ProposedAction wrongKind = new ProposedAction(p.id(), "learning", "routing", p.target(), p.payload(), true,
                "", p.requestedBy(), T0);
        assertThatThrownBy(() -> Adaptation.fromProposedAction(wrongKind)).hasMessageContaining("does not go with");
    }

    @Test
    void storedFormRoundTripsThroughJsonText() {
        Adaptation a = cache().withStatus(Status.ACTIVE, T0.plusSeconds(5)).withStatus(Status.KEPT, T0.plusSeconds(9));
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) JsonText.parse(JsonText.write(a.toJson()));
        Adaptation back = Adaptation.fromJson(parsed);
        assertThat(back.id()).isEqualTo(a.id());
        assertThat(back.status()).isEqualTo(Status.KEPT);
        assertThat(back.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(back.decidedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(back.slowThresholdMicros()).isEqualTo(2500);
        assertThat(back.basis()).isEqualTo(E);
        assertThat(back.payload()).isEqualTo(a.payload());
    }

    @Test
    void aRejectedProposalIsClosedAndDatedLikeARevert() {
        Adaptation r = cache().withStatus(Status.REJECTED, T0.plusSeconds(3));
        assertThat(r.status().isOpen()).isFalse();
        assertThat(r.status().isDropped()).isTrue();
        assertThat(r.decidedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(Status.KEPT.isDropped()).isFalse();
    }

    @Test
    void aRejectedTargetWaitsForTheCooldownBeforeItIsProposedAgain() {
        Knowledge k = new Knowledge(Insight.CACHE_CANDIDATE, "tool:t", "repeats", Map.of("p50Micros", 100L), E);
        SystemFacts facts = new SystemFacts(Map.of("t", Fixtures.tool(dev.autonomy.foundation.api.tool
                .ToolAnnotations.PURE, Map.of(), Map.of())), Map.of());
        Adaptation rejected = cache().withStatus(Status.REJECTED, T0);
        LearningSettings s = LearningSettings.DEFAULTS;
        assertThat(BehaviorAdapter.adaptSystemBehavior(ActionableKnowledge.of(List.of(k)), List.of(rejected), facts,
                T0.plusSeconds(60), s)).isEmpty();
        assertThat(BehaviorAdapter.adaptSystemBehavior(ActionableKnowledge.of(List.of(k)), List.of(rejected), facts,
                T0.plus(s.revertCooldown()).plusSeconds(1), s)).hasSize(1);
    }
}
