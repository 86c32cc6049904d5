package dev.autonomy.learning.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's rating (1 = bad .. 5 = good) of a request or of a provider, as the {@code learn_feedback} tool takes
 * it. At least one of requestId and provider is given; a rating of a request is attributed to the request's
 * provider (the routed agent when the request was routed).
 *
 * @param time      when it was given
 * @param sessionId the session it was given in, or empty
 * @param requestId the rated request, or empty
 * @param provider  the rated provider ({@code tool:x}, {@code agent:y}), or empty
 * @param rating    1..5
 * @param comment   free text, at most {@value #MAX_COMMENT} characters (longer is cut)
 */
public record Feedback(Instant time, String sessionId, String requestId, String provider, int rating,
                       String comment) {

    public static final int MAX_COMMENT = 500;

    public Feedback {
        Objects.requireNonNull(time, "time");
        sessionId = sessionId == null ? "" : sessionId;
        requestId = requestId == null ? "" : requestId;
        provider = provider == null ? "" : provider;
        if (requestId.isBlank() && provider.isBlank()) {
            throw new IllegalArgumentException("give a requestId or a provider");
        }
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be 1..5, was " + rating);
        }
        comment = cut(comment);
    }

    static String cut(String comment) {
        if (comment == null) {
            return "";
        }
        String s = comment.strip();
        return s.length() > MAX_COMMENT ? s.substring(0, MAX_COMMENT) : s;
    }
}
