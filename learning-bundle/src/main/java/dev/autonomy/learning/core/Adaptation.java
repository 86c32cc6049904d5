package dev.autonomy.learning.core;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One change of behaviour, as data: proposed to the governor as a reversible {@link ProposedAction}, applied to all
 * but a holdout share of the traffic, measured against that holdout, then kept or reverted.
 *
 * @param id                  unique, stable id; also the proposal id and the holdout's experiment id
 * @param kind                what it changes
 * @param target              {@code capability:<name>}, {@code tool:<name>} or {@code context:adaptive_learning_context}
 * @param payload             what the executor needs to apply it (immutable JSON; see {@link BehaviorAdapter})
 * @param holdoutShare        share of units (requests) kept on the old behaviour, 0 &lt; h &lt; 0.5
 * @param metric              what counts as a bad outcome when comparing the arms
 * @param slowThresholdMicros for {@link Metric#SLOW}: calls slower than this are bad; 0 otherwise
 * @param status              where it stands
 * @param proposedAt          when it was proposed
 * @param startedAt           when it was applied (its experiment began), or null
 * @param decidedAt           when it was kept or reverted, or null
 * @param basis               the evidence of the knowledge it acts on
 * @param rationale           why, in words (the proposal's expected effect)
 */
public record Adaptation(String id, Kind kind, String target, Map<String, Object> payload, double holdoutShare,
                         Metric metric, long slowThresholdMicros, Status status, Instant proposedAt,
                         Instant startedAt, Instant decidedAt, Evidence basis, String rationale) {

    /** The capability name under which learning proposes its actions. */
    public static final String CAPABILITY = "learning";

    /** What an adaptation changes; the proposal kind is {@link #actionKind()}. */
    public enum Kind {
        /** Routing among the agents of a capability by Thompson sampling (advice to the router). */
        ROUTING("routing"),
        /** Retries of a tool (tool policy {@code retries}). */
        RETRY("tool.policy"),
        /** The time limit of a tool (tool policy {@code timeoutMs}). */
        TIMEOUT("tool.policy"),
        /** A result cache for a tool (tool policy {@code cacheTtlMs}). */
        CACHE("tool.policy"),
        /** Learned preferences in the {@code adaptive_learning_context} extension. */
        CONTEXT("context");

        private final String actionKind;

        Kind(String actionKind) {
            this.actionKind = actionKind;
        }

        /** The governor's kind: modes and budgets are keyed {@code learning.<actionKind>}. */
        public String actionKind() {
            return actionKind;
        }
    }

    public enum Status {
        /** Proposed, not applied yet (waiting for the governor or a person). */
        PROPOSED,
        /** Applied to the treatment share; the experiment runs. */
        ACTIVE,
        /** Better than the holdout with confidence: kept. */
        KEPT,
        /** Not better (worse, or no proof in time): undone. */
        REVERTED,
        /** Never applied: the governor (or the operator) turned the proposal down, or applying it failed. */
        REJECTED;

        public boolean isOpen() {
            return this == PROPOSED || this == ACTIVE;
        }

        /** Whether the adaptation is closed without being kept (a cooldown applies to its target). */
        public boolean isDropped() {
            return this == REVERTED || this == REJECTED;
        }
    }

    /** What counts as a bad outcome of a unit. */
    public enum Metric {
        /** Any outcome but success. */
        FAILURE,
        /** A failure, or a success slower than the threshold. */
        SLOW
    }

    public Adaptation {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        payload = JsonValues.immutableObject(payload);
        if (!(holdoutShare > 0 && holdoutShare < 0.5)) {
            throw new IllegalArgumentException("holdoutShare must be in (0, 0.5), was " + holdoutShare);
        }
        Objects.requireNonNull(metric, "metric");
        if (metric == Metric.SLOW ? slowThresholdMicros <= 0 : slowThresholdMicros != 0) {
            throw new IllegalArgumentException("slowThresholdMicros must be > 0 for SLOW and 0 otherwise, was "
                    + slowThresholdMicros);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(proposedAt, "proposedAt");
        Objects.requireNonNull(basis, "basis");
        rationale = rationale == null ? "" : rationale;
    }

    /** A copy in a new status at {@code at}: ACTIVE sets startedAt, KEPT, REVERTED and REJECTED set decidedAt. */
    public Adaptation withStatus(Status newStatus, Instant at) {
        Objects.requireNonNull(at, "at");
        Instant started = newStatus == Status.ACTIVE && startedAt == null ? at : startedAt;
        Instant decided = newStatus == Status.KEPT || newStatus.isDropped() ? at : decidedAt;
        return new Adaptation(id, kind, target, payload, holdoutShare, metric, slowThresholdMicros, newStatus,
                proposedAt, started, decided, basis, rationale);
    }

    /** A copy with another payload (learned preferences re-checked after a session was forgotten). */
    public Adaptation withPayload(Map<String, Object> newPayload) {
        return new Adaptation(id, kind, target, newPayload, holdoutShare, metric, slowThresholdMicros, status,
                proposedAt, startedAt, decidedAt, basis, rationale);
    }

    /** Whether {@code unitId} (a request id) stays on the old behaviour in this adaptation's experiment. */
    public boolean isHoldout(String unitId) {
        return Holdout.isHoldout(unitId, id, holdoutShare);
    }

    /** Whether an outcome counts as bad under this adaptation's metric. */
    public boolean isBad(LearningExperience x) {
        if (!x.succeeded()) {
            return true;
        }
        return metric == Metric.SLOW && x.latencyMicros() > slowThresholdMicros;
    }

    /**
     * The proposal for the governor: capability {@value #CAPABILITY}, kind {@link Kind#actionKind()}, this target,
     * reversible; the payload carries the adaptation's id, kind, holdout share and metric besides what the
     * executor applies.
     */
    public ProposedAction toProposedAction() {
        Map<String, Object> p = new LinkedHashMap<>(payload);
        p.put("adaptationId", id);
        p.put("adaptation", kind.name().toLowerCase(Locale.ROOT));
        p.put("holdoutShare", holdoutShare);
        p.put("metric", metric.name().toLowerCase(Locale.ROOT));
        if (metric == Metric.SLOW) {
            p.put("slowThresholdMicros", slowThresholdMicros);
        }
        p.put("basis", basis.toJson());
        return new ProposedAction(id, CAPABILITY, kind.actionKind(), target, p, true, rationale,
                Actor.capability(CAPABILITY), proposedAt);
    }

    /** Payload keys that {@link #toProposedAction()} adds to the adaptation's own payload. */
    private static final List<String> PROPOSAL_KEYS = List.of("adaptationId", "adaptation", "holdoutShare", "metric",
            "slowThresholdMicros", "basis");

    /**
     * The adaptation a proposal carries, as {@link #toProposedAction()} wrote it: what the executor needs when the
     * proposal is approved after a restart, with nothing but the proposal at hand. Status PROPOSED.
     *
     * @throws IllegalArgumentException if the proposal is not learning's or its payload is incomplete
     */
    public static Adaptation fromProposedAction(ProposedAction action) {
        if (!CAPABILITY.equals(action.capability())) {
            throw new IllegalArgumentException("not a proposal of " + CAPABILITY + ": " + action.capability());
        }
        Map<String, Object> p = action.payload();
        Kind kind = kind(p.get("adaptation"));
        if (!kind.actionKind().equals(action.kind())) {
            throw new IllegalArgumentException("adaptation " + kind.name().toLowerCase(Locale.ROOT)
                    + " does not go with the proposal kind " + action.kind());
        }
        Map<String, Object> own = new LinkedHashMap<>(p);
        PROPOSAL_KEYS.forEach(own::remove);
        Metric metric = metric(p.get("metric"));
        return new Adaptation(action.id(), kind, action.target(), own, number(p, "holdoutShare"), metric,
                metric == Metric.SLOW ? (long) number(p, "slowThresholdMicros") : 0, Status.PROPOSED,
                action.proposedAt(), null, null, evidence(p.get("basis")), action.expectedEffect());
    }

    /** An adaptation from its {@link #toJson()} form (as stored). */
    public static Adaptation fromJson(Map<String, ?> m) {
        Object payload = m.get("payload");
        if (!(payload instanceof Map)) {
            throw new IllegalArgumentException("adaptation has no payload object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> pl = (Map<String, Object>) payload;
        Metric metric = metric(m.get("metric"));
        return new Adaptation(text(m, "id"), kind(m.get("kind")), text(m, "target"), pl, number(m, "holdoutShare"),
                metric, metric == Metric.SLOW ? (long) number(m, "slowThresholdMicros") : 0,
                status(m.get("status")), instant(m.get("proposedAt")), instantOrNull(m.get("startedAt")),
                instantOrNull(m.get("decidedAt")), evidence(m.get("basis")),
                m.get("rationale") instanceof String ? (String) m.get("rationale") : "");
    }

    private static Kind kind(Object name) {
        if (name instanceof String) {
            for (Kind k : Kind.values()) {
                if (k.name().equalsIgnoreCase((String) name)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown adaptation kind '" + name + "'");
    }

    private static Metric metric(Object name) {
        if (name instanceof String) {
            for (Metric k : Metric.values()) {
                if (k.name().equalsIgnoreCase((String) name)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'");
    }

    private static Status status(Object name) {
        if (name instanceof String) {
            for (Status k : Status.values()) {
                if (k.name().equalsIgnoreCase((String) name)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown status '" + name + "'");
    }

    private static String text(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new IllegalArgumentException("adaptation has no " + key);
        }
        return (String) v;
    }

    private static double number(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("adaptation has no number " + key);
        }
        return ((Number) v).doubleValue();
    }

    private static Instant instant(Object v) {
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("not a time: " + v);
        }
        try {
            return Instant.parse((String) v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a time: " + v, e);
        }
    }

    private static Instant instantOrNull(Object v) {
        return v == null ? null : instant(v);
    }

    private static Evidence evidence(Object v) {
        if (!(v instanceof Map)) {
            return new Evidence(0, 0, 0);
        }
        Map<?, ?> e = (Map<?, ?>) v;
        return new Evidence(e.get("count") instanceof Number ? ((Number) e.get("count")).longValue() : 0,
                e.get("effectSize") instanceof Number ? ((Number) e.get("effectSize")).doubleValue() : 0,
                e.get("confidence") instanceof Number ? Math.max(0, Math.min(1,
                        ((Number) e.get("confidence")).doubleValue())) : 0);
    }

    /** As a JSON object (for tools and the context extension). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("target", target);
        m.put("status", status.name().toLowerCase(Locale.ROOT));
        m.put("holdoutShare", holdoutShare);
        m.put("metric", metric.name().toLowerCase(Locale.ROOT));
        if (metric == Metric.SLOW) {
            m.put("slowThresholdMicros", slowThresholdMicros);
        }
        m.put("payload", payload);
        m.put("proposedAt", proposedAt.toString());
        if (startedAt != null) {
            m.put("startedAt", startedAt.toString());
        }
        if (decidedAt != null) {
            m.put("decidedAt", decidedAt.toString());
        }
        m.put("basis", basis.toJson());
        m.put("rationale", rationale);
        return m;
    }
}
