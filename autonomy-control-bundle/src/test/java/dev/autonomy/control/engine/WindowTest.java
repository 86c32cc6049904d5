package dev.autonomy.control.engine;

import dev.autonomy.control.core.RateLimit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WindowTest {

    private static final long HOUR = 3_600_000;

    @Test
    void twoPerHourAtZeroAndTenMinutesFreesUpAtSixty() {
        Window w = new Window(2);
        w.add(0);
        w.add(600_000);
        assertThat(w.used(1_800_000, HOUR)).isEqualTo(2);
        assertThat(w.nextFree(2, 1_800_000, HOUR)).isEqualTo(HOUR);
        assertThat(w.used(HOUR, HOUR)).isEqualTo(1);
    }

    @Test
    void agreesWithThePureRateLimitOnRandomHistories() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            int limit = 1 + random.nextInt(40);
            Window w = new Window(limit);
            long[] all = new long[500];
            long t = 0;
            for (int i = 0; i < all.length; i++) {
                t += random.nextInt(600_000);
                all[i] = t;
                w.add(t);
                long now = t + random.nextInt(1_200_000);
                long[] prefix = Arrays.copyOf(all, i + 1);
                assertThat(w.used(now, HOUR)).isEqualTo(Math.min(limit, RateLimit.used(prefix, i + 1, now, HOUR)));
                assertThat(w.nextFree(limit, now, HOUR)).isEqualTo(RateLimit.nextFree(prefix, i + 1, limit, now,
                        HOUR));
            }
        }
    }

    @Test
    void keepsTheNewestTimesInOrder() {
        Window w = new Window(3);
        for (long t = 1; t <= 10; t++) {
            w.add(t);
        }
        assertThat(w.after(0)).containsExactly(8, 9, 10);
        assertThat(w.after(8)).containsExactly(9, 10);
    }
}
