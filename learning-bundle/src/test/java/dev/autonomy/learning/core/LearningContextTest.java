package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.autonomy.learning.core.Fixtures.T0;
import static dev.autonomy.learning.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

class LearningContextTest {

    @Test
    @SuppressWarnings("unchecked")
    void hasTheSeedsFourPartsAndThePreferencesOfAKeptContextAdaptation() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            xs.add(call(i, "r", true, 100, 10));
        }
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(xs);
        ActionableKnowledge k = AdaptiveLearning.extractActionableKnowledge(p, LearningSettings.DEFAULTS);
        Adaptation context = new Adaptation("ctx-1", Adaptation.Kind.CONTEXT, "context:adaptive_learning_context",
                Map.of("preferences", List.of(Map.of("provider", "agent:x", "preference", "preferred"))), 0.1,
                Adaptation.Metric.FAILURE, 0, Adaptation.Status.PROPOSED, T0, null, null, new Evidence(1, 1, 1), "")
                .withStatus(Adaptation.Status.ACTIVE, T0).withStatus(Adaptation.Status.KEPT, T0.plusSeconds(9));
        EffectivenessReport report = AdaptiveLearning.validateLearningEffectiveness(
                context.withStatus(Adaptation.Status.ACTIVE, T0), new ArmStats(100, 0), new ArmStats(10, 5),
                T0.plusSeconds(9), LearningSettings.DEFAULTS);
        Map<String, Object> ext = LearningContext.extension(p, k, List.of(context), List.of(report), 5);
        assertThat(ext).containsKeys("learning_history", "current_adaptations", "learning_opportunities",
                "learning_effectiveness", "preferences");
        assertThat((Map<String, Object>) ext.get("learning_history")).containsEntry("experiences", 1000L);
        assertThat((List<Object>) ext.get("learning_opportunities")).hasSize(1); // tool:r is reliable
        assertThat((Map<String, Object>) ext.get("learning_effectiveness")).containsEntry("kept", 1L)
                .containsEntry("keepRate", 1.0);
        assertThat((List<Object>) ext.get("preferences")).hasSize(1);
        assertThat((List<Object>) ext.get("current_adaptations")).hasSize(1);
    }
}
