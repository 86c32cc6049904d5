package dev.autonomy.learning.core;

/**
 * The Wilson score interval of a binomial proportion: unlike the normal ("Wald") interval it stays inside [0, 1]
 * and keeps close to its nominal coverage for small counts and rates near 0 or 1, which is where learning starts.
 * Example: 8 successes of 10 at 95 % (z = 1.96) give [0.490, 0.943].
 */
public final class Wilson {

    private Wilson() {
    }

    /** The interval at confidence level {@code level} (e.g. 0.95); n = 0 gives [0, 1]. */
    public static Interval interval(long successes, long n, double level) {
        return intervalZ(successes, n, Stats.zForConfidence(level));
    }

    /** The interval for a given z (1.96 for 95 %). */
    public static Interval intervalZ(long successes, long n, double z) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n, were " + successes + ", " + n);
        }
        if (n == 0) {
            return Interval.UNIT;
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
