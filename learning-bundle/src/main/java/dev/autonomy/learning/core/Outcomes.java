package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;

import java.util.Locale;
import java.util.Set;

/** Which failures are worth a retry: transient ones go away by themselves, others come back on every attempt. */
public final class Outcomes {

    private Outcomes() {
    }

    /** Outcomes that are transient by nature: the call may well succeed when tried again. */
    public static final Set<String> TRANSIENT_OUTCOMES = Set.of(SessionEventTypes.OUTCOME_TIMEOUT,
            SessionEventTypes.OUTCOME_BUSY, SessionEventTypes.OUTCOME_INTERNAL_ERROR);

    /** Outcomes that a retry never fixes: the same arguments or the same permission give the same answer. */
    public static final Set<String> PERMANENT_OUTCOMES = Set.of(SessionEventTypes.OUTCOME_INVALID_ARGUMENTS,
            SessionEventTypes.OUTCOME_DENIED, SessionEventTypes.OUTCOME_CANCELLED,
            SessionEventTypes.OUTCOME_UNKNOWN_TOOL);

    /**
     * Outcomes the foundation's engine retries (with {@code retries} &gt; 0, idempotent tools only): an attempt that
     * threw, or timed out. It never retries a call rejected as busy (the concurrency limit or a full pool: it answers
     * at once), nor a tool's own error result.
     */
    public static final Set<String> RETRIED_OUTCOMES = Set.of(SessionEventTypes.OUTCOME_TIMEOUT,
            SessionEventTypes.OUTCOME_INTERNAL_ERROR);

    private static final String[] TRANSIENT_WORDS = {"timeout", "timedout", "unavailable", "transient", "temporar",
        "connect", "ioexception", "socket", "reset", "busy", "throttl", "ratelimit", "retry", "interrupted"};

    /**
     * Whether a failure is likely transient: a transient outcome, or a tool error whose class names a timeout,
     * I/O, connection, throttling or unavailability problem. Permanent outcomes never are.
     */
    public static boolean isTransient(String outcome, String errorClass) {
        if (outcome.isEmpty() || SessionEventTypes.OUTCOME_SUCCESS.equals(outcome)
                || PERMANENT_OUTCOMES.contains(outcome)) {
            return false;
        }
        if (TRANSIENT_OUTCOMES.contains(outcome)) {
            return true;
        }
        String c = errorClass.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (String w : TRANSIENT_WORDS) {
            if (c.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a retry policy could turn this failure into a success: a transient failure of an outcome the engine
     * retries ({@link #RETRIED_OUTCOMES}). Busy rejections are transient but never retried, so a retry would change
     * nothing for them.
     */
    public static boolean isRetryable(String outcome, String errorClass) {
        return RETRIED_OUTCOMES.contains(outcome) && isTransient(outcome, errorClass);
    }
}
