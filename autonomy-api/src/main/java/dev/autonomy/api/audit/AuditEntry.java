package dev.autonomy.api.audit;

import dev.autonomy.api.action.Actor;
import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the append-only audit journal.
 *
 * @param sequence   position in the journal, assigned on append (0 in a draft)
 * @param time       when it was appended (assigned on append)
 * @param type       what happened
 * @param proposalId the proposal concerned, or empty
 * @param capability the capability concerned, or empty
 * @param kind       the action kind, or empty
 * @param target     the target, or empty
 * @param actor      who acted
 * @param summary    one readable line
 * @param data       details (immutable JSON): payload, reason, evidence, effect
 */
public record AuditEntry(long sequence, Instant time, Type type, String proposalId, String capability, String kind,
                         String target, Actor actor, String summary, Map<String, Object> data) {

    public enum Type {
        PROPOSED, APPROVED, QUEUED, REJECTED, APPLIED, APPLY_FAILED, VALIDATED, ROLLED_BACK, ROLLBACK_FAILED,
        RELEASED, EXPIRED, HALTED, RESUMED, MODE_CHANGED, PAUSED, CAPABILITY_STARTED, CAPABILITY_STOPPED
    }

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        proposalId = proposalId == null ? "" : proposalId;
        capability = capability == null ? "" : capability;
        kind = kind == null ? "" : kind;
        target = target == null ? "" : target;
        Objects.requireNonNull(actor, "actor");
        summary = summary == null ? "" : summary;
        data = JsonValues.immutableObject(data);
    }

    /** An entry to append: the journal assigns sequence and time. */
    public static AuditEntry draft(Type type, String proposalId, String capability, String kind, String target,
                                   Actor actor, String summary, Map<String, ?> data) {
        return new AuditEntry(0, Instant.EPOCH, type, proposalId, capability, kind, target, actor, summary,
                JsonValues.immutableObject(data));
    }
}
