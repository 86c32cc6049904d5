package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pure pieces together: two agents offer one capability, one fails 30 % of the time. Every call is routed by
 * the router's rule (advice if any, else uniform); every 10 calls the pipeline runs on the experiences so far —
 * patterns, knowledge, adaptation (this test plays the governor and approves it), Thompson weights, validation.
 */
class AdaptiveRoutingScenarioTest {

    private static final String CAPABILITY = "summarize";
    private static final List<String> AGENTS = List.of("good", "bad");
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @Test
    void learnsToRouteToTheGoodAgentAndProvesItAgainstTheHoldout() {
        LearningSettings settings = LearningSettings.DEFAULTS.withHoldoutShare(0.10);
        SplittableRandom world = new SplittableRandom(20_250_601);   // outcomes and the router's draws
        SplittableRandom thompson = new SplittableRandom(7);         // Monte Carlo of the routing weights
        SystemFacts facts = new SystemFacts(Map.of(), Map.of(CAPABILITY, AGENTS));
        List<LearningExperience> experiences = new ArrayList<>();
        Adaptation adaptation = null;
        Map<String, Double> weights = Map.of();
        int[] chosenGood = new int[2001];
        int keptAt = 0;
        int activeAt = 0;
        EffectivenessReport last = null;

        for (int call = 1; call <= 2000; call++) {
            Instant now = T0.plusMillis(100L * call);
            String requestId = "req-" + call;
            Optional<RoutingAdvice> advice = adaptation == null ? Optional.empty()
                    : RoutingAdvisor.advice(adaptation, weights, requestId);
            Map<String, Double> distribution = advice.map(RoutingAdvice::weights).orElse(OffPolicy.uniform(AGENTS));
            String chosen = sample(distribution, world.nextDouble());
            boolean ok = chosen.equals("good") || world.nextDouble() >= 0.3;
            chosenGood[call] = chosen.equals("good") ? 1 : 0;
            experiences.add(LearningExperience.routing(now, "s1", requestId, CAPABILITY, chosen, AGENTS,
                    distribution.get(chosen), ok ? SessionEventTypes.OUTCOME_SUCCESS
                            : SessionEventTypes.OUTCOME_TOOL_ERROR, 1000));

            if (call % 10 != 0) {
                continue;
            }
            InteractionPatterns patterns = AdaptiveLearning.analyzeInteractionPatterns(experiences, settings);
            if (adaptation == null) {
                ActionableKnowledge knowledge = AdaptiveLearning.extractActionableKnowledge(patterns, settings);
                List<Adaptation> proposed = AdaptiveLearning.adaptSystemBehavior(knowledge, List.of(), facts, now,
                        settings);
                if (!proposed.isEmpty()) {
                    assertThat(proposed.get(0).kind()).isEqualTo(Adaptation.Kind.ROUTING);
                    adaptation = proposed.get(0).withStatus(Adaptation.Status.ACTIVE, now); // the governor: auto
                    activeAt = call;
                }
            }
            if (adaptation != null) {
                weights = RoutingAdvisor.weights(adaptation, patterns, settings, thompson);
                assertThat(weights.values()).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(0.02));
                if (adaptation.status() == Adaptation.Status.ACTIVE) {
                    Experiments.Arms arms = Experiments.armStats(adaptation, experiences);
                    last = AdaptiveLearning.validateLearningEffectiveness(adaptation, arms.treatment(), arms.holdout(),
                            now, settings);
                    assertThat(last.verdict()).isNotEqualTo(EffectivenessReport.Verdict.REVERT);
                    if (last.verdict() == EffectivenessReport.Verdict.KEEP) {
                        adaptation = adaptation.withStatus(Adaptation.Status.KEPT, now);
                        keptAt = call;
                    }
                }
            }
        }

        int good = 0;
        for (int call = 101; call <= 300; call++) {
            good += chosenGood[call];
        }
        assertThat(activeAt).isBetween(10, 100);
        assertThat(good).as("calls 101-300 routed to the good agent").isGreaterThanOrEqualTo(170); // ≥ 85 %
        assertThat(keptAt).as("the call at which the sequential test concluded 'better'").isBetween(activeAt, 2000);
        assertThat(last.verdict()).isEqualTo(EffectivenessReport.Verdict.KEEP);
        assertThat(last.evidence().effectSize()).isGreaterThan(0.05);

        // Off-policy: the learned policy's value against uniform routing, from the logged propensities
        InteractionPatterns patterns = AdaptiveLearning.analyzeInteractionPatterns(experiences, settings);
        List<OffPolicy.ActionLog> log = new ArrayList<>();
        patterns.routing().get(0).arms().forEach(a -> log.add(a.log()));
        OffPolicy.Comparison c = OffPolicy.compareWithUniform(log, weights, AGENTS, settings.z());
        assertThat(c.targetSnips().value()).isGreaterThan(0.95);
        assertThat(c.uniformSnips().value()).isBetween(0.75, 0.95);
        // IPS agrees in direction; its interval is wide, since the floor's rare choices carry weights up to 1/ε
        assertThat(c.targetIps().value()).isGreaterThan(c.uniformIps().value());

        System.out.printf("scenario: routing active at call %d, kept at call %d (%s); calls 101-300: %d of 200 to "
                        + "the good agent; SNIPS learned %.3f vs uniform %.3f; IPS difference %.3f [%.3f, %.3f]%n",
                activeAt, keptAt, last.reason(), good, c.targetSnips().value(), c.uniformSnips().value(),
                c.differenceIps().value(), c.differenceIps().interval().lower(), c.differenceIps().interval().upper());
    }

    /** The router's rule: the first candidate (in the candidates' order) whose cumulative probability exceeds u. */
    private static String sample(Map<String, Double> distribution, double u) {
        double total = 0;
        for (String a : AGENTS) {
            total += distribution.getOrDefault(a, 0.0);
        }
        double cumulative = 0;
        for (String a : AGENTS) {
            cumulative += distribution.getOrDefault(a, 0.0) / total;
            if (u < cumulative) {
                return a;
            }
        }
        return AGENTS.get(AGENTS.size() - 1);
    }
}
