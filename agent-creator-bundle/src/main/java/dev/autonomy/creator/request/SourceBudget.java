package dev.autonomy.creator.request;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/** Client-source builds per hour, failures included: the attempts of the last hour, by time. */
public final class SourceBudget {

    private static final long HOUR_MS = 3_600_000L;

    private final Clock clock;
    private final Deque<Long> attempts = new ArrayDeque<>();

    public SourceBudget(Clock clock) {
        this.clock = clock;
    }

    /** Takes one attempt if fewer than {@code perHour} were taken in the last hour. */
    public synchronized boolean take(int perHour) {
        long now = clock.millis();
        attempts.removeIf(t -> now - t > HOUR_MS);
        if (attempts.size() >= perHour) {
            return false;
        }
        attempts.addLast(now);
        return true;
    }
}
