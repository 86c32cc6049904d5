package dev.autonomy.creator.gap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The creator's creation opportunities, by capability, and when a design for one may be tried again after it
 * failed or was turned down (no rebuild on every request).
 */
public final class Opportunities {

    /** How long a failed or turned-down design of a gap waits before the next attempt. */
    public static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final Clock clock;
    private final Map<String, Opportunity> book = new ConcurrentHashMap<>();
    private final Map<String, Instant> retryAfter = new ConcurrentHashMap<>();

    public Opportunities(Clock clock) {
        this.clock = clock;
    }

    /** A request for {@code capability} that nobody offers. */
    public Opportunity seen(String capability, Map<String, Object> shape) {
        return record(capability, shape, 1, OpportunityStatus.SEEN, "");
    }

    /** No design exists for {@code capability} with what is present. */
    public void notComposable(String capability, Map<String, Object> shape) {
        record(capability, shape, 0, OpportunityStatus.NOT_COMPOSABLE, "");
    }

    /** A design for {@code capability} came to {@code status}; one that did not succeed waits before a retry. */
    public void designed(String capability, Map<String, Object> shape, OpportunityStatus status, String failedStage,
                         boolean ok) {
        if (!ok) {
            retryAfter.put(capability, clock.instant().plus(RETRY_AFTER));
        }
        record(capability, shape, 0, status, ok ? "" : failedStage);
    }

    /** Whether a design for {@code capability} failed or was turned down lately. */
    public boolean waitingToRetry(String capability) {
        Instant retry = retryAfter.get(capability);
        return retry != null && clock.instant().isBefore(retry);
    }

    public Optional<Opportunity> get(String capability) {
        return Optional.ofNullable(book.get(capability));
    }

    /** Every opportunity, in no order. */
    public List<Opportunity> all() {
        return new ArrayList<>(book.values());
    }

    public int size() {
        return book.size();
    }

    private Opportunity record(String capability, Map<String, Object> shape, int add, OpportunityStatus status,
                               String failedStage) {
        return book.compute(capability, (k, old) -> Opportunity.next(old, capability, shape, add, status,
                failedStage, clock.instant()));
    }
}
