package dev.autonomy.control.engine;

import dev.autonomy.api.audit.AuditEntry;

import java.util.List;

/** The audit journal as the governor writes it: several drafts at once, acknowledged together. */
@FunctionalInterface
public interface Journal {

    /** Appends the drafts in order; when this returns they are committed. Throws if they could not be. */
    List<AuditEntry> append(List<AuditEntry> drafts);
}
