package dev.autonomy.learning.core;

/**
 * Special functions the tests and intervals need: the normal distribution, log-gamma, log-beta and the regularized
 * incomplete beta function (in log space, so that Bayes factors of thousands of observations do not overflow).
 */
public final class Stats {

    private Stats() {
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7; relative error about 1e-15). */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("x must be > 0, was " + x);
        }
        if (x < 0.5) {
            // reflection: Γ(x) Γ(1 - x) = π / sin(πx)
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
    public static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /**
     * ln I<sub>x</sub>(a, b), the log of the regularized incomplete beta function (the Beta(a, b) distribution
     * function at x), by the continued fraction of Numerical Recipes (modified Lentz), using the symmetry
     * I<sub>x</sub>(a, b) = 1 − I<sub>1−x</sub>(b, a) where the fraction converges faster.
     */
    public static double logRegularizedBeta(double x, double a, double b) {
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("a and b must be > 0, were " + a + ", " + b);
        }
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("x must be in [0, 1], was " + x);
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x == 1) {
            return 0;
        }
        if (x < (a + 1) / (a + b + 2)) {
            return logFront(x, a, b) + Math.log(continuedFraction(x, a, b));
        }
        double complement = Math.exp(logFront(1 - x, b, a)) * continuedFraction(1 - x, b, a);
        return Math.log1p(-complement);
    }

    /** ln (1 − I<sub>x</sub>(a, b)) = ln I<sub>1−x</sub>(b, a), accurate where I is close to 1. */
    public static double logRegularizedBetaComplement(double x, double a, double b) {
        return logRegularizedBeta(1 - x, b, a);
    }

    private static double logFront(double x, double a, double b) {
        return a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b) - Math.log(a);
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        final double eps = 1e-15;
        int maxIterations = 10_000 + (int) (20 * Math.sqrt(Math.max(a, b)));
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < tiny) {
            d = tiny;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= maxIterations; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < eps) {
                return h;
            }
        }
        return h; // not converged to 1e-15: still accurate far beyond what a decision at alpha = 0.05 needs
    }

    /** Φ(z), the standard normal distribution function (absolute error below 1e-7). */
    public static double normalCdf(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z must be a number");
        }
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The complementary error function (Numerical Recipes' Chebyshev fit, fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Φ<sup>−1</sup>(p) for 0 &lt; p &lt; 1 (Acklam's rational approximation; relative error about 1e-9). */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), was " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double pLow = 0.02425;
        if (p < pLow) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - pLow) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** The two-sided z for a confidence level: 0.95 gives 1.95996. */
    public static double zForConfidence(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), was " + level);
        }
        return normalQuantile(1 - (1 - level) / 2);
    }
}
