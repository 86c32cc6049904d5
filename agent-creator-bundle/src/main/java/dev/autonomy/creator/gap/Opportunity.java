package dev.autonomy.creator.gap;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A capability asked for that nobody offers.
 *
 * @param inputShape  the arguments its requests carried (a hint for a design)
 * @param demand      how often it was asked for
 * @param failedStage the stage a design failed or was turned down at ({@code governor}); empty otherwise
 */
public record Opportunity(String capability, Map<String, Object> inputShape, int demand, Instant lastSeen,
                          OpportunityStatus status, String failedStage) {

    public Opportunity {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(status, "status");
        inputShape = Collections.unmodifiableMap(new LinkedHashMap<>(inputShape));
    }

    /** The status as clients read it: {@code failed (build)}, {@code rejected (governor)}, {@code queued} … */
    public String statusText() {
        return failedStage.isEmpty() ? status.label() : status.label() + " (" + failedStage + ")";
    }

    /**
     * The opportunity after one more event ({@code old} may be null): a new request ({@code add > 0}) counts and
     * keeps a known status; a design's outcome ({@code add == 0}) sets it. An empty shape keeps the known one.
     */
    static Opportunity next(Opportunity old, String capability, Map<String, Object> shape, int add,
                            OpportunityStatus status, String failedStage, Instant now) {
        boolean keep = old != null && add > 0;
        return new Opportunity(capability, shape.isEmpty() && old != null ? old.inputShape() : shape,
                (old == null ? 0 : old.demand()) + add, now, keep ? old.status() : status,
                keep ? old.failedStage() : failedStage);
    }
}
