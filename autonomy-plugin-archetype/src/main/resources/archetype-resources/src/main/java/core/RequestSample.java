package ${package}.core;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;

import java.util.Optional;

/**
 * One finished tool call, as the pipeline needs it: which tool, how long it took, whether it ran out of time.
 *
 * @param tool           the tool called
 * @param durationMicros how long the call took
 * @param timedOut       whether it ended because of its time limit
 */
public record RequestSample(String tool, long durationMicros, boolean timedOut) {

    public RequestSample {
        if (tool == null || tool.isBlank()) {
            throw new IllegalArgumentException("tool must not be blank");
        }
        if (durationMicros < 0) {
            throw new IllegalArgumentException("durationMicros must be >= 0, was " + durationMicros);
        }
    }

    /**
     * The sample a {@code request_completed} or {@code request_failed} event describes; empty for every other
     * event, and for one without a tool or a duration.
     */
    public static Optional<RequestSample> from(SessionEvent event) {
        String type = event.type();
        if (!SessionEventTypes.REQUEST_COMPLETED.equals(type) && !SessionEventTypes.REQUEST_FAILED.equals(type)) {
            return Optional.empty();
        }
        Object tool = event.data().get(SessionEventTypes.TOOL);
        Object micros = event.data().get(SessionEventTypes.DURATION_MICROS);
        if (!(tool instanceof String) || ((String) tool).isBlank() || !(micros instanceof Number)) {
            return Optional.empty();
        }
        boolean timedOut = SessionEventTypes.OUTCOME_TIMEOUT.equals(event.data().get(SessionEventTypes.OUTCOME));
        return Optional.of(new RequestSample((String) tool, Math.max(0, ((Number) micros).longValue()), timedOut));
    }
}
