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
}
