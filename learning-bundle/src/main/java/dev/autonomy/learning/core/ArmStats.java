package dev.autonomy.learning.core;

/**
 * The units of one arm of an experiment: how many, and how many had a bad outcome (by the adaptation's metric).
 */
public record ArmStats(long units, long bad) {

    public static final ArmStats EMPTY = new ArmStats(0, 0);

    public ArmStats {
        if (units < 0 || bad < 0 || bad > units) {
            throw new IllegalArgumentException("need 0 <= bad <= units, were " + bad + ", " + units);
        }
    }

    public ArmStats add(boolean isBad) {
        return new ArmStats(units + 1, bad + (isBad ? 1 : 0));
    }

    public double badRate() {
        return units == 0 ? 0 : (double) bad / units;
    }
}
