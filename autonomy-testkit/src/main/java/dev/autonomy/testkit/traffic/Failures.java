package dev.autonomy.testkit.traffic;

import java.util.SplittableRandom;

/** Which simulated calls fail. */
public sealed interface Failures {

    /** Whether call number {@code index} (from 0) fails. */
    boolean fails(long index, SplittableRandom random);

    /** The long-run share of calls that fail. */
    double rate();

    static Failures none() {
        return new Rate(0);
    }

    /** Each call fails with probability {@code p}, independently. */
    static Failures rate(double p) {
        return new Rate(p);
    }

    /** Calls {@code n-1}, {@code 2n-1}, … fail: exactly one in {@code n}, no randomness. */
    static Failures everyNth(int n) {
        return new EveryNth(n);
    }

    record Rate(double p) implements Failures {
        public Rate {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p must be 0..1, was " + p);
            }
        }

        @Override
        public boolean fails(long index, SplittableRandom random) {
            return random.nextDouble() < p;
        }

        @Override
        public double rate() {
            return p;
        }
    }

    record EveryNth(int n) implements Failures {
        public EveryNth {
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1, was " + n);
            }
        }

        @Override
        public boolean fails(long index, SplittableRandom random) {
            return (index + 1) % n == 0;
        }

        @Override
        public double rate() {
            return 1.0 / n;
        }
    }
}
