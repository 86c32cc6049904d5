package dev.autonomy.learning.store;

import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperienceStoreTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path dir;

    /** The experiences are from T0: a clock at T0 keeps age retention (30 days by default) out of the way. */
    private final MutableClock clock = new MutableClock(T0);

    private static LearningExperience experience(String session, long second) {
        return LearningExperience.request(T0.plusSeconds(second), session, "r" + second, "t", "success", "", 10, 5);
    }

    @Test
    void anAcknowledgedAppendIsThereAfterReopening() throws Exception {
        List<Long> sequences = new ArrayList<>();
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock)) {
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                acks.add(store.append(experience("s" + (i % 3), i)));
            }
            for (CompletableFuture<Long> a : acks) {
                sequences.add(a.join());
            }
        }
        assertThat(sequences).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).boxed()
                .toList());
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock)) {
            assertThat(store.size()).isEqualTo(100);
            List<LearningExperience> all = store.scan(Instant.EPOCH);
            assertThat(all).hasSize(100);
            assertThat(all.get(41)).isEqualTo(experience("s2", 41).withSequence(42));
            assertThat(store.append(experience("s0", 100)).join()).isEqualTo(101); // numbering goes on
        }
    }

    @Test
    void appendsShareCommits() throws Exception {
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS.withGroupCommitMillis(20),
                clock)) {
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                acks.add(store.append(experience("s", i)));
            }
            acks.forEach(CompletableFuture::join);
            ExperienceStore.StoreStats stats = store.stats();
            assertThat(stats.appended()).isEqualTo(20_000);
            assertThat(stats.commits()).isLessThan(2_000); // about 20,000 / batchSize at most a few hundred
            assertThat(stats.fileBytes()).isPositive();
        }
    }

    @Test
    void scanStartsAtItsTimeAndFindsLateArrivals() throws Exception {
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock)) {
            for (int minute = 0; minute < 10; minute++) {
                store.append(experience("s", minute * 60L));
            }
            store.append(experience("late", 5 * 60 + 30)).join(); // arrives after minute 9, happened in minute 5
            assertThat(store.scan(T0.plusSeconds(5 * 60))).extracting(LearningExperience::time)
                    .containsExactly(T0.plusSeconds(300), T0.plusSeconds(360), T0.plusSeconds(420),
                            T0.plusSeconds(480), T0.plusSeconds(540), T0.plusSeconds(330));
            assertThat(store.scan(T0.plusSeconds(3600))).isEmpty();
            assertThat(store.scan(Instant.EPOCH, 3)).hasSize(3);
            List<LearningExperience> fed = new ArrayList<>();
            store.forEach(T0.plusSeconds(540), fed::add);
            assertThat(fed).hasSize(1);
        }
    }

    @Test
    void forgettingASessionDeletesAllItsExperiencesDurably() throws Exception {
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock)) {
            for (int i = 0; i < 30; i++) {
                store.append(experience(i % 3 == 0 ? "forget-me" : "keep", i));
            }
            store.append(experience("forget-me-not", 99)).join();
            store.append(experience("séance-✓", 100)).join();
            assertThat(store.forgetSession("forget-me")).isEqualTo(10);
            assertThat(store.forgetSession("séance-✓")).isEqualTo(1);
            assertThat(store.forgetSession("forget-me")).isZero();
            assertThat(store.size()).isEqualTo(21);
        }
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock)) {
            assertThat(store.scan(Instant.EPOCH)).extracting(LearningExperience::sessionId)
                    .doesNotContain("forget-me").contains("forget-me-not");
        }
    }

    @Test
    void retentionDeletesTheOldestBeyondTheCount() throws Exception {
        StoreSettings s = StoreSettings.DEFAULTS.withMaxEntries(50).withRetentionEveryMillis(1);
        try (ExperienceStore store = ExperienceStore.open(dir, s, clock)) {
            CompletableFuture<Long> last = null;
            for (int i = 0; i < 200; i++) {
                last = store.append(experience("s" + i, i));
            }
            last.join();
            // retention runs before each commit round: one more round trims the rest
            store.append(experience("s", 500)).join();
            store.append(experience("s", 501)).join();
            assertThat(store.size()).isEqualTo(50);
            List<LearningExperience> left = store.scan(Instant.EPOCH);
            assertThat(left.get(0).sequence()).isEqualTo(153);
            assertThat(store.forgetSession("s3")).isZero(); // it went already
            assertThat(store.stats().deletedByRetention()).isEqualTo(152);
        }
    }

    @Test
    void retentionDeletesWhatIsTooOld() throws Exception {
        StoreSettings s = StoreSettings.DEFAULTS.withMaxAge(Duration.ofHours(1)).withRetentionEveryMillis(1);
        try (ExperienceStore store = ExperienceStore.open(dir, s, clock)) {
            for (int i = 0; i < 10; i++) {
                store.append(experience("s", i * 600L)).join(); // every 10 minutes, over 100 minutes
            }
            clock.advance(Duration.ofMinutes(100)); // now T0 + 100 min: older than T0 + 40 min goes
            store.append(experience("s", 6000)).join();
            store.append(experience("s", 6001)).join();
            assertThat(store.scan(Instant.EPOCH)).extracting(x -> x.time().getEpochSecond() - T0.getEpochSecond())
                    .containsExactly(2400L, 3000L, 3600L, 4200L, 4800L, 5400L, 6000L, 6001L);
        }
    }

    @Test
    void appendsAfterCloseFail() throws Exception {
        ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock);
        store.close();
        store.close(); // twice is fine
        assertThatThrownBy(() -> store.append(experience("s", 1)).join()).isInstanceOf(CompletionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void whatWasNotCommittedIsGoneAfterAnAbruptStopAndTheRestIsIntact() throws Exception {
        ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS.withGroupCommitMillis(1000)
                .withBatchSize(1_000_000), clock);
        long acknowledged = store.append(experience("s", 1)).join();   // after a quiet period: committed at once
        CompletableFuture<Long> pending = store.append(experience("s", 2)); // waits up to a second for its commit
        store.closeImmediately();
        assertThat(pending).isCompletedExceptionally();
        try (ExperienceStore again = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock)) {
            assertThat(again.scan(Instant.EPOCH)).extracting(LearningExperience::sequence)
                    .containsExactly(acknowledged);
        }
    }

    @Test
    void anAppendWithADeadlineNeverWaitsLongerForAFullQueue() throws Exception {
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS.withQueueCapacity(1), clock)) {
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
            CompletableFuture<Long> hold = store.onWriter(() -> {
                running.countDown();
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            });
            running.await();
            CompletableFuture<Long> queued = store.append(experience("s", 1), Duration.ofSeconds(5)); // fills it
            long t0 = System.nanoTime();
            CompletableFuture<Long> busy = store.append(experience("s", 2), Duration.ofMillis(100));
            assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(5).toNanos());
            assertThat(busy).isCompletedExceptionally();
            assertThatThrownBy(busy::join).hasCauseInstanceOf(ExperienceStore.Busy.class);
            held.countDown();
            hold.join();
            assertThat(queued.join()).isEqualTo(1);
            assertThat(store.size()).isEqualTo(1); // the busy one was never queued
        }
    }

    @Test
    void forgettingASessionHandsOverWhatWasDeleted() throws Exception {
        try (ExperienceStore store = ExperienceStore.open(dir, StoreSettings.DEFAULTS, clock)) {
            for (int i = 0; i < 6; i++) {
                store.append(experience(i % 2 == 0 ? "gone" : "stays", i)).join();
            }
            List<LearningExperience> deleted = new ArrayList<>();
            assertThat(store.forgetSession("gone", deleted::add)).isEqualTo(3);
            assertThat(deleted).extracting(LearningExperience::requestId).containsExactly("r0", "r2", "r4");
            assertThat(store.size()).isEqualTo(3);
        }
    }
}
