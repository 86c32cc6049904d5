package dev.autonomy.testkit.traffic;

import java.time.Duration;
import java.util.SplittableRandom;

/** How long a simulated call takes, in microseconds, drawn from a random source the caller seeds. */
public sealed interface Latency {

    /** One latency in microseconds (≥ 0). */
    long sampleMicros(SplittableRandom random);

    /** The distribution's mean in microseconds, for checking samples against it. */
    double meanMicros();

    static Latency fixed(Duration d) {
        return new Fixed(micros(d));
    }

    /** Uniform over {@code [min, max]}. */
    static Latency uniform(Duration min, Duration max) {
        return new Uniform(micros(min), micros(max));
    }

    /** Exponential with this mean (many short calls, a long tail). */
    static Latency exponential(Duration mean) {
        return new Exponential(micros(mean));
    }

    /** {@code usual}, except a {@code share} of calls (0..1) that take {@code slow}: a tool that stalls now and then. */
    static Latency mixture(Latency usual, double share, Latency slow) {
        return new Mixture(usual, share, slow);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }

    record Fixed(long micros) implements Latency {
        public Fixed {
            if (micros < 0) {
                throw new IllegalArgumentException("micros must be >= 0, was " + micros);
            }
        }

        @Override
        public long sampleMicros(SplittableRandom random) {
            return micros;
        }

        @Override
        public double meanMicros() {
            return micros;
        }
    }

    record Uniform(long minMicros, long maxMicros) implements Latency {
        public Uniform {
            if (minMicros < 0 || maxMicros < minMicros) {
                throw new IllegalArgumentException("need 0 <= min <= max, was " + minMicros + ".." + maxMicros);
            }
        }

        @Override
        public long sampleMicros(SplittableRandom random) {
            return random.nextLong(minMicros, maxMicros + 1);
        }

        @Override
        public double meanMicros() {
            return (minMicros + maxMicros) / 2.0;
        }
    }

    record Exponential(long averageMicros) implements Latency {
        public Exponential {
            if (averageMicros <= 0) {
                throw new IllegalArgumentException("mean must be > 0 µs, was " + averageMicros);
            }
        }

        @Override
        public long sampleMicros(SplittableRandom random) {
            // inverse transform; 1 - u is in (0, 1], so the logarithm is finite
            return Math.round(-averageMicros * Math.log(1.0 - random.nextDouble()));
        }

        @Override
        public double meanMicros() {
            return averageMicros;
        }
    }

    record Mixture(Latency usual, double share, Latency slow) implements Latency {
        public Mixture {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be 0..1, was " + share);
            }
        }

        @Override
        public long sampleMicros(SplittableRandom random) {
            // always one draw for the choice, so a mixture's sequence does not depend on which branch ran before
            boolean isSlow = random.nextDouble() < share;
            return isSlow ? slow.sampleMicros(random) : usual.sampleMicros(random);
        }

        @Override
        public double meanMicros() {
            return (1 - share) * usual.meanMicros() + share * slow.meanMicros();
        }
    }
}
