package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RoutingTest {

    private static final double EPS = 1e-12;

    private static RoutingAdvice advice(Object... idWeight) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (int i = 0; i < idWeight.length; i += 2) {
            w.put((String) idWeight[i], ((Number) idWeight[i + 1]).doubleValue());
        }
        return new RoutingAdvice("cap", w);
    }

    private static Map<String, Double> dist(List<String> candidates, RoutingAdvice... advices) {
        return Routing.routingDistribution(candidates, List.of(advices));
    }

    @Test
    void withoutAdviceEveryCandidateIsEquallyLikely() {
        Map<String, Double> d = dist(List.of("a", "b", "c", "d"));
        assertThat(d.keySet()).containsExactly("a", "b", "c", "d");
        assertThat(d.values()).allSatisfy(p -> assertThat(p).isCloseTo(0.25, within(EPS)));
    }

    @Test
    void aSingleAdviceIsNormalized() {
        Map<String, Double> d = dist(List.of("a", "b"), advice("a", 9, "b", 1));
        assertThat(d.get("a")).isCloseTo(0.9, within(EPS));
        assertThat(d.get("b")).isCloseTo(0.1, within(EPS));
    }

    @Test
    void twoAdvicesMixWithWeightOneAndOneHalf() {
        // first {a: .75, b: .25}, second {a: .5, b: .5} at half weight: a = .75 + .25 = 1, b = .25 + .25 = .5
        Map<String, Double> d = dist(List.of("a", "b"), advice("a", 3, "b", 1), advice("a", 1, "b", 1));
        assertThat(d.get("a")).isCloseTo(2.0 / 3, within(EPS));
        assertThat(d.get("b")).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void theHigherRankedAdviceCountsMore() {
        // swapped: a = .5 + .375 = .875, b = .5 + .125 = .625, of 1.5
        Map<String, Double> d = dist(List.of("a", "b"), advice("a", 1, "b", 1), advice("a", 3, "b", 1));
        assertThat(d.get("a")).isCloseTo(0.875 / 1.5, within(EPS));
        assertThat(d.get("b")).isCloseTo(0.625 / 1.5, within(EPS));
    }

    @Test
    void aThirdAdviceCountsAQuarter() {
        // {a:1}, {b:1}, {c:1}: mix a = 1, b = .5, c = .25 of 1.75
        Map<String, Double> d = dist(List.of("a", "b", "c"), advice("a", 1), advice("b", 1), advice("c", 1));
        assertThat(d.get("a")).isCloseTo(4.0 / 7, within(EPS));
        assertThat(d.get("b")).isCloseTo(2.0 / 7, within(EPS));
        assertThat(d.get("c")).isCloseTo(1.0 / 7, within(EPS));
    }

    @Test
    void aCandidateNoAdviceMentionsGetsTheUniformShare() {
        // c gets 1/3; a and b share 2/3 as 3:1
        Map<String, Double> d = dist(List.of("a", "b", "c"), advice("a", 3, "b", 1));
        assertThat(d.get("c")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(d.get("a")).isCloseTo(0.5, within(EPS));
        assertThat(d.get("b")).isCloseTo(1.0 / 6, within(EPS));
    }

    @Test
    void weightsOfAgentsThatAreNotCandidatesAreIgnored() {
        Map<String, Double> d = dist(List.of("a", "b"), advice("a", 1, "b", 1, "gone", 98));
        assertThat(d.get("a")).isCloseTo(0.5, within(EPS));
        assertThat(d.get("b")).isCloseTo(0.5, within(EPS));
    }

    @Test
    void anAdviceOfZeroWeightsIsSkipped() {
        Map<String, Double> d = dist(List.of("a", "b"), advice("a", 0, "b", 0));
        assertThat(d.get("a")).isCloseTo(0.5, within(EPS));
        assertThat(d.get("b")).isCloseTo(0.5, within(EPS));
        Map<String, Double> mixed = dist(List.of("a", "b"), advice("a", 0, "b", 0), advice("a", 1, "b", 3));
        assertThat(mixed.get("a")).isCloseTo(0.25, within(EPS));
    }

    @Test
    void aZeroWeightExcludesACandidateTheAdviceMentions() {
        Map<String, Double> d = dist(List.of("a", "b"), advice("a", 1, "b", 0));
        assertThat(d).containsEntry("a", 1.0).containsEntry("b", 0.0);
        assertThat(Routing.sample(d, 0.999)).isEqualTo("a");
    }

    @Test
    void anAdviceKnowingNoCandidateLeavesItUniform() {
        Map<String, Double> d = dist(List.of("a", "b"), advice("x", 5));
        assertThat(d.values()).allSatisfy(p -> assertThat(p).isCloseTo(0.5, within(EPS)));
    }

    @Test
    void probabilitiesSumToOne() {
        Map<String, Double> d = dist(List.of("a", "b", "c", "d"), advice("a", 0.3, "b", 7), advice("c", 2, "b", 1),
                advice("d", 0.1));
        assertThat(d.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void candidatesMustBeDistinctAndPresent() {
        assertThatThrownBy(() -> dist(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dist(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAdviceForTheCapabilityCountsInRankingOrder() {
        List<Enhancement> enhancements = List.of(
                new Enhancement("p1", Map.of(), Optional.of(new RoutingAdvice("other", Map.of("a", 1.0)))),
                new Enhancement("p2", Map.of(), Optional.empty()),
                new Enhancement("p3", Map.of(), Optional.of(new RoutingAdvice("cap", Map.of("a", 2.0)))),
                new Enhancement("p4", Map.of(), Optional.of(new RoutingAdvice("cap", Map.of("b", 1.0)))));
        List<RoutingAdvice> advices = Routing.advicesFor("cap", enhancements);
        assertThat(advices).extracting(a -> a.weights().keySet().iterator().next()).containsExactly("a", "b");
    }

    @Test
    void sampleWalksTheCumulativeDistribution() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("a", 0.25);
        d.put("b", 0.5);
        d.put("c", 0.25);
        assertThat(Routing.sample(d, 0.0)).isEqualTo("a");
        assertThat(Routing.sample(d, 0.2499)).isEqualTo("a");
        assertThat(Routing.sample(d, 0.25)).isEqualTo("b");
        assertThat(Routing.sample(d, 0.7499)).isEqualTo("b");
        assertThat(Routing.sample(d, 0.75)).isEqualTo("c");
        assertThat(Routing.sample(d, 0.9999)).isEqualTo("c");
    }

    @Test
    void sampleNeverPicksAZeroProbabilityCandidate() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("a", 0.0);
        d.put("b", 1.0);
        d.put("c", 0.0);
        assertThat(Routing.sample(d, 0.0)).isEqualTo("b");
        assertThat(Routing.sample(d, 0.99999)).isEqualTo("b");
    }

    @Test
    void sampleToleratesProbabilitiesSummingToSlightlyLessThanOne() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("a", 0.3);
        d.put("b", 0.3);
        d.put("c", 0.3999999);
        assertThat(Routing.sample(d, 0.99999999)).isEqualTo("c");
    }

    @Test
    void sampleRejectsUOutsideTheUnitInterval() {
        Map<String, Double> d = Map.of("a", 1.0);
        assertThatThrownBy(() -> Routing.sample(d, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routing.sample(d, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routing.sample(d, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sampledFrequenciesFollowTheDistribution() {
        Map<String, Double> d = dist(List.of("a", "b"), advice("a", 9, "b", 1));
        int a = 0;
        for (int i = 0; i < 1000; i++) {
            if (Routing.sample(d, (i + 0.5) / 1000).equals("a")) {
                a++;
            }
        }
        assertThat(a).isEqualTo(900);
    }
}
