package dev.autonomy.control.engine;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** The governor's side of the journal: entries about proposals, and appends that must or need not succeed. */
final class GovernorJournal {

    private static final Logger LOG = LoggerFactory.getLogger(GovernorJournal.class);

    private final Journal journal;

    GovernorJournal(Journal journal) {
        this.journal = journal;
    }

    /** Appends, or throws: for decisions that must not take effect unrecorded. */
    void append(List<AuditEntry> entries) {
        journal.append(entries);
    }

    /** Appends, logging a failure: for records of what already happened. */
    void appendQuietly(List<AuditEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return;
        }
        try {
            journal.append(entries);
        } catch (RuntimeException e) {
            LOG.error("Audit journal append failed; {} entries not recorded: {}", entries.size(),
                    entries.stream().map(x -> x.type() + " " + x.proposalId()).toList(), e);
        }
    }

    static AuditEntry proposed(ProposedAction a) {
        return entry(AuditEntry.Type.PROPOSED, a, a.requestedBy(), a.kind() + " on " + a.target()
                + (a.expectedEffect().isEmpty() ? "" : ": " + a.expectedEffect()), Map.of("payload", a.payload(),
                "reversible", a.reversible(), "expectedEffect", a.expectedEffect()));
    }

    static AuditEntry entry(AuditEntry.Type type, ProposedAction a, Actor actor, String summary, Map<String, ?> data) {
        return AuditEntry.draft(type, a.id(), a.capability(), a.kind(), a.target(), actor, summary, data);
    }
}
