package dev.autonomy.testkit.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded behaviour of a simulated tool or agent: the same seed gives the same latencies and failures, call for call.
 * Latency and failure draw from separate streams, so changing one distribution leaves the other's sequence as it was.
 */
public record TrafficProfile(long seed, Latency latency, Failures failures) {

    /** Separates the failure stream from the latency stream of the same seed. */
    private static final long FAILURE_STREAM = 0x9E3779B97F4A7C15L;

    public TrafficProfile {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(failures, "failures");
    }

    /** One call's behaviour. */
    public record Sample(long index, long latencyMicros, boolean failed) {
    }

    /** A source of samples in order, from call 0; not thread-safe (callers synchronize). */
    public final class Sequence {
        private final SplittableRandom latencies = new SplittableRandom(seed);
        private final SplittableRandom failed = new SplittableRandom(seed ^ FAILURE_STREAM);
        private long next;

        private Sequence() {
        }

        public Sample next() {
            long i = next++;
            return new Sample(i, latency.sampleMicros(latencies), failures.fails(i, failed));
        }
    }

    public Sequence start() {
        return new Sequence();
    }

    /** The first {@code n} samples (pure: the same profile always gives the same list). */
    public List<Sample> samples(int n) {
        Sequence s = start();
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(s.next());
        }
        return out;
    }

    public TrafficProfile withLatency(Latency l) {
        return new TrafficProfile(seed, l, failures);
    }

    public TrafficProfile withFailures(Failures f) {
        return new TrafficProfile(seed, latency, f);
    }
}
