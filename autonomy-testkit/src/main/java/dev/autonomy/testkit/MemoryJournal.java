package dev.autonomy.testkit;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditJournal;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.control.engine.Journal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit journal in memory: the governor's {@link Journal} and the {@link AuditJournal} service at once, with
 * sequences from 1 and times from the given clock. A test reads what the governor recorded from here.
 */
public final class MemoryJournal implements Journal, AuditJournal {

    private final Clock clock;
    private final List<AuditEntry> entries = new ArrayList<>();

    public MemoryJournal(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized List<AuditEntry> append(List<AuditEntry> drafts) {
        List<AuditEntry> out = new ArrayList<>(drafts.size());
        Instant now = clock.instant();
        for (AuditEntry d : drafts) {
            AuditEntry e = new AuditEntry(entries.size() + 1L, now, d.type(), d.proposalId(), d.capability(),
                    d.kind(), d.target(), d.actor(), d.summary(), d.data());
            entries.add(e);
            out.add(e);
        }
        return out;
    }

    @Override
    public AuditEntry append(AuditEntry draft) {
        return append(List.of(draft)).get(0);
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery q) {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && out.size() < q.limit(); i--) {
            AuditEntry e = entries.get(i);
            if (q.capability().map(e.capability()::equals).orElse(true)
                    && q.target().map(e.target()::equals).orElse(true)
                    && q.proposalId().map(e.proposalId()::equals).orElse(true)
                    && q.from().map(f -> !e.time().isBefore(f)).orElse(true)
                    && q.to().map(t -> !e.time().isAfter(t)).orElse(true)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    /** Every entry, oldest first. */
    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of these types, oldest first. */
    public synchronized List<AuditEntry> entries(AuditEntry.Type... types) {
        List<AuditEntry.Type> wanted = List.of(types);
        return entries.stream().filter(e -> wanted.contains(e.type())).toList();
    }

    /** The entries about one proposal, oldest first. */
    public synchronized List<AuditEntry> entries(String proposalId) {
        return entries.stream().filter(e -> e.proposalId().equals(proposalId)).toList();
    }
}
