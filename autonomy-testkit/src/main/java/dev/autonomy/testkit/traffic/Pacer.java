package dev.autonomy.testkit.traffic;

/**
 * Spends a simulated call's latency. In a container the call must really take that long (the foundation measures
 * it); a unit test passes {@link #NONE} or a recording pacer and stays fast.
 */
@FunctionalInterface
public interface Pacer {

    /** Does not wait: the latency is only reported. */
    Pacer NONE = micros -> { };

    /** Really waits, by sleeping (the simulated work), at millisecond-and-nanosecond resolution. */
    Pacer SLEEP = micros -> {
        if (micros > 0) {
            Thread.sleep(micros / 1_000, (int) (micros % 1_000) * 1_000);
        }
    };

    void pause(long micros) throws InterruptedException;
}
