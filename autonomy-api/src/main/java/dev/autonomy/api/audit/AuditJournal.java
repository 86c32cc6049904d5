package dev.autonomy.api.audit;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;

/**
 * The append-only journal of every proposal, decision, effect, validation and rollback. An entry is acknowledged
 * when {@link #append} returns: it was committed and handed to the operating system, and survives {@code kill -9}.
 */
@ProviderType
public interface AuditJournal {

    /** Appends a draft ({@link AuditEntry#draft}); returns it with its sequence and time. */
    AuditEntry append(AuditEntry draft);

    /** Entries matching the query, newest first. */
    List<AuditEntry> query(AuditQuery query);

    /** Entries the journal holds (appended, less those its retention has removed). */
    long size();
}
