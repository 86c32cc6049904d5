package dev.autonomy.learning.core;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.LinkedHashMap;
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
        /** Not better (worse, or no proof in time), or rejected: undone. */
        REVERTED;

        public boolean isOpen() {
            return this == PROPOSED || this == ACTIVE;
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

    /** A copy in a new status at {@code at}: ACTIVE sets startedAt, KEPT and REVERTED set decidedAt. */
    public Adaptation withStatus(Status newStatus, Instant at) {
        Objects.requireNonNull(at, "at");
        Instant started = newStatus == Status.ACTIVE && startedAt == null ? at : startedAt;
        Instant decided = newStatus == Status.KEPT || newStatus == Status.REVERTED ? at : decidedAt;
        return new Adaptation(id, kind, target, payload, holdoutShare, metric, slowThresholdMicros, newStatus,
                proposedAt, started, decided, basis, rationale);
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

    /** As a JSON object (for tools and the context extension). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("target", target);
        m.put("status", status.name().toLowerCase(Locale.ROOT));
        m.put("holdoutShare", holdoutShare);
        m.put("metric", metric.name().toLowerCase(Locale.ROOT));
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
