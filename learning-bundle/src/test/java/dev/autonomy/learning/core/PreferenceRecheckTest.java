package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PreferenceRecheckTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Evidence EVIDENCE = new Evidence(6, 1.0, 0.95);

    private static Map<String, Object> pref(String provider, String preference, double mean, long ratings) {
        return Map.of("provider", provider, "preference", preference, "meanRating", mean, "ratings", ratings);
    }

    private static Adaptation context(String id, Adaptation.Status status, List<Object> preferences) {
        return new Adaptation(id, Adaptation.Kind.CONTEXT, "context:" + id, Map.of("preferences", preferences), 0.1,
                Adaptation.Metric.FAILURE, 0, status, T0, null, null, EVIDENCE, "preferences");
    }

    private static Knowledge knowledge(Knowledge.Insight insight, String provider, double mean, long ratings) {
        return new Knowledge(insight, provider, "rated", Map.of("meanRating", mean, "ratings", ratings), EVIDENCE);
    }

    private static ActionableKnowledge userAdaptations(Knowledge... ks) {
        return new ActionableKnowledge(List.of(), List.of(ks), List.of(), List.of());
    }

    @Test
    void aPreferenceThatStillHoldsGetsTheCurrentFiguresOneThatNoLongerDoesIsWithdrawn() {
        Adaptation a = context("ctx-1", Adaptation.Status.ACTIVE, List.of(pref("tool:t", "preferred", 5.0, 6),
                pref("tool:u", "disliked", 1.0, 6), pref("tool:v", "preferred", 4.5, 8)));
        ActionableKnowledge now = userAdaptations(
                knowledge(Knowledge.Insight.DISLIKED_PROVIDER, "tool:u", 1.5, 4L),
                knowledge(Knowledge.Insight.PREFERRED_PROVIDER, "tool:v", 4.0, 2L));

        List<PreferenceRecheck.Change> changes = PreferenceRecheck.recheck(List.of(a), Set.of("tool:t", "tool:u"),
                now);

        // tool:t: no knowledge left, withdrawn; tool:u: still disliked, refreshed; tool:v: not re-checked, as it was
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.adaptationId()).isEqualTo("ctx-1");
            assertThat(c.withdrawn()).isEqualTo(1);
            assertThat(c.payload().get("preferences")).isEqualTo(List.of(pref("tool:u", "disliked", 1.5, 4L),
                    pref("tool:v", "preferred", 4.5, 8)));
        });
    }

    @Test
    void aPreferenceThatTurnedIntoItsOppositeIsWithdrawn() {
        Adaptation a = context("ctx-1", Adaptation.Status.KEPT, List.of(pref("tool:t", "preferred", 5.0, 6)));
        List<PreferenceRecheck.Change> changes = PreferenceRecheck.recheck(List.of(a), Set.of("tool:t"),
                userAdaptations(knowledge(Knowledge.Insight.DISLIKED_PROVIDER, "tool:t", 1.0, 3L)));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.withdrawn()).isEqualTo(1);
            assertThat(c.payload().get("preferences")).isEqualTo(List.of());
        });
    }

    @Test
    void droppedAdaptationsOtherKindsAndUntouchedOnesAreLeftAlone() {
        Adaptation reverted = context("old", Adaptation.Status.REVERTED, List.of(pref("tool:t", "preferred", 5, 6)));
        Adaptation other = context("other", Adaptation.Status.ACTIVE, List.of(pref("tool:x", "preferred", 5, 6)));
        Adaptation routing = new Adaptation("r", Adaptation.Kind.ROUTING, "capability:c", Map.of("capability", "c",
                "agents", List.of("a", "b"), "floor", 0.02), 0.1, Adaptation.Metric.FAILURE, 0,
                Adaptation.Status.ACTIVE, T0, null, null, EVIDENCE, "route c");
        assertThat(PreferenceRecheck.recheck(List.of(reverted, other, routing), Set.of("tool:t"),
                ActionableKnowledge.EMPTY)).isEmpty();
        assertThat(PreferenceRecheck.recheck(List.of(other), Set.of(), ActionableKnowledge.EMPTY)).isEmpty();
    }
}
