package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.autonomy.learning.core.Fixtures.T0;
import static dev.autonomy.learning.core.Fixtures.routedCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RoutingAdvisorTest {

    private static Adaptation routing(Adaptation.Status status) {
        Adaptation a = new Adaptation("exp-r", Adaptation.Kind.ROUTING, "capability:sum",
                Map.of("agents", List.of("a", "b", "new"), "floor", 0.05), 0.2, Adaptation.Metric.FAILURE, 0,
                Adaptation.Status.PROPOSED, T0, null, null, new Evidence(1, 0, 0), "");
        return status == Adaptation.Status.PROPOSED ? a : a.withStatus(status, T0);
    }

    @Test
    void weightsCoverTheAgentsOfThePayloadAndThePatterns() {
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(List.of(
                routedCall(1, "sum", "a", true, 0.5), routedCall(2, "sum", "b", false, 0.5)));
        Map<String, Double> w = RoutingAdvisor.weights(routing(Adaptation.Status.ACTIVE), p,
                LearningSettings.DEFAULTS, new SplittableRandom(1));
        assertThat(w.keySet()).containsExactly("a", "b", "new");
        assertThat(w.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.05));
        assertThat(w.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-12));
    }

    @Test
    void theHoldoutGetsNoAdviceWhileTheExperimentRuns() {
        Adaptation active = routing(Adaptation.Status.ACTIVE);
        Map<String, Double> w = Map.of("a", 0.9, "b", 0.1);
        int advised = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = "req-" + i;
            boolean holdout = active.isHoldout(id);
            boolean got = RoutingAdvisor.advice(active, w, id).isPresent();
            assertThat(got).isEqualTo(!holdout);
            advised += got ? 1 : 0;
        }
        assertThat(advised / 10_000.0).isCloseTo(0.8, within(0.02));
        assertThat(RoutingAdvisor.advice(routing(Adaptation.Status.KEPT), w, "any").orElseThrow().weights())
                .isEqualTo(w);
        assertThat(RoutingAdvisor.advice(routing(Adaptation.Status.PROPOSED), w, "any")).isEmpty();
        assertThat(RoutingAdvisor.advice(routing(Adaptation.Status.ACTIVE).withStatus(Adaptation.Status.REVERTED, T0),
                w, "any")).isEmpty();
    }
}
