package dev.autonomy.control.store;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MvJournalTest {

    @TempDir
    Path dir;

    private static AuditEntry draft(AuditEntry.Type type, String id, String capability, String target) {
        return AuditEntry.draft(type, id, capability, "tool.policy", target, Actor.capability(capability),
                type + " " + id, Map.of("n", 1, "nested", Map.of("a", List.of(1, "x"))));
    }

    private static List<Long> seqs(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::sequence).toList();
    }

    @Test
    void appendsAssignSequenceAndTimeAndQueriesFilterNewestFirst() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (ControlDatabase db = ControlDatabase.open(dir, clock)) {
            MvJournal j = db.journal();
            AuditEntry first = j.append(draft(AuditEntry.Type.PROPOSED, "p1", "learning", "tool:a"));
            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            j.append(List.of(draft(AuditEntry.Type.APPROVED, "p1", "learning", "tool:a"),
                    draft(AuditEntry.Type.PROPOSED, "p2", "goals", "tool:a"),
                    draft(AuditEntry.Type.PROPOSED, "p3", "learning", "tool:b")));
            assertThat(j.size()).isEqualTo(4);
            assertThat(seqs(j.query(AuditQuery.LATEST))).containsExactly(4L, 3L, 2L, 1L);
            assertThat(seqs(j.query(AuditQuery.LATEST.withCapability("learning")))).containsExactly(4L, 2L, 1L);
            assertThat(seqs(j.query(AuditQuery.LATEST.withTarget("tool:a")))).containsExactly(3L, 2L, 1L);
            assertThat(seqs(j.query(AuditQuery.LATEST.withProposalId("p1")))).containsExactly(2L, 1L);
            assertThat(seqs(j.query(AuditQuery.LATEST.withCapability("learning").withTarget("tool:a"))))
                    .containsExactly(2L, 1L);
            assertThat(seqs(j.query(AuditQuery.LATEST.withLimit(2)))).containsExactly(4L, 3L);
            assertThat(j.query(AuditQuery.LATEST.withCapability("learn"))).isEmpty();
            AuditEntry read = j.query(AuditQuery.LATEST.withProposalId("p1")).get(1);
            assertThat(read).isEqualTo(first);
        }
    }

    @Test
    void queriesByTime() throws Exception {
        long[] now = {Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId z) {
                return this;
            }

            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        try (ControlDatabase db = ControlDatabase.open(dir, clock)) {
            for (int i = 1; i <= 5; i++) {
                db.journal().append(draft(AuditEntry.Type.PROPOSED, "p" + i, "learning", "t"));
                now[0] += 60_000;
            }
            List<AuditEntry> mid = db.journal().query(AuditQuery.LATEST.withTimes(
                    Instant.parse("2026-01-01T00:01:00Z"), Instant.parse("2026-01-01T00:03:00Z")));
            assertThat(seqs(mid)).containsExactly(4L, 3L, 2L);
        }
    }

    @Test
    void reopeningKeepsEntriesAndContinuesTheSequence() throws Exception {
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            db.journal().append(draft(AuditEntry.Type.PROPOSED, "p1", "learning", "t"));
            db.journal().append(draft(AuditEntry.Type.APPROVED, "p1", "learning", "t"));
        }
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            assertThat(db.journal().size()).isEqualTo(2);
            assertThat(db.journal().append(draft(AuditEntry.Type.APPLIED, "p1", "learning", "t")).sequence())
                    .isEqualTo(3);
            assertThat(seqs(db.journal().query(AuditQuery.LATEST.withProposalId("p1")))).containsExactly(3L, 2L, 1L);
        }
    }

    @Test
    void aHalfWrittenStoreKeepsEveryAcknowledgedEntry() throws Exception {
        ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            db.journal().append(draft(AuditEntry.Type.PROPOSED, "p" + i, "learning", "t"));
        }
        // changes nobody acknowledged: written to the maps, never committed
        db.state().putHalt(new dev.autonomy.control.core.HaltState("uncommitted", "system:x", 1));
        db.mvStore().openMap("audit").put(999L, "{garbage");
        db.closeImmediately();
        try (ControlDatabase again = ControlDatabase.open(dir, Clock.systemUTC())) {
            assertThat(again.journal().size()).isEqualTo(50);
            assertThat(again.journal().query(AuditQuery.LATEST.withLimit(100))).hasSize(50);
            assertThat(again.state().halt()).isEmpty();
        }
    }

    @Test
    void whatAnAppendAcknowledgedIsInTheFileAlready() throws Exception {
        // kill -9 keeps exactly what was handed to the OS: a copy of the file taken while the store is open
        ControlDatabase db = ControlDatabase.open(dir.resolve("live"), Clock.systemUTC());
        try {
            for (int i = 0; i < 20; i++) {
                db.journal().append(draft(AuditEntry.Type.PROPOSED, "p" + i, "learning", "t"));
            }
            Files.createDirectories(dir.resolve("copy"));
            Files.copy(db.file(), dir.resolve("copy").resolve(ControlDatabase.FILE));
        } finally {
            db.closeImmediately();
        }
        try (ControlDatabase copy = ControlDatabase.open(dir.resolve("copy"), Clock.systemUTC())) {
            assertThat(copy.journal().size()).isEqualTo(20);
        }
    }

    @Test
    void concurrentAppendsGetDistinctSequences() throws Exception {
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int n = t;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        db.journal().append(draft(AuditEntry.Type.PROPOSED, "p" + n + "-" + i, "learning", "t"));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            List<AuditEntry> all = db.journal().query(AuditQuery.LATEST.withLimit(1000));
            assertThat(all).hasSize(400);
            assertThat(seqs(all)).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }
    }
}
