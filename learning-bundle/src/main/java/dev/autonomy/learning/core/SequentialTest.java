package dev.autonomy.learning.core;

/**
 * An always-valid sequential test of "the adaptation is better than the old behaviour", for a randomized holdout:
 * each unit (request) goes to the holdout with the known probability h, independently; the outcome of interest is
 * Bernoulli ("bad": a failure, or a slow call).
 *
 * <p><b>The test.</b> Look only at the bad outcomes, and at which arm each came from. Under the null hypothesis
 * "treatment is no better: its bad rate is at least the holdout's, at every moment", a bad outcome comes from the
 * treatment with probability θ<sub>t</sub> ≥ θ<sub>0</sub> = 1 − h, whatever the rates are and however they drift.
 * So the arms of the bad outcomes are a sequence of coins with a known bound on their bias: a <em>simple</em> null
 * for a composite, non-stationary question. Against it we use a mixture sequential probability ratio test (mSPRT)
 * with a uniform prior on θ below θ<sub>0</sub>:
 * <pre>
 *   BF_better = (1/θ0) ∫_0^θ0 θ^kT (1−θ)^kH dθ / (θ0^kT (1−θ0)^kH)
 *             = B(kT+1, kH+1) · I_θ0(kT+1, kH+1) / (θ0^(kT+1) (1−θ0)^kH)
 * </pre>
 * (kT, kH: bad outcomes in treatment and holdout). Each likelihood ratio in the mixture is a non-negative
 * supermartingale under the null, so the mixture is too, and by Ville's inequality P(BF ever ≥ 1/α) ≤ α: stopping
 * as soon as BF ≥ 1/α rejects a true null with probability at most α, <em>however often one looks and whenever one
 * stops</em>. That guarantee is exact, not asymptotic. "Worse" is the mirror test with the prior above θ<sub>0</sub>.
 *
 * <p>Example (h = ½): k bad outcomes, all in the holdout, give BF = 2<sup>k+1</sup>(1 − 2<sup>−(k+1)</sup>)/(k+1):
 * 18.1 after 6, 31.9 after 7, so at α = 0.05 (threshold 20) it rejects at the 7th.
 *
 * <p>Why this test: it needs no pairing of observations and no normal approximation (the common mSPRT for two
 * proportions needs both), it is valid with an adaptive treatment (Thompson sampling changes while being tested)
 * and with traffic whose base rate drifts, and its only assumption is the one the holdout guarantees by
 * construction: a known, independent assignment probability.
 */
public final class SequentialTest {

    private SequentialTest() {
    }

    /** The state of the test after some evidence. */
    public record Result(long treatmentBad, long holdoutBad, double holdoutShare, double logBayesFactorBetter,
                         double logBayesFactorWorse, double alpha) {

        /** Whether "treatment better" is accepted (the null rejected) at α. */
        public boolean better() {
            return logBayesFactorBetter >= Math.log(1 / alpha);
        }

        /** Whether "treatment worse" is accepted at α. */
        public boolean worse() {
            return logBayesFactorWorse >= Math.log(1 / alpha);
        }

        /** The always-valid p-value of "no better" at this point: min(1, 1/BF). */
        public double pValueBetter() {
            return Math.min(1, Math.exp(-logBayesFactorBetter));
        }

        /** The always-valid p-value of "no worse" at this point. */
        public double pValueWorse() {
            return Math.min(1, Math.exp(-logBayesFactorWorse));
        }
    }

    /**
     * The test on counts of bad outcomes.
     *
     * @param treatmentBad bad outcomes in the treatment arm
     * @param holdoutBad   bad outcomes in the holdout arm
     * @param holdoutShare h, the probability of a unit going to the holdout, 0 &lt; h &lt; 1
     * @param alpha        the error bound, 0 &lt; α &lt; 1
     */
    public static Result test(long treatmentBad, long holdoutBad, double holdoutShare, double alpha) {
        if (treatmentBad < 0 || holdoutBad < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were " + treatmentBad + ", " + holdoutBad);
        }
        if (!(holdoutShare > 0 && holdoutShare < 1)) {
            throw new IllegalArgumentException("holdoutShare must be in (0, 1), was " + holdoutShare);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        return new Result(treatmentBad, holdoutBad, holdoutShare,
                logBayesFactorBetter(treatmentBad, holdoutBad, holdoutShare),
                logBayesFactorWorse(treatmentBad, holdoutBad, holdoutShare), alpha);
    }

    /** ln BF of "treatment better" (θ &lt; 1 − h); 0 without evidence. */
    public static double logBayesFactorBetter(long kT, long kH, double h) {
        double theta0 = 1 - h;
        double a = kT + 1.0;
        double b = kH + 1.0;
        double logIntegral = Stats.logBeta(a, b) + Stats.logRegularizedBeta(theta0, a, b);
        return logIntegral - Math.log(theta0) - (kT * Math.log(theta0) + kH * Math.log1p(-theta0));
    }

    /** ln BF of "treatment worse" (θ &gt; 1 − h); 0 without evidence. */
    public static double logBayesFactorWorse(long kT, long kH, double h) {
        double theta0 = 1 - h;
        double a = kT + 1.0;
        double b = kH + 1.0;
        double logIntegral = Stats.logBeta(a, b) + Stats.logRegularizedBetaComplement(theta0, a, b);
        return logIntegral - Math.log1p(-theta0) - (kT * Math.log(theta0) + kH * Math.log1p(-theta0));
    }
}
