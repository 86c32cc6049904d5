package dev.autonomy.learning.core;

import dev.autonomy.learning.core.OffPolicy.LoggedDecision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OffPolicyTest {

    private static final double Z = 1.96;

    /** Uniform logging over a and b; a succeeded twice, b once. */
    private static final List<LoggedDecision> EVEN = List.of(new LoggedDecision("a", 0.5, 1),
            new LoggedDecision("b", 0.5, 0), new LoggedDecision("a", 0.5, 1), new LoggedDecision("b", 0.5, 1));

    @Test
    void ipsOfUniformLoggingIsTheMeanReward() {
        OffPolicy.Estimate e = OffPolicy.ips(OffPolicy.summarize(EVEN), Map.of("a", 0.5, "b", 0.5), Z);
        assertThat(e.value()).isCloseTo(0.75, within(1e-12));
        assertThat(e.n()).isEqualTo(4);
    }

    @Test
    void ipsOfAlwaysAWeighsItsRewardsTwice() {
        // w = 2, 0, 2, 0; w·r = 2, 0, 2, 0 → IPS 1.0; sample variance (8 - 4·1)/3 = 4/3 → ± 1.96·√(1/3) = ± 1.1316
        OffPolicy.Estimate ips = OffPolicy.ips(OffPolicy.summarize(EVEN), Map.of("a", 1.0), Z);
        assertThat(ips.value()).isCloseTo(1.0, within(1e-12));
        assertThat(ips.interval().upper() - ips.value()).isCloseTo(1.1316, within(1e-4));
        // ESS = (Σw)² / Σw² = 16 / 8
        assertThat(ips.effectiveSampleSize()).isCloseTo(2.0, within(1e-12));
        OffPolicy.Estimate snips = OffPolicy.snips(OffPolicy.summarize(EVEN), Map.of("a", 1.0), Z);
        assertThat(snips.value()).isCloseTo(1.0, within(1e-12));
        assertThat(snips.interval().width()).isCloseTo(0.0, within(1e-12)); // every weighted reward equals V
    }

    @Test
    void snipsDiffersFromIpsWhenWeightsDoNotAverageOne() {
        // logged a (p 0.8, r 1), b (p 0.2, r 0), a (p 0.8, r 0); target "always a": w = 1.25, 0, 1.25
        List<LoggedDecision> log = List.of(new LoggedDecision("a", 0.8, 1), new LoggedDecision("b", 0.2, 0),
                new LoggedDecision("a", 0.8, 0));
        List<OffPolicy.ActionLog> s = OffPolicy.summarize(log);
        assertThat(OffPolicy.ips(s, Map.of("a", 1.0), Z).value()).isCloseTo(1.25 / 3, within(1e-12));
        OffPolicy.Estimate snips = OffPolicy.snips(s, Map.of("a", 1.0), Z);
        assertThat(snips.value()).isCloseTo(0.5, within(1e-12));
        // Σ w²(r - V)² = 1.5625·0.25 · 2 = 0.78125; √ / Σw = 0.88388 / 2.5 = 0.35355; · 1.96 = 0.69296
        assertThat(snips.interval().upper() - 0.5).isCloseTo(0.69296, within(1e-4));
    }

    @Test
    void comparesWithUniformRouting() {
        OffPolicy.Comparison c = OffPolicy.compareWithUniform(OffPolicy.summarize(EVEN), Map.of("a", 1.0),
                List.of("a", "b"), Z);
        assertThat(c.targetIps().value()).isCloseTo(1.0, within(1e-12));
        assertThat(c.uniformIps().value()).isCloseTo(0.75, within(1e-12));
        assertThat(c.uniformSnips().value()).isCloseTo(0.75, within(1e-12));
        // per decision (π - u)(a)/p · r = (0.5/0.5)·1, (-0.5/0.5)·0, 1, (-0.5/0.5)·1 → 1, 0, 1, -1 → 0.25
        assertThat(c.differenceIps().value()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void anEmptyLogEstimatesNothing() {
        assertThat(OffPolicy.ips(List.of(), Map.of("a", 1.0), Z).value()).isNaN();
        assertThat(OffPolicy.snips(List.of(), Map.of("a", 1.0), Z).n()).isZero();
    }
}
