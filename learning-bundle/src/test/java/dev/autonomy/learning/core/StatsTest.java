package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void logGammaOfIntegersIsLogFactorial() {
        assertThat(Stats.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(Stats.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
        assertThat(Stats.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
        assertThat(Stats.logGamma(101)).isCloseTo(363.73937555556347, within(1e-9));
    }

    @Test
    void regularizedBetaMatchesClosedForms() {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b
        assertThat(Math.exp(Stats.logRegularizedBeta(0.3, 1, 1))).isCloseTo(0.3, within(1e-12));
        assertThat(Math.exp(Stats.logRegularizedBeta(0.6, 4, 1))).isCloseTo(Math.pow(0.6, 4), within(1e-12));
        assertThat(Math.exp(Stats.logRegularizedBeta(0.2, 1, 3))).isCloseTo(1 - Math.pow(0.8, 3), within(1e-12));
        // symmetric case: I_0.5(a, a) = 0.5
        assertThat(Math.exp(Stats.logRegularizedBeta(0.5, 250, 250))).isCloseTo(0.5, within(1e-9));
        // complement
        assertThat(Math.exp(Stats.logRegularizedBetaComplement(0.6, 4, 1))).isCloseTo(1 - Math.pow(0.6, 4),
                within(1e-12));
    }

    @Test
    void regularizedBetaIsABinomialTail() {
        // I_x(k, n - k + 1) = P(Binomial(n, x) >= k): n = 10, x = 0.3, k = 4 → 0.3503892
        assertThat(Math.exp(Stats.logRegularizedBeta(0.3, 4, 7))).isCloseTo(0.35038928, within(1e-7));
    }

    @Test
    void normalDistribution() {
        assertThat(Stats.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Stats.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(Stats.normalCdf(-1.644854)).isCloseTo(0.05, within(1e-6));
        assertThat(Stats.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(Stats.normalQuantile(0.001)).isCloseTo(-3.090232, within(1e-5));
        assertThat(Stats.zForConfidence(0.95)).isCloseTo(1.959964, within(1e-6));
    }

    @Test
    void rejectsArgumentsOutsideTheDomain() {
        assertThatThrownBy(() -> Stats.logGamma(0)).hasMessageContaining("x must be > 0, was 0.0");
        assertThatThrownBy(() -> Stats.normalQuantile(1)).hasMessageContaining("p must be in (0, 1), was 1.0");
        assertThatThrownBy(() -> Stats.logRegularizedBeta(1.5, 1, 1)).hasMessageContaining("x must be in [0, 1]");
    }
}
