package dev.autonomy.testkit.crash;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.control.store.ControlDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable, also with concurrent appenders: a child JVM ({@link JournalCrashChild}) appends to the
 * control bundle's real journal from four threads and prints each acknowledged sequence number; it is killed with
 * SIGKILL once at least 500 were read; every printed number must be in the journal when the store opens again.
 * It lives here, not in the control bundle, because it uses the kit's harness and the kit depends on that bundle.
 */
class JournalCrashTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedEntryOfConcurrentAppendersSurvivesKillDashNine() throws Exception {
        Path storeDir = dir.resolve("control");
        List<Long> acknowledged = Acknowledgements.untilKilled(JournalCrashChild.class, 500, storeDir.toString());

        try (ControlDatabase db = ControlDatabase.open(storeDir, Clock.systemUTC())) {
            Set<Long> stored = new HashSet<>();
            for (AuditEntry e : db.journal().query(AuditQuery.LATEST.withLimit(100_000))) {
                stored.add(e.sequence());
            }
            assertThat(acknowledged).hasSizeLessThan(100_000); // all of them fit in the query above
            assertThat(stored).containsAll(acknowledged);
            long max = acknowledged.stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat(db.journal().append(AuditEntry.draft(AuditEntry.Type.HALTED, null, null, null, null,
                    Actor.SYSTEM, "after", Map.of())).sequence()).isGreaterThan(max);
        }
    }
}
