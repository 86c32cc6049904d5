package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events and experiences for tests. */
final class Fixtures {

    private Fixtures() {
    }

    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static SessionEvent completed(String requestId, String tool, long micros, int argumentBytes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(SessionEventTypes.TOOL, tool);
        d.put(SessionEventTypes.DURATION_MICROS, micros);
        d.put(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_SUCCESS);
        d.put(SessionEventTypes.ARGUMENT_BYTES, argumentBytes);
        d.put(SessionEventTypes.RESULT_BYTES, 42);
        d.put(SessionEventTypes.CACHED, false);
        d.put(SessionEventTypes.ATTEMPTS, 1);
        d.put(SessionEventTypes.DEPTH, 0);
        d.put(SessionEventTypes.CLIENT_NAME, "inspector");
        return new SessionEvent(SessionEventTypes.REQUEST_COMPLETED, "s1", requestId, T0, d);
    }

    static SessionEvent failed(String requestId, String tool, String outcome, String errorClass, long micros) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(SessionEventTypes.TOOL, tool);
        d.put(SessionEventTypes.DURATION_MICROS, micros);
        d.put(SessionEventTypes.OUTCOME, outcome);
        if (errorClass != null) {
            d.put(SessionEventTypes.ERROR_CLASS, errorClass);
        }
        d.put(SessionEventTypes.ARGUMENT_BYTES, 10);
        return new SessionEvent(SessionEventTypes.REQUEST_FAILED, "s1", requestId, T0, d);
    }

    static SessionEvent routed(String requestId, String capability, String chosen, List<String> candidates,
                               double propensity) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(SessionEventTypes.CAPABILITY, capability);
        d.put(SessionEventTypes.CHOSEN, chosen);
        d.put(SessionEventTypes.CANDIDATES, candidates);
        d.put(SessionEventTypes.PROPENSITY, propensity);
        d.put(SessionEventTypes.SESSION_ID, "s1");
        return new SessionEvent(SessionEventTypes.AGENT_ROUTED, "s1", requestId, T0, d);
    }

    /** A successful or failed tool call as an experience. */
    static LearningExperience call(long second, String tool, boolean ok, long micros, int bytes) {
        return LearningExperience.request(at(second), "s1", "r" + second, tool,
                ok ? SessionEventTypes.OUTCOME_SUCCESS : SessionEventTypes.OUTCOME_TOOL_ERROR, "", micros, bytes);
    }

    static LearningExperience call(long second, String tool, String outcome, String errorClass, long micros) {
        return LearningExperience.request(at(second), "s1", "r" + second, tool, outcome, errorClass, micros, 100);
    }

    static LearningExperience routedCall(long second, String capability, String agent, boolean ok,
                                         double propensity) {
        return LearningExperience.routing(at(second), "s1", "r" + second, capability, agent, List.of("a", "b"),
                propensity, ok ? SessionEventTypes.OUTCOME_SUCCESS : SessionEventTypes.OUTCOME_TOOL_ERROR, 1000);
    }

    static SystemFacts.ToolFacts tool(ToolAnnotations annotations, Map<String, Long> policy, Map<String, Long> max) {
        return new SystemFacts.ToolFacts(annotations, policy, Map.of(), max);
    }

    static final ToolAnnotations IDEMPOTENT = new ToolAnnotations(null, true, false, true, true, false);
    static final Map<String, Long> NO_POLICY = Map.of(ToolPolicyKeys.RETRIES, 0L);
}
