package ${package}.component;

import ${package}.core.RequestSample;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last {@code capacity} samples, oldest first: the pipeline's input. One lock, held briefly. */
final class RecentSamples {

    private final int capacity;
    private final Deque<RequestSample> samples = new ArrayDeque<>();
    private long seen;

    RecentSamples(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void add(RequestSample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
        seen++;
    }

    synchronized List<RequestSample> snapshot() {
        return List.copyOf(samples);
    }

    /** Samples added since the start, including those that no longer fit. */
    synchronized long seen() {
        return seen;
    }
}
