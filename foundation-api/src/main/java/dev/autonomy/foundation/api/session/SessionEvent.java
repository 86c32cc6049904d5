package dev.autonomy.foundation.api.session;

import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in a session. Types and data keys are constants in {@link SessionEventTypes}; custom
 * types are {@code snake_case} too.
 *
 * @param type      e.g. {@link SessionEventTypes#REQUEST_COMPLETED}
 * @param sessionId the session, or empty for container-wide events
 * @param requestId the request, or empty
 * @param time      when it happened
 * @param data      immutable JSON object
 */
public record SessionEvent(String type, String sessionId, String requestId, Instant time, Map<String, Object> data) {

    public SessionEvent {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        sessionId = sessionId == null ? "" : sessionId;
        requestId = requestId == null ? "" : requestId;
        Objects.requireNonNull(time, "time");
        data = JsonValues.immutableObject(data);
    }

    public static SessionEvent of(String type, String sessionId, Instant time, Map<String, ?> data) {
        return new SessionEvent(type, sessionId, "", time, JsonValues.immutableObject(data));
    }
}
