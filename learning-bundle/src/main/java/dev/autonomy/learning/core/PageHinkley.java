package dev.autonomy.learning.core;

/**
 * The Page-Hinkley test for an increase of the mean of a stream (latency, failure indicator). With x̄<sub>t</sub>
 * the running mean of x<sub>1..t</sub>, it accumulates m<sub>t</sub> = Σ<sub>i≤t</sub> (x<sub>i</sub> −
 * x̄<sub>i</sub> − δ) and its minimum M<sub>t</sub>, and raises an alarm at the first t where m<sub>t</sub> −
 * M<sub>t</sub> &gt; λ. δ is the magnitude of change that is tolerated, λ the alarm threshold (larger: fewer false
 * alarms, later detection). The time of the minimum estimates where the change began.
 *
 * <p>Example: ten 0s then 1s, δ = 0, λ = 3: m rises by 1 − 1/11, 1 − 2/12, 1 − 3/13, 1 − 4/14 and passes 3 at the
 * 14th value (m = 3.225); the change is estimated to begin at the 11th.
 *
 * <p>A mutable accumulator (one per stream) so that a single pass can feed it; the static {@link #firstAlarm} is
 * its pure form.
 */
public final class PageHinkley {

    private final double delta;
    private final double lambda;
    private long n;
    private double mean;
    private double sum;
    private double sumSq;
    private double cumulative;
    private double minimum;
    private long minimumAt;      // values up to and including this index precede the change
    private double sumAtMinimum;
    private double sumSqAtMinimum;
    private long alarmAt;        // 1-based index of the first alarm; 0 = none

    public PageHinkley(double delta, double lambda) {
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be finite and >= 0, was " + delta);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
        }
        this.delta = delta;
        this.lambda = lambda;
    }

    /** Adds the next value; true when this value raised the (first) alarm. */
    public boolean add(double x) {
        n++;
        sum += x;
        sumSq += x * x;
        mean += (x - mean) / n;
        cumulative += x - mean - delta;
        if (cumulative <= minimum) { // ties move the estimate to the latest point
            minimum = cumulative;
            minimumAt = n;
            sumAtMinimum = sum;
            sumSqAtMinimum = sumSq;
        }
        if (alarmAt == 0 && cumulative - minimum > lambda) {
            alarmAt = n;
            return true;
        }
        return false;
    }

    /** Values added so far. */
    public long count() {
        return n;
    }

    /** 1-based index of the value that raised the first alarm, 0 when none did. */
    public long alarmAt() {
        return alarmAt;
    }

    /** 1-based index where the change is estimated to begin (the value after the minimum of m). */
    public long changeStart() {
        return minimumAt + 1;
    }

    /** Mean of the values before the estimated change (NaN when there are none). */
    public double meanBefore() {
        return minimumAt == 0 ? Double.NaN : sumAtMinimum / minimumAt;
    }

    /** Mean of the values from the estimated change on (NaN when there are none). */
    public double meanAfter() {
        return n == minimumAt ? Double.NaN : (sum - sumAtMinimum) / (n - minimumAt);
    }

    /** Sample variance of the values before the estimated change (NaN when fewer than two). */
    public double varianceBefore() {
        return variance(sumAtMinimum, sumSqAtMinimum, minimumAt);
    }

    /** Sample variance of the values from the estimated change on (NaN when fewer than two). */
    public double varianceAfter() {
        return variance(sum - sumAtMinimum, sumSq - sumSqAtMinimum, n - minimumAt);
    }

    /** Values before the estimated change. */
    public long countBefore() {
        return minimumAt;
    }

    static double variance(double s, double s2, long k) {
        if (k < 2) {
            return Double.NaN;
        }
        return Math.max(0, (s2 - s * s / k) / (k - 1));
    }

    /** Mean of all values. */
    public double mean() {
        return mean;
    }

    /** The 1-based index of the first alarm over {@code values}, 0 when none. */
    public static long firstAlarm(double[] values, double delta, double lambda) {
        PageHinkley ph = new PageHinkley(delta, lambda);
        for (double v : values) {
            if (ph.add(v)) {
                return ph.alarmAt();
            }
        }
        return 0;
    }
}
