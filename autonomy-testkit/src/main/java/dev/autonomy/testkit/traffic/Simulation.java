package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The behaviour a {@link SimulatedTool} and a {@link SimulatedAgent} share: the next sample of a profile, paced,
 * answered as a result. The profile can change while calls flow ({@link #profile(TrafficProfile)}), e.g. to make a
 * tool degrade in the middle of a scenario; its sequence then starts again from its seed.
 */
public final class Simulation {

    private final Pacer pacer;
    private TrafficProfile profile;
    private TrafficProfile.Sequence sequence;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public Simulation(TrafficProfile profile, Pacer pacer) {
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        profile(profile);
    }

    public synchronized void profile(TrafficProfile p) {
        this.profile = Objects.requireNonNull(p, "profile");
        this.sequence = p.start();
    }

    public synchronized TrafficProfile profile() {
        return profile;
    }

    /** Runs one call: an error result if the sample fails, else {@code {index, latencyMicros}}. */
    public ToolResult call(String who) throws InterruptedException {
        TrafficProfile.Sample s;
        synchronized (this) {
            s = sequence.next();
        }
        calls.incrementAndGet();
        pacer.pause(s.latencyMicros());
        if (s.failed()) {
            failures.incrementAndGet();
            return ToolResult.error(who + ": simulated failure of call " + s.index());
        }
        return ToolResult.structured(Map.of("index", s.index(), "latencyMicros", s.latencyMicros()),
                who + ": call " + s.index() + " ok");
    }

    public long calls() {
        return calls.get();
    }

    public long failures() {
        return failures.get();
    }
}
