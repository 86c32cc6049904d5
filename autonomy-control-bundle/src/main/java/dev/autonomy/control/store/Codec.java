package dev.autonomy.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.EndedProposal;
import dev.autonomy.control.core.HaltState;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Records as JSON text, for the store. */
final class Codec {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper();

    String write(Map<String, ?> json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    Map<String, Object> read(String text) {
        try {
            return mapper.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }

    // ------------------------------------------------------------------ actors and actions

    static String actor(Actor a) {
        return a.toString();
    }

    static Actor actor(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return new Actor(Actor.Kind.SYSTEM, s.isBlank() ? "unknown" : s);
        }
        try {
            return new Actor(Actor.Kind.valueOf(s.substring(0, colon).toUpperCase(Locale.ROOT)),
                    s.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return new Actor(Actor.Kind.SYSTEM, s);
        }
    }

    static Map<String, Object> action(ProposedAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("capability", a.capability());
        m.put("kind", a.kind());
        m.put("target", a.target());
        m.put("payload", a.payload());
        m.put("reversible", a.reversible());
        m.put("expectedEffect", a.expectedEffect());
        m.put("requestedBy", actor(a.requestedBy()));
        m.put("proposedAt", a.proposedAt().toEpochMilli());
        return m;
    }

    @SuppressWarnings("unchecked")
    static ProposedAction action(Map<String, Object> m) {
        return new ProposedAction((String) m.get("id"), (String) m.get("capability"), (String) m.get("kind"),
                (String) m.get("target"), JsonValues.immutableObject((Map<String, ?>) m.get("payload")),
                Boolean.TRUE.equals(m.get("reversible")), (String) m.get("expectedEffect"),
                actor((String) m.get("requestedBy")), Instant.ofEpochMilli(number(m, "proposedAt")));
    }

    private static long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }

    // ------------------------------------------------------------------ records

    String queued(QueuedProposal q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action(q.action()));
        m.put("queuedAt", q.queuedAt());
        m.put("order", q.order());
        return write(m);
    }

    @SuppressWarnings("unchecked")
    QueuedProposal queued(String text) {
        Map<String, Object> m = read(text);
        return new QueuedProposal(action((Map<String, Object>) m.get("action")), number(m, "queuedAt"),
                number(m, "order"));
    }

    String applied(AppliedAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action(a.action()));
        m.put("success", a.result().success());
        m.put("message", a.result().message());
        m.put("effect", a.result().effect());
        m.put("appliedAt", a.appliedAt());
        m.put("leaseExpiresAt", a.leaseExpiresAt());
        m.put("state", a.state().name());
        m.put("closedAt", a.closedAt());
        m.put("failure", a.result().failure().name());
        m.put("evidenceHash", a.evidenceHash());
        return write(m);
    }

    @SuppressWarnings("unchecked")
    AppliedAction applied(String text) {
        Map<String, Object> m = read(text);
        boolean success = Boolean.TRUE.equals(m.get("success"));
        ExecutionResult r = new ExecutionResult(success, (String) m.get("message"),
                JsonValues.immutableObject((Map<String, ?>) m.get("effect")), failure(m.get("failure"), success));
        return new AppliedAction(action((Map<String, Object>) m.get("action")), r, number(m, "appliedAt"),
                number(m, "leaseExpiresAt"), AppliedAction.State.valueOf((String) m.get("state")),
                number(m, "closedAt"), (int) number(m, "evidenceHash"));
    }

    /** The stored code, or (format 1 had none) the code that follows from {@code success}. */
    private static FailureCode failure(Object stored, boolean success) {
        if (stored instanceof String) {
            try {
                return FailureCode.valueOf((String) stored);
            } catch (IllegalArgumentException e) {
                // a code of a newer release: fall through
            }
        }
        return success ? FailureCode.NONE : FailureCode.OTHER;
    }

    String ended(EndedProposal e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("capability", e.capability());
        m.put("state", e.state().name());
        m.put("endedAt", e.endedAt());
        return write(m);
    }

    EndedProposal ended(String text) {
        Map<String, Object> m = read(text);
        return new EndedProposal((String) m.get("id"), (String) m.get("capability"),
                ActionState.valueOf((String) m.get("state")), number(m, "endedAt"));
    }

    String halt(HaltState h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", h.reason());
        m.put("actor", h.actor());
        m.put("since", h.since());
        return write(m);
    }

    HaltState halt(String text) {
        Map<String, Object> m = read(text);
        return new HaltState((String) m.get("reason"), (String) m.get("actor"), number(m, "since"));
    }

    String times(long[] times) {
        try {
            return mapper.writeValueAsString(times);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    long[] times(String text) {
        try {
            return mapper.readValue(text, long[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }

    String action(ActionRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", r.time());
        m.put("capability", r.capability());
        m.put("kind", r.kind());
        return write(m);
    }

    ActionRecord action(String text) {
        Map<String, Object> m = read(text);
        return new ActionRecord(number(m, "time"), (String) m.get("capability"), (String) m.get("kind"));
    }

    String entry(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.sequence());
        m.put("time", e.time().toEpochMilli());
        m.put("type", e.type().name());
        m.put("proposalId", e.proposalId());
        m.put("capability", e.capability());
        m.put("kind", e.kind());
        m.put("target", e.target());
        m.put("actor", actor(e.actor()));
        m.put("summary", e.summary());
        m.put("data", e.data());
        return write(m);
    }

    @SuppressWarnings("unchecked")
    AuditEntry entry(String text) {
        Map<String, Object> m = read(text);
        return new AuditEntry(number(m, "seq"), Instant.ofEpochMilli(number(m, "time")),
                AuditEntry.Type.valueOf((String) m.get("type")), (String) m.get("proposalId"),
                (String) m.get("capability"), (String) m.get("kind"), (String) m.get("target"),
                actor((String) m.get("actor")), (String) m.get("summary"),
                JsonValues.immutableObject((Map<String, ?>) m.get("data")));
    }
}
