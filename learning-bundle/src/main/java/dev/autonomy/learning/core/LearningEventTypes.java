package dev.autonomy.learning.core;

/**
 * Event types and data keys this bundle reads beyond {@code SessionEventTypes}: feedback published as a session
 * event, and an optional argument fingerprint on request events.
 */
public final class LearningEventTypes {

    private LearningEventTypes() {
    }

    /** A person's rating; data: {@link #RATING}, and {@link #PROVIDER} or the event's requestId, {@link #COMMENT}. */
    public static final String FEEDBACK = "learning_feedback";
    public static final String RATING = "rating";
    public static final String PROVIDER = "provider";
    public static final String COMMENT = "comment";
    /** On {@code request_completed}/{@code request_failed}: {@link InputFeatures#fingerprint} of the arguments. */
    public static final String ARGUMENTS_FINGERPRINT = "argumentsFingerprint";
}
