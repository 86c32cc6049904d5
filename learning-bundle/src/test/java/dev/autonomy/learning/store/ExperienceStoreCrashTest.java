package dev.autonomy.learning.store;

import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.testkit.crash.Acknowledgements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable: a child JVM ({@link StoreCrashChild}) appends and prints every acknowledged sequence
 * number; it is killed with SIGKILL once at least 1,000 acknowledgements were read; every printed sequence must be in
 * the store when it is opened again, including those printed in the last moment before the kill.
 */
class ExperienceStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedExperienceSurvivesKillDashNine() throws Exception {
        Path storeDir = dir.resolve("store");
        List<Long> acknowledged = Acknowledgements.untilKilled(StoreCrashChild.class, 1000, storeDir.toString());

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
