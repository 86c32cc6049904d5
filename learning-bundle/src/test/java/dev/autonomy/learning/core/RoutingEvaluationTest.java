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

    @Test
    void duringAnExperimentTheServedPolicyIsTheMixtureWithTheHoldout() {
        Map<String, Double> learned = Map.of("a", 0.9, "b", 0.1);
        RoutingEvaluation.Row r = RoutingEvaluation.evaluateServed(patterns(), Map.of("c",
                new RoutingEvaluation.Served(learned, 0.1)), 1.96).get(0);
        assertThat(r.policy()).isEqualTo("learned+holdout");
        assertThat(r.holdoutShare()).isEqualTo(0.1);
        // served: 0.9 · (0.9, 0.1) + 0.1 · (0.5, 0.5) = (0.86, 0.14); a succeeds always, b half the time
        assertThat(r.comparison().targetSnips().value()).isCloseTo(0.86 + 0.14 * 0.5, within(1e-9));
        assertThat(r.toJson()).containsEntry("inSample", true).containsEntry("holdoutShare", 0.1);
        assertThat(RoutingEvaluation.IN_SAMPLE_NOTE).contains("In-sample");
    }

    @Test
    void uniformIsAmongTheCandidatesOfEachDecision() {
        // 300 decisions among a and b (uniform: 1/2 each), 300 among a, b and c (1/3 each); a always succeeds,
        // b never, c always
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String agent = i % 2 == 0 ? "a" : "b";
            xs.add(LearningExperience.routing(T0.plusSeconds(i), "s", "r" + i, "c", agent, List.of("a", "b"), 0.5,
                    agent.equals("a") ? SessionEventTypes.OUTCOME_SUCCESS : SessionEventTypes.OUTCOME_TOOL_ERROR, 10));
        }
        for (int i = 0; i < 300; i++) {
            String agent = List.of("a", "b", "c").get(i % 3);
            xs.add(LearningExperience.routing(T0.plusSeconds(300 + i), "s", "q" + i, "c", agent,
                    List.of("c", "b", "a"), 1.0 / 3, agent.equals("b") ? SessionEventTypes.OUTCOME_TOOL_ERROR
                            : SessionEventTypes.OUTCOME_SUCCESS, 10));
        }
        InteractionPatterns p = PatternAnalyzer.analyzeInteractionPatterns(xs);
        RoutingEvaluation.Row r = RoutingEvaluation.evaluate(p, Map.of(), 1.96).get(0);
        // uniform over each decision's own candidates: ½ · ½ + ½ · ⅔ (not ⅔ throughout, as over all agents)
        assertThat(r.comparison().uniformIps().value()).isCloseTo(0.5 * 0.5 + 0.5 * 2.0 / 3, within(1e-9));
        assertThat(r.comparison().differenceIps().value()).isCloseTo(0, within(1e-9));
        // learned weights naming a and b only: among {a, b} as given; among {a, b, c}, c keeps 1/3 (the router's
        // restriction) and a, b share 2/3 as 3:1
        RoutingEvaluation.Row l = RoutingEvaluation.evaluate(p, Map.of("c", Map.of("a", 0.75, "b", 0.25)), 1.96)
                .get(0);
        double firstHalf = 0.75;
        double secondHalf = 1.0 / 3 + (2.0 / 3) * 0.75;
        assertThat(l.comparison().targetIps().value()).isCloseTo(0.5 * firstHalf + 0.5 * secondHalf, within(1e-9));
    }
}
