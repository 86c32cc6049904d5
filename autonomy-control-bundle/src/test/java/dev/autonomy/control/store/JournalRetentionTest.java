package dev.autonomy.control.store;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.control.core.Retention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalRetentionTest {

    @TempDir
    Path dir;

    private static final long DAY = 86_400_000L;
    private final long[] now = {Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()};
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now[0];
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now[0]);
        }
    };

    private static AuditEntry draft(String id) {
        return AuditEntry.draft(AuditEntry.Type.PROPOSED, id, "learning", "tool.policy", "tool:" + id,
                Actor.capability("learning"), "proposed " + id, Map.of());
    }

    @Test
    void oldEntriesGoExceptThoseOfProposalsTheGovernorStillNeeds() throws Exception {
        try (ControlDatabase db = ControlDatabase.open(dir, clock)) {
            MvJournal j = db.journal();
            for (int i = 1; i <= 10; i++) {
                j.append(draft("p" + i));
            }
            now[0] += 400 * DAY;
            j.append(draft("p11"));
            Retention r = new Retention(365, 1_000_000);

            int removed = j.prune(r.cutoff(now[0]), r.maxEntries(), Set.of("p3")::contains, 10_000);

            assertThat(removed).isEqualTo(9);
            assertThat(j.size()).isEqualTo(2);
            assertThat(j.query(AuditQuery.LATEST.withProposalId("p1"))).isEmpty();
            assertThat(j.query(AuditQuery.LATEST.withTarget("tool:p1"))).isEmpty();
            assertThat(j.query(AuditQuery.LATEST.withProposalId("p3"))).hasSize(1);
            assertThat(j.query(AuditQuery.LATEST.withCapability("learning"))).extracting(AuditEntry::proposalId)
                    .containsExactly("p11", "p3");
            // numbering goes on after what was kept
            assertThat(j.append(draft("p12")).sequence()).isEqualTo(12);
        }
    }

    @Test
    void beyondTheMaximumTheOldestGoFirstAndASweepLooksAtABoundedNumber() throws Exception {
        try (ControlDatabase db = ControlDatabase.open(dir, clock)) {
            MvJournal j = db.journal();
            for (int i = 1; i <= 20; i++) {
                j.append(draft("p" + i));
            }
            assertThat(j.prune(0, 5, id -> false, 4)).isEqualTo(4); // the budget: 4 visited
            assertThat(j.size()).isEqualTo(16);
            assertThat(j.prune(0, 5, id -> false, 100)).isEqualTo(11);
            assertThat(j.query(AuditQuery.LATEST)).extracting(AuditEntry::sequence)
                    .containsExactly(20L, 19L, 18L, 17L, 16L);
            assertThat(j.prune(0, 5, id -> false, 100)).isZero();
        }
    }

    @Test
    void withinTheRetentionNothingGoes() throws Exception {
        try (ControlDatabase db = ControlDatabase.open(dir, clock)) {
            MvJournal j = db.journal();
            j.append(List.of(draft("a"), draft("b")));
            now[0] += 10 * DAY;
            assertThat(j.prune(new Retention(30, 1000).cutoff(now[0]), 1000, id -> false, 100)).isZero();
            assertThat(j.size()).isEqualTo(2);
        }
    }

    @Test
    void aRetentionOutOfRangeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new Retention(0, 1000)).hasMessageContaining("auditRetentionDays");
        assertThatThrownBy(() -> new Retention(30, 10)).hasMessageContaining("auditMaxEntries");
    }
}
