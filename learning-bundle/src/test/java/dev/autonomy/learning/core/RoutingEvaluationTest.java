package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.autonomy.learning.core.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RoutingEvaluationTest {

    /** 400 uniform decisions: a always succeeds, b succeeds every other time. */
    private static InteractionPatterns patterns() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String agent = i % 2 == 0 ? "a" : "b";
            boolean ok = agent.equals("a") || i % 4 == 1;
            xs.add(LearningExperience.routing(T0.plusSeconds(i), "s", "r" + i, "c", agent, List.of("a", "b"), 0.5,
                    ok ? SessionEventTypes.OUTCOME_SUCCESS : SessionEventTypes.OUTCOME_TOOL_ERROR, 10));
        }
        return PatternAnalyzer.analyzeInteractionPatterns(xs);
    }

    @Test
    void aLearnedPolicyIsEstimatedAgainstUniformFromTheLoggedPropensities() {
        List<RoutingEvaluation.Row> rows = RoutingEvaluation.evaluate(patterns(), Map.of("c",
                Map.of("a", 0.9, "b", 0.1)), 1.96);
        assertThat(rows).hasSize(1);
        RoutingEvaluation.Row r = rows.get(0);
        assertThat(r.policy()).isEqualTo("learned");
        assertThat(r.logged()).isEqualTo(400);
        assertThat(r.comparison().targetSnips().value()).isCloseTo(0.9 + 0.1 * 0.5, within(1e-9));
        assertThat(r.comparison().uniformSnips().value()).isCloseTo(0.75, within(1e-9));
        assertThat(r.comparison().differenceIps().value()).isCloseTo(0.2, within(1e-9));
        assertThat(RoutingEvaluation.Row.format(r.comparison().uniformSnips())).startsWith("0.750 [");
        assertThat(r.toJson()).containsKeys("policySnips", "uniformSnips", "differenceIps");
    }

    @Test
    void withoutAnAdaptationTheCurrentPolicyIsUniform() {
        RoutingEvaluation.Row r = RoutingEvaluation.evaluate(patterns(), Map.of(), 1.96).get(0);
        assertThat(r.policy()).isEqualTo("uniform");
        assertThat(r.comparison().differenceIps().value()).isCloseTo(0, within(1e-9));
    }
}
