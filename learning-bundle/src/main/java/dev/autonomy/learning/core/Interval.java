package dev.autonomy.learning.core;

/** A closed interval [lower, upper] of a rate or an estimate. */
public record Interval(double lower, double upper) {

    public static final Interval UNIT = new Interval(0, 1);

    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("interval must have lower <= upper, was [" + lower + ", " + upper + "]");
        }
    }

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    public double width() {
        return upper - lower;
    }
}
