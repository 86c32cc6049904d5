package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ThompsonRoutingTest {

    private static final List<ThompsonRouting.Arm> CLEAR = List.of(new ThompsonRouting.Arm("good", 200, 0),
            new ThompsonRouting.Arm("bad", 70, 30), new ThompsonRouting.Arm("worse", 10, 90));

    @Test
    void everyProbabilityIsAtLeastTheFloorAndTheySumToOne() {
        double floor = 0.05;
        Map<String, Double> p = ThompsonRouting.probabilities(CLEAR, floor, 2000, new SplittableRandom(1));
        assertThat(p.keySet()).containsExactly("good", "bad", "worse");
        assertThat(p.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(floor));
        assertThat(p.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
        // "good" is best in (nearly) every draw: 0.05 + 0.85 · 1
        assertThat(p.get("good")).isCloseTo(0.90, within(0.001));
        assertThat(p.get("worse")).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void theFloorIsCappedAtOneOverN() {
        Map<String, Double> p = ThompsonRouting.probabilities(CLEAR, 0.5, 500, new SplittableRandom(1));
        assertThat(p.values()).allSatisfy(v -> assertThat(v).isCloseTo(1.0 / 3, within(1e-12)));
    }

    @Test
    void theSameSeedGivesTheSameProbabilities() {
        List<ThompsonRouting.Arm> close = List.of(new ThompsonRouting.Arm("a", 12, 8),
                new ThompsonRouting.Arm("b", 10, 10));
        Map<String, Double> first = ThompsonRouting.probabilities(close, 0.02, 4000, new SplittableRandom(42));
        Map<String, Double> again = ThompsonRouting.probabilities(close, 0.02, 4000, new SplittableRandom(42));
        assertThat(again).isEqualTo(first);
        // P(Beta(13, 9) > Beta(11, 11)) is about 0.73
        assertThat(first.get("a")).isCloseTo(0.02 + 0.96 * 0.73, within(0.03));
    }

    @Test
    void withoutEvidenceTheArmsAreEven() {
        List<ThompsonRouting.Arm> fresh = List.of(new ThompsonRouting.Arm("a", 0, 0),
                new ThompsonRouting.Arm("b", 0, 0));
        Map<String, Double> p = ThompsonRouting.probabilities(fresh, 0.02, 20_000, new SplittableRandom(3));
        assertThat(p.get("a")).isCloseTo(0.5, within(0.015));
    }

    @Test
    void oneArmTakesEverything() {
        assertThat(ThompsonRouting.probabilities(List.of(new ThompsonRouting.Arm("only", 1, 5)), 0.1, 10,
                new SplittableRandom(1))).containsExactly(Map.entry("only", 1.0));
    }

    @Test
    void betaVariatesHaveTheRightMean() {
        SplittableRandom r = new SplittableRandom(5);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += ThompsonRouting.beta(3, 7, r);
        }
        assertThat(sum / 20_000).isCloseTo(0.3, within(0.005));
        double g = 0;
        for (int i = 0; i < 20_000; i++) {
            g += ThompsonRouting.gamma(0.5, r);
        }
        assertThat(g / 20_000).isCloseTo(0.5, within(0.02));
    }

    @Test
    void givesAdviceToTheRouter() {
        Map<String, Double> p = ThompsonRouting.probabilities(CLEAR, 0.05, 100, new SplittableRandom(1));
        RoutingAdvice advice = ThompsonRouting.advice("summarize", p);
        assertThat(advice.capability()).isEqualTo("summarize");
        assertThat(advice.weights()).isEqualTo(p);
        assertThat(ThompsonRouting.choose(CLEAR, new SplittableRandom(9))).isEqualTo("good");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ThompsonRouting.probabilities(List.of(), 0.1, 10, new SplittableRandom(1)))
                .hasMessage("arms must not be empty");
        assertThatThrownBy(() -> ThompsonRouting.probabilities(CLEAR, -0.1, 10, new SplittableRandom(1)))
                .hasMessage("floor must be in [0, 1], was -0.1");
        assertThatThrownBy(() -> new ThompsonRouting.Arm("a", -1, 0)).hasMessageContaining("counts must be >= 0");
    }
}
