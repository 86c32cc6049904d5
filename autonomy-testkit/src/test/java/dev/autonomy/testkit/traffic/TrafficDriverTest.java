package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficDriverTest {

    /** Simulated time: the tool's pacer moves it, the driver reads it. */
    private final AtomicLong nanos = new AtomicLong();
    private final Pacer simulated = micros -> nanos.addAndGet(micros * 1_000);
    private final TrafficDriver driver = new TrafficDriver(nanos::get);

    @Test
    void theFiguresOfASimulatedToolAreItsProfilesSamples() {
        TrafficProfile profile = new TrafficProfile(3, Latency.uniform(Duration.ofMillis(1), Duration.ofMillis(9)),
                Failures.everyNth(10));
        SimulatedTool tool = new SimulatedTool("sim", ToolAnnotations.DEFAULTS, profile, simulated);
        TrafficFigures f = driver.drive(TrafficDriver.tool(tool, i -> Map.of("i", i)), 100);

        long[] expected = profile.samples(100).stream().mapToLong(TrafficProfile.Sample::latencyMicros).toArray();
        assertThat(f).isEqualTo(TrafficFigures.of(expected, 10, 0));
        assertThat(tool.simulation().calls()).isEqualTo(100);
        assertThat(tool.simulation().failures()).isEqualTo(10);
    }

    @Test
    void aSimulatedAgentFollowsItsProfileToo() {
        SimulatedAgent agent = new SimulatedAgent("sim", List.of("sim.echo"),
                new TrafficProfile(1, Latency.fixed(Duration.ofMillis(2)), Failures.everyNth(2)), simulated);
        TrafficFigures f = driver.drive(TrafficDriver.agent(agent, "sim.echo", i -> Map.of()), 10);
        assertThat(f).isEqualTo(new TrafficFigures(10, 5, 0, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000));
    }

    @Test
    void aChangedProfileStartsFromItsSeed() {
        TrafficProfile fast = new TrafficProfile(1, Latency.fixed(Duration.ofMillis(1)), Failures.none());
        SimulatedTool tool = new SimulatedTool("sim", ToolAnnotations.DEFAULTS, fast, simulated);
        driver.drive(TrafficDriver.tool(tool, i -> Map.of()), 5);
        tool.simulation().profile(fast.withFailures(Failures.everyNth(1)));
        TrafficFigures f = driver.drive(TrafficDriver.tool(tool, i -> Map.of()), 5);
        assertThat(f.failures()).isEqualTo(5);
        assertThat(f.maxMicros()).isEqualTo(1_000);
    }

    @Test
    void exceptionsAreCountedAndTheRunGoesOn() {
        TrafficFigures f = driver.drive(i -> {
            if (i % 3 == 0) {
                throw new IllegalStateException("boom");
            }
            return i % 3 == 1 ? ToolResult.error("no") : ToolResult.text("ok");
        }, 9);
        assertThat(f.calls()).isEqualTo(9);
        assertThat(f.exceptions()).isEqualTo(3);
        assertThat(f.failures()).isEqualTo(3);
    }
}
