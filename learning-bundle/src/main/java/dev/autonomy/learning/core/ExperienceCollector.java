package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 1, {@code collect_learning_experiences}: session events (and feedback) to {@link LearningExperience}s.
 * Only sizes, shapes, outcomes, timings and choices are taken — never argument values.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>event</th><th>experience</th></tr>
 *   <tr><td>{@code request_completed}, {@code request_failed}</td><td>{@code REQUEST}, provider {@code tool:<tool>},
 *       outcome, error class (the outcome when none given), duration, argument bytes; features attempts, cached,
 *       depth, client, resultBytes, and the policy experiment and its variant (as the foundation assigned it); the
 *       fingerprint (hex text or a number) when the event carries
 *       {@value LearningEventTypes#ARGUMENTS_FINGERPRINT}</td></tr>
 *   <tr><td>{@code agent_routed}</td><td>{@code ROUTING}, provider {@code agent:<chosen>}, capability,
 *       candidates, propensity; outcome and latency of the routing request (same request id) when it is among the
 *       events, else left empty (see {@link #collect(List, List)})</td></tr>
 *   <tr><td>{@code capability_gap}</td><td>{@code CAPABILITY_GAP}, provider {@code capability:<name>}, the input
 *       shape (names and types); unless raw values are kept, the learner stores the name only as a keyed hash and
 *       the shape only as counts of fields by type ({@link InputFeatures#anonymousShape})</td></tr>
 *   <tr><td>{@code agent_registered}, {@code agent_unregistered}</td><td>provider {@code agent:<id>}, version,
 *       capabilities</td></tr>
 *   <tr><td>{@code events_dropped}</td><td>provider {@code handler:<name>}, dropped count</td></tr>
 *   <tr><td>{@value LearningEventTypes#FEEDBACK}</td><td>{@code FEEDBACK}: the rating, attributed to the given
 *       provider, or to the rated request's routed agent or tool when that request is among the events</td></tr>
 * </table>
 * Other types (session and tool lifecycle, custom events) carry nothing to learn from and are skipped.
 */
public final class ExperienceCollector {

    private ExperienceCollector() {
    }

    /**
     * What one batch produced: experiences in event order, and the routing decisions whose outcome has not
     * arrived yet — pass them with the next batch so that they are completed there.
     */
    public record Collected(List<LearningExperience> experiences, List<SessionEvent> pendingRouted) {
        public Collected {
            experiences = List.copyOf(experiences);
            pendingRouted = List.copyOf(pendingRouted);
        }
    }

    /** All experiences of {@code events}; routing decisions whose outcome is not among them keep an empty one. */
    public static List<LearningExperience> collectLearningExperiences(List<SessionEvent> events) {
        return collectLearningExperiences(events, List.of());
    }

    /** As {@link #collectLearningExperiences(List)}, plus feedback given through the tool. */
    public static List<LearningExperience> collectLearningExperiences(List<SessionEvent> events,
                                                                      List<Feedback> feedback) {
        Collected c = collect(List.of(), events);
        List<LearningExperience> out = new ArrayList<>(c.experiences());
        Map<String, SessionEvent> routedById = new HashMap<>();
        for (SessionEvent e : events) {
            if (SessionEventTypes.AGENT_ROUTED.equals(e.type()) && !e.requestId().isEmpty()) {
                routedById.put(e.requestId(), e);
            }
        }
        for (SessionEvent p : c.pendingRouted()) {
            out.add(routing(p, null));
        }
        Map<String, String> providerOfRequest = providers(events, routedById);
        for (Feedback f : feedback) {
            out.add(feedbackExperience(f, providerOfRequest));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The streaming form: experiences of {@code events}, where routing decisions (from {@code pendingRouted} or
     * {@code events}) are emitted only once the routing request's outcome is among the events; the others are
     * returned as still pending. Each routing decision thus becomes exactly one experience, with its reward.
     */
    public static Collected collect(List<SessionEvent> pendingRouted, List<SessionEvent> events) {
        Map<String, SessionEvent> routedById = new LinkedHashMap<>();
        for (SessionEvent e : pendingRouted) {
            routedById.put(e.requestId(), e);
        }
        Set<String> routedIds = new HashSet<>(routedById.keySet());
        for (SessionEvent e : events) {
            if (SessionEventTypes.AGENT_ROUTED.equals(e.type()) && !e.requestId().isEmpty()) {
                routedIds.add(e.requestId());
                routedById.put(e.requestId(), e);
            }
        }
        Map<String, SessionEvent> outcomes = new HashMap<>();
        for (SessionEvent e : events) {
            if (isRequestEnd(e) && routedIds.contains(e.requestId())) {
                outcomes.putIfAbsent(e.requestId(), e);
            }
        }
        Map<String, String> providerOfRequest = providers(events, routedById);
        List<LearningExperience> out = new ArrayList<>(events.size());
        Set<String> emitted = new HashSet<>();
        for (SessionEvent p : pendingRouted) {
            SessionEvent end = outcomes.get(p.requestId());
            if (end != null) {
                out.add(routing(p, end));
                emitted.add(p.requestId());
            }
        }
        for (SessionEvent e : events) {
            String type = e.type();
            if (isRequestEnd(e)) {
                out.add(request(e));
            } else if (SessionEventTypes.AGENT_ROUTED.equals(type)) {
                SessionEvent end = outcomes.get(e.requestId());
                if (end != null && emitted.add(e.requestId())) {
                    out.add(routing(e, end));
                } else if (e.requestId().isEmpty()) {
                    out.add(routing(e, null)); // cannot ever be matched
                }
            } else if (SessionEventTypes.CAPABILITY_GAP.equals(type)) {
                out.add(gap(e));
            } else if (SessionEventTypes.AGENT_REGISTERED.equals(type)
                    || SessionEventTypes.AGENT_UNREGISTERED.equals(type)) {
                out.add(agent(e));
            } else if (SessionEventTypes.EVENTS_DROPPED.equals(type)) {
                out.add(dropped(e));
            } else if (LearningEventTypes.FEEDBACK.equals(type)) {
                LearningExperience f = feedbackEvent(e, providerOfRequest);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        List<SessionEvent> still = new ArrayList<>();
        for (SessionEvent r : routedById.values()) {
            if (!r.requestId().isEmpty() && !outcomes.containsKey(r.requestId())) {
                still.add(r);
            }
        }
        return new Collected(out, still);
    }

    private static boolean isRequestEnd(SessionEvent e) {
        return SessionEventTypes.REQUEST_COMPLETED.equals(e.type()) || SessionEventTypes.REQUEST_FAILED.equals(e.type());
    }

    /** Request id to the provider a rating of it is about: the routed agent, else the tool. */
    private static Map<String, String> providers(List<SessionEvent> events, Map<String, SessionEvent> routedById) {
        Map<String, String> out = new HashMap<>();
        for (SessionEvent e : events) {
            if (isRequestEnd(e) && !e.requestId().isEmpty()) {
                String tool = string(e.data(), SessionEventTypes.TOOL);
                if (!tool.isEmpty()) {
                    out.putIfAbsent(e.requestId(), Providers.tool(tool));
                }
            }
        }
        for (SessionEvent r : routedById.values()) {
            String chosen = string(r.data(), SessionEventTypes.CHOSEN);
            if (!chosen.isEmpty()) {
                out.put(r.requestId(), Providers.agent(chosen));
            }
        }
        return out;
    }

    static LearningExperience request(SessionEvent e) {
        Map<String, Object> d = e.data();
        boolean failedType = SessionEventTypes.REQUEST_FAILED.equals(e.type());
        String outcome = string(d, SessionEventTypes.OUTCOME);
        if (outcome.isEmpty()) {
            outcome = failedType ? SessionEventTypes.OUTCOME_INTERNAL_ERROR : SessionEventTypes.OUTCOME_SUCCESS;
        }
        String errorClass = LearningExperience.failureClass(outcome, string(d, SessionEventTypes.ERROR_CLASS));
        Map<String, Object> features = new LinkedHashMap<>();
        copyNumber(d, SessionEventTypes.ATTEMPTS, features, InputFeatures.ATTEMPTS);
        copyNumber(d, SessionEventTypes.DEPTH, features, InputFeatures.DEPTH);
        copyNumber(d, SessionEventTypes.RESULT_BYTES, features, InputFeatures.RESULT_BYTES);
        if (d.get(SessionEventTypes.CACHED) instanceof Boolean) {
            features.put(InputFeatures.CACHED, d.get(SessionEventTypes.CACHED));
        }
        String client = string(d, SessionEventTypes.CLIENT_NAME);
        if (!client.isEmpty()) {
            features.put(InputFeatures.CLIENT, client);
        }
        String experiment = string(d, SessionEventTypes.EXPERIMENT);
        String variant = string(d, SessionEventTypes.VARIANT);
        if (!experiment.isEmpty() && (SessionEventTypes.VARIANT_TREATMENT.equals(variant)
                || SessionEventTypes.VARIANT_HOLDOUT.equals(variant))) {
            features.put(InputFeatures.EXPERIMENT, experiment);
            features.put(InputFeatures.VARIANT, variant);
        }
        long fingerprint = fingerprint(d);
        return new LearningExperience(0, e.time(), e.sessionId(), e.requestId(), ExperienceKind.REQUEST,
                Providers.tool(string(d, SessionEventTypes.TOOL)), "", outcome, errorClass,
                number(d, SessionEventTypes.DURATION_MICROS, -1),
                (int) Math.min(Integer.MAX_VALUE, number(d, SessionEventTypes.ARGUMENT_BYTES, -1)), fingerprint,
                features, 0, 0, List.of());
    }

    /** A routing decision, with the outcome and latency of its request when {@code end} is known. */
    static LearningExperience routing(SessionEvent e, SessionEvent end) {
        Map<String, Object> d = e.data();
        List<String> candidates = new ArrayList<>();
        if (d.get(SessionEventTypes.CANDIDATES) instanceof List) {
            for (Object o : (List<?>) d.get(SessionEventTypes.CANDIDATES)) {
                if (o instanceof String) {
                    candidates.add((String) o);
                }
            }
        }
        double propensity = 0;
        if (d.get(SessionEventTypes.PROPENSITY) instanceof Number) {
            double p = ((Number) d.get(SessionEventTypes.PROPENSITY)).doubleValue();
            propensity = p >= 0 && p <= 1 ? p : 0;
        }
        String outcome = "";
        long latency = -1;
        if (end != null) {
            outcome = string(end.data(), SessionEventTypes.OUTCOME);
            if (outcome.isEmpty()) {
                outcome = SessionEventTypes.REQUEST_FAILED.equals(end.type())
                        ? SessionEventTypes.OUTCOME_INTERNAL_ERROR : SessionEventTypes.OUTCOME_SUCCESS;
            }
            latency = number(end.data(), SessionEventTypes.DURATION_MICROS, -1);
        }
        String sessionId = e.sessionId().isEmpty() ? string(d, SessionEventTypes.SESSION_ID) : e.sessionId();
        LearningExperience x = LearningExperience.routing(e.time(), sessionId, e.requestId(),
                string(d, SessionEventTypes.CAPABILITY), string(d, SessionEventTypes.CHOSEN), candidates, propensity,
                outcome, latency);
        if (end != null) {
            String errorClass = LearningExperience.failureClass(outcome,
                    string(end.data(), SessionEventTypes.ERROR_CLASS));
            x = new LearningExperience(0, x.time(), x.sessionId(), x.requestId(), x.kind(), x.provider(),
                    x.capability(), outcome, errorClass, latency,
                    (int) Math.min(Integer.MAX_VALUE, number(end.data(), SessionEventTypes.ARGUMENT_BYTES, -1)),
                    fingerprint(end.data()), Map.of(), 0, propensity,
                    candidates);
        }
        return x;
    }

    private static LearningExperience gap(SessionEvent e) {
        Map<String, Object> d = e.data();
        Map<String, Object> features = new LinkedHashMap<>();
        Object shape = d.get(SessionEventTypes.INPUT_SHAPE);
        if (shape instanceof Map) {
            // names and JSON types only: anything else in the object is dropped
            Map<String, Object> clean = new LinkedHashMap<>();
            ((Map<?, ?>) shape).forEach((k, v) -> {
                if (k instanceof String && v instanceof String) {
                    clean.put((String) k, v);
                }
            });
            features.put(InputFeatures.SHAPE, clean);
        }
        String capability = string(d, SessionEventTypes.CAPABILITY);
        String sessionId = e.sessionId().isEmpty() ? string(d, SessionEventTypes.SESSION_ID) : e.sessionId();
        return new LearningExperience(0, e.time(), sessionId, e.requestId(), ExperienceKind.CAPABILITY_GAP,
                Providers.capability(capability), capability, "", "", -1, -1, 0, features, 0, 0, List.of());
    }

    private static LearningExperience agent(SessionEvent e) {
        Map<String, Object> d = e.data();
        Map<String, Object> features = new LinkedHashMap<>();
        String version = string(d, SessionEventTypes.VERSION);
        if (!version.isEmpty()) {
            features.put(InputFeatures.VERSION, version);
        }
        if (d.get(SessionEventTypes.CAPABILITIES) instanceof List) {
            List<String> caps = new ArrayList<>();
            for (Object o : (List<?>) d.get(SessionEventTypes.CAPABILITIES)) {
                if (o instanceof String) {
                    caps.add((String) o);
                }
            }
            features.put(InputFeatures.CAPABILITIES, caps);
        }
        ExperienceKind kind = SessionEventTypes.AGENT_REGISTERED.equals(e.type()) ? ExperienceKind.AGENT_REGISTERED
                : ExperienceKind.AGENT_UNREGISTERED;
        return new LearningExperience(0, e.time(), e.sessionId(), e.requestId(), kind,
                Providers.agent(string(d, SessionEventTypes.AGENT_ID)), "", "", "", -1, -1, 0, features, 0, 0,
                List.of());
    }

    private static LearningExperience dropped(SessionEvent e) {
        Map<String, Object> d = e.data();
        return new LearningExperience(0, e.time(), e.sessionId(), e.requestId(), ExperienceKind.EVENTS_DROPPED,
                Providers.handler(string(d, SessionEventTypes.HANDLER)), "", "", "", -1, -1, 0,
                Map.of(InputFeatures.DROPPED, number(d, SessionEventTypes.DROPPED, 0)), 0, 0, List.of());
    }

    /** A feedback event, or null when its rating is not 1..5. */
    private static LearningExperience feedbackEvent(SessionEvent e, Map<String, String> providerOfRequest) {
        Map<String, Object> d = e.data();
        long rating = number(d, LearningEventTypes.RATING, 0);
        if (rating < 1 || rating > 5) {
            return null;
        }
        String provider = string(d, LearningEventTypes.PROVIDER);
        if (provider.isEmpty()) {
            provider = providerOfRequest.getOrDefault(e.requestId(), "");
        }
        return LearningExperience.feedback(e.time(), e.sessionId(), e.requestId(), provider, (int) rating,
                string(d, LearningEventTypes.COMMENT));
    }

    private static LearningExperience feedbackExperience(Feedback f, Map<String, String> providerOfRequest) {
        String provider = f.provider().isEmpty() ? providerOfRequest.getOrDefault(f.requestId(), "") : f.provider();
        return LearningExperience.feedback(f.time(), f.sessionId(), f.requestId(), provider, f.rating(), f.comment());
    }

    /**
     * The argument fingerprint of a request event: the foundation writes it as hex text (an unsigned 64-bit value),
     * a producer may write a number; 0 when absent or unreadable (0 means "unknown").
     */
    static long fingerprint(Map<String, Object> data) {
        Object v = data.get(LearningEventTypes.ARGUMENTS_FINGERPRINT);
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            if (s.isEmpty() || s.length() > 16) {
                return 0;
            }
            try {
                long h = Long.parseUnsignedLong(s, 16);
                return h == 0 ? 1 : h;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String string(Map<String, Object> data, String key) {
        Object v = data.get(key);
        return v instanceof String ? (String) v : "";
    }

    private static long number(Map<String, Object> data, String key, long absent) {
        Object v = data.get(key);
        return v instanceof Number ? ((Number) v).longValue() : absent;
    }

    private static void copyNumber(Map<String, Object> from, String key, Map<String, Object> to, String as) {
        Object v = from.get(key);
        if (v instanceof Number) {
            to.put(as, ((Number) v).longValue());
        }
    }
}
