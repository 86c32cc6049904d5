package dev.autonomy.control.store;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable, also with concurrent appenders: a child JVM appends from four threads and prints each
 * acknowledged sequence number; it is killed with SIGKILL once at least 500 were read; every printed number must be
 * in the journal when the store opens again.
 */
class JournalCrashTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedEntryOfConcurrentAppendersSurvivesKillDashNine() throws Exception {
        Path storeDir = dir.resolve("control");
        Path childErrors = dir.resolve("child.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                JournalCrashChild.class.getName(), storeDir.toString())
                .redirectError(childErrors.toFile())
                .start();
        List<Long> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line;
            while (acknowledged.size() < 500 && (line = out.readLine()) != null) {
                acknowledged.add(Long.parseLong(line.trim()));
            }
            assertThat(acknowledged).as("acknowledgements before the child ended; its stderr: %s",
                    Files.exists(childErrors) ? Files.readString(childErrors) : "").hasSizeGreaterThanOrEqualTo(500);
            // SIGKILL through the handle, so that what was printed just before the kill can still be read
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                try {
                    acknowledged.add(Long.parseLong(line.trim()));
                } catch (NumberFormatException e) {
                    // a line cut by the kill: not a complete acknowledgement
                }
            }
        } finally {
            child.destroyForcibly();
        }

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
