package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code request_completed}/{@code request_failed} event of a call, and how the session remembers it. */
public final class RequestEvents {

    private RequestEvents() {
    }

    /**
     * How a call ended.
     *
     * @param outcome          one of the {@code OUTCOME_*} values of {@link SessionEventTypes}
     * @param errorClass       what went wrong, reported unless the outcome is success
     * @param attempts         attempts made (0 when the tool never ran)
     * @param cached           answered from the result cache
     * @param argumentBytes    length of the arguments' canonical JSON, 0 if they were never looked at
     * @param forgetsArguments remember the request without its arguments
     */
    public record Completion(String outcome, String errorClass, int attempts, boolean cached, int argumentBytes,
                             boolean forgetsArguments) {

        public static Completion refused(Refusal refusal, int argumentBytes) {
            return new Completion(refusal.outcome(), refusal.errorClass(), refusal.attempts(), false,
                    refusal.beforeArguments() ? 0 : argumentBytes, refusal.forgetsArguments());
        }

        public static Completion cacheHit(int argumentBytes) {
            return new Completion(SessionEventTypes.OUTCOME_SUCCESS, "", 0, true, argumentBytes, false);
        }

        public static Completion ran(String outcome, String errorClass, int attempts, int argumentBytes) {
            return new Completion(outcome, errorClass, attempts, false, argumentBytes, false);
        }

        public boolean ok() {
            return outcome.equals(SessionEventTypes.OUTCOME_SUCCESS);
        }
    }

    /**
     * The request event.
     *
     * @param micros      the call's duration
     * @param resultBytes length of the result's text, 0 without a result
     * @param extra       more data, after the standard keys: the policy experiment and variant, the fingerprint
     */
    public static SessionEvent event(McpRequest request, Completion completion, long micros, int resultBytes,
                                     Map<String, Object> extra, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(SessionEventTypes.TOOL, request.toolName());
        data.put(SessionEventTypes.DURATION_MICROS, micros);
        data.put(SessionEventTypes.OUTCOME, completion.outcome());
        if (!completion.ok()) {
            data.put(SessionEventTypes.ERROR_CLASS, completion.errorClass());
        }
        data.put(SessionEventTypes.ARGUMENT_BYTES, completion.argumentBytes());
        data.put(SessionEventTypes.RESULT_BYTES, resultBytes);
        data.put(SessionEventTypes.CACHED, completion.cached());
        data.put(SessionEventTypes.ATTEMPTS, completion.attempts());
        data.put(SessionEventTypes.DEPTH, request.depth());
        request.parentRequestId().ifPresent(p -> data.put(SessionEventTypes.PARENT_REQUEST_ID, p));
        data.put(SessionEventTypes.CLIENT_NAME, request.client().name());
        data.putAll(extra);
        return new SessionEvent(completion.ok() ? SessionEventTypes.REQUEST_COMPLETED
                : SessionEventTypes.REQUEST_FAILED, request.sessionId(), request.requestId(), at, data);
    }

    /** The request as the session's history keeps it. */
    public static McpRequest remembered(McpRequest request, Completion completion) {
        return completion.forgetsArguments() ? new McpRequest(request.sessionId(), request.requestId(),
                request.parentRequestId(), request.method(), request.toolName(), Map.of(), request.client(),
                request.receivedAt(), request.depth()) : request;
    }
}
