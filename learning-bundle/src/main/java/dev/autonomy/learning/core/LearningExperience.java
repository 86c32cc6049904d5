package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing the system can learn from: who provided what (a tool, an agent, a capability), the shape of the input
 * (never its values), the outcome, the latency, the error class, and a person's rating.
 *
 * @param sequence         the store's sequence number; 0 until stored
 * @param time             when it happened
 * @param sessionId        the session, or empty
 * @param requestId        the request, or empty
 * @param kind             what it records
 * @param provider         {@code tool:<name>}, {@code agent:<id>}, {@code capability:<name>}, {@code handler:<name>}
 *                         (the same names as proposal targets); empty when unknown (feedback not resolved yet)
 * @param capability       the capability involved (routing, gaps), or empty
 * @param outcome          a {@code SessionEventTypes.OUTCOME_*} value; empty when not known (yet) or not applicable
 * @param errorClass       the error class of a failure (the outcome when the event named none); empty on success
 * @param latencyMicros    duration in microseconds; -1 when not applicable
 * @param inputBytes       size of the arguments in bytes; -1 when not known
 * @param inputFingerprint keyed hash of the canonical arguments ({@link InputFeatures#fingerprint}); 0 when unknown
 * @param inputFeatures    further features (immutable JSON): shape, attempts, cached, depth, client, comment...
 * @param rating           a person's rating 1..5; 0 = none
 * @param propensity       the probability with which the router chose the provider; 0 = not logged
 * @param candidates       the agents the router chose from (routing only)
 */
public record LearningExperience(long sequence, Instant time, String sessionId, String requestId, ExperienceKind kind,
                                 String provider, String capability, String outcome, String errorClass,
                                 long latencyMicros, int inputBytes, long inputFingerprint,
                                 Map<String, Object> inputFeatures, int rating, double propensity,
                                 List<String> candidates) {

    /** Longest provider, capability, outcome and error class kept; longer ones are cut. */
    public static final int MAX_NAME = 200;

    public LearningExperience {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        sessionId = name(sessionId);
        requestId = name(requestId);
        provider = name(provider);
        capability = name(capability);
        outcome = name(outcome);
        errorClass = name(errorClass);
        latencyMicros = Math.max(-1, latencyMicros);
        inputBytes = Math.max(-1, inputBytes);
        inputFeatures = inputFeatures == null || inputFeatures.isEmpty() ? Map.of()
                : JsonValues.immutableObject(inputFeatures);
        if (rating < 0 || rating > 5) {
            throw new IllegalArgumentException("rating must be 0 (none) or 1..5, was " + rating);
        }
        if (!(propensity >= 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in [0, 1], was " + propensity);
        }
        candidates = candidates == null || candidates.isEmpty() ? List.of() : List.copyOf(candidates);
    }

    private static String name(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_NAME ? s.substring(0, MAX_NAME) : s;
    }

    /** A finished tool call; a failure without an error class is classified by its outcome. */
    public static LearningExperience request(Instant time, String sessionId, String requestId, String tool,
                                             String outcome, String errorClass, long latencyMicros, int inputBytes) {
        return new LearningExperience(0, time, sessionId, requestId, ExperienceKind.REQUEST, Providers.tool(tool),
                "", outcome, failureClass(outcome, errorClass), latencyMicros, inputBytes, 0, Map.of(), 0, 0, List.of());
    }

    /** A routing decision with the outcome of the routed call (empty outcome: not known yet). */
    public static LearningExperience routing(Instant time, String sessionId, String requestId, String capability,
                                             String chosen, List<String> candidates, double propensity,
                                             String outcome, long latencyMicros) {
        return new LearningExperience(0, time, sessionId, requestId, ExperienceKind.ROUTING, Providers.agent(chosen),
                capability, outcome, failureClass(outcome, ""), latencyMicros, -1, 0, Map.of(), 0, propensity,
                candidates);
    }

    /** A person's rating of a provider (or of a request, when the provider is still to be resolved). */
    public static LearningExperience feedback(Instant time, String sessionId, String requestId, String provider,
                                              int rating, String comment) {
        Map<String, Object> features = comment == null || comment.isBlank() ? Map.of()
                : Map.of(InputFeatures.COMMENT, Feedback.cut(comment));
        return new LearningExperience(0, time, sessionId, requestId, ExperienceKind.FEEDBACK, provider, "", "", "",
                -1, -1, 0, features, rating, 0, List.of());
    }

    /** The error class of an outcome: the given class, else the outcome itself when it is a failure. */
    static String failureClass(String outcome, String errorClass) {
        if (outcome == null || outcome.isEmpty() || SessionEventTypes.OUTCOME_SUCCESS.equals(outcome)) {
            return "";
        }
        return errorClass == null || errorClass.isEmpty() ? outcome : errorClass;
    }

    /** Whether the outcome is known and a success. */
    public boolean succeeded() {
        return SessionEventTypes.OUTCOME_SUCCESS.equals(outcome);
    }

    /** Whether the outcome is known (not empty). */
    public boolean hasOutcome() {
        return !outcome.isEmpty();
    }

    public LearningExperience withSequence(long newSequence) {
        return new LearningExperience(newSequence, time, sessionId, requestId, kind, provider, capability, outcome,
                errorClass, latencyMicros, inputBytes, inputFingerprint, inputFeatures, rating, propensity,
                candidates);
    }

    public LearningExperience withProvider(String newProvider) {
        return new LearningExperience(sequence, time, sessionId, requestId, kind, newProvider, capability, outcome,
                errorClass, latencyMicros, inputBytes, inputFingerprint, inputFeatures, rating, propensity,
                candidates);
    }

    public LearningExperience withInputFingerprint(long fingerprint) {
        return new LearningExperience(sequence, time, sessionId, requestId, kind, provider, capability, outcome,
                errorClass, latencyMicros, inputBytes, fingerprint, inputFeatures, rating, propensity, candidates);
    }

    public LearningExperience withInputFeatures(Map<String, ?> features) {
        return new LearningExperience(sequence, time, sessionId, requestId, kind, provider, capability, outcome,
                errorClass, latencyMicros, inputBytes, inputFingerprint, JsonValues.immutableObject(features), rating,
                propensity, candidates);
    }
}
