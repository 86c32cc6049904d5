package dev.autonomy.learning.store;

import dev.autonomy.learning.core.LearningExperience;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link ExperienceStoreCrashTest}: appends experiences forever (up to 2,000 in flight) and
 * prints the sequence number of each one as soon as the store acknowledged it, one per line. It never stops by
 * itself: the test kills it with SIGKILL.
 */
public final class StoreCrashChild {

    private StoreCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        ExperienceStore store = ExperienceStore.open(Path.of(args[0]), StoreSettings.DEFAULTS, Clock.systemUTC());
        Semaphore inFlight = new Semaphore(2000);
        for (long i = 0; ; i++) {
            inFlight.acquire();
            LearningExperience x = LearningExperience.request(Instant.now(), "session-" + (i % 50), "request-" + i,
                    "text_word_count", i % 7 == 0 ? "timeout" : "success", "", 1000 + i % 500, (int) (i % 3000));
            store.append(x).whenComplete((seq, error) -> {
                if (error == null) {
                    System.out.println(seq); // autoflush: one write per line, after the ack
                }
                inFlight.release();
            });
        }
    }
}
