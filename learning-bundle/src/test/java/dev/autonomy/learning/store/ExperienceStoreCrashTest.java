package dev.autonomy.learning.store;

import dev.autonomy.learning.core.LearningExperience;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable: a child JVM appends and prints every acknowledged sequence number; it is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) once at least 1,000 acknowledgements were read; every printed sequence
 * must be in the store when it is opened again, including those printed in the last moment before the kill.
 */
class ExperienceStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedExperienceSurvivesKillDashNine() throws Exception {
        Path storeDir = dir.resolve("store");
        Path childErrors = dir.resolve("child.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StoreCrashChild.class.getName(), storeDir.toString())
                .redirectError(childErrors.toFile())
                .start();
        List<Long> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line;
            while (acknowledged.size() < 1000 && (line = out.readLine()) != null) {
                acknowledged.add(Long.parseLong(line.trim()));
            }
            assertThat(acknowledged).as("acknowledgements before the child ended; its stderr: %s",
                    Files.exists(childErrors) ? Files.readString(childErrors) : "").hasSizeGreaterThanOrEqualTo(1000);
            // SIGKILL in the middle of appending. Through the ProcessHandle, because Process.destroyForcibly() (the
            // same signal) also closes our end of the pipe, and we want the acknowledgements printed just before
            // the kill too: they are the ones most at risk.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // what it printed before it died is still in the pipe
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
        assertThat(child.exitValue()).isNotZero();

        Set<Long> stored = new HashSet<>();
        try (ExperienceStore store = ExperienceStore.open(storeDir, StoreSettings.DEFAULTS, Clock.systemUTC())) {
            for (LearningExperience x : store.scan(Instant.EPOCH)) {
                stored.add(x.sequence());
            }
            assertThat(stored).containsAll(acknowledged);
            // and the store takes appends again, numbering after what survived
            long next = store.append(LearningExperience.request(Instant.now(), "s", "r", "t", "success", "", 1, 1))
                    .join();
            assertThat(next).isGreaterThan(acknowledged.stream().mapToLong(Long::longValue).max().orElse(0));
        }
        System.out.printf("crash test: %d acknowledged, %d stored after kill -9%n", acknowledged.size(),
                stored.size());
    }
}
