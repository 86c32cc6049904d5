package dev.autonomy.testkit.scenario;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Map;

/** One audit journal entry as a scenario reads it, in a container or over MCP ({@code autonomy_audit}). */
public record JournalLine(long sequence, AuditEntry.Type type, String proposalId, String capability, String target,
                          Map<String, Object> data) {

    public JournalLine {
        data = JsonValues.immutableObject(data);
    }

    public static JournalLine of(AuditEntry e) {
        return new JournalLine(e.sequence(), e.type(), e.proposalId(), e.capability(), e.target(), e.data());
    }

    /** Whether {@code data.key} is {@code true}. */
    boolean flag(String key) {
        return Boolean.TRUE.equals(data.get(key));
    }
}
