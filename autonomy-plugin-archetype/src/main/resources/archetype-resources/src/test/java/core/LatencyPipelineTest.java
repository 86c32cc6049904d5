package ${package}.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LatencyPipelineTest {

    /** Twenty calls of {@code a} taking 1, 2, .. 20 ms, the last two of them timed out. */
    private static List<RequestSample> oneToTwentyMs(String tool) {
        List<RequestSample> samples = new ArrayList<>();
        for (int ms = 1; ms <= 20; ms++) {
            samples.add(new RequestSample(tool, ms * 1_000L, ms > 18));
        }
        return samples;
    }

    @Test
    void observeCountsCallsAndTimeoutsAndTakesTheNearestRankP95PerTool() {
        List<RequestSample> samples = new ArrayList<>(oneToTwentyMs("a"));
        samples.add(new RequestSample("b", 5, false));

        List<ToolLatency> latencies = LatencyPipeline.observe(samples);

        // rank ceil(0.95 x 20) = 19: the 19th smallest of 1..20 ms
        assertThat(latencies).containsExactly(new ToolLatency("a", 20, 2, 19_000), new ToolLatency("b", 1, 0, 5));
    }

    @Test
    void observeOfNothingIsNothing() {
        assertThat(LatencyPipeline.observe(List.of())).isEmpty();
    }

    @Test
    void findSlowKeepsToolsWithEnoughCallsAtOrOverTheThresholdSlowestFirst() {
        Settings settings = Settings.DEFAULTS.withSlowMs(10).withMinCalls(20);
        List<ToolLatency> latencies = List.of(
                new ToolLatency("at_threshold", 20, 0, 10_000),
                new ToolLatency("fast", 50, 0, 9_999),
                new ToolLatency("few_calls", 19, 0, 500_000),
                new ToolLatency("slowest", 20, 2, 19_000));

        assertThat(LatencyPipeline.findSlow(latencies, settings)).extracting(ToolLatency::tool)
                .containsExactly("slowest", "at_threshold");
    }

    @Test
    void planSetsP95TimesHeadroomRoundedUpToWhole100Ms() {
        Settings settings = Settings.DEFAULTS.withHeadroom(1.5).withTimeoutBounds(1, 120_000);

        List<TimeoutPlan> plans = LatencyPipeline.plan(List.of(new ToolLatency("a", 40, 2, 1_234_000),
                new ToolLatency("b", 20, 0, 19_000)), settings);

        // 1234 ms x 1.5 = 1851 ms -> 1900 ms; 19 ms x 1.5 = 28.5 ms -> 29 ms -> 100 ms
        assertThat(plans).extracting(TimeoutPlan::tool, TimeoutPlan::timeoutMs)
                .containsExactly(tuple("a", 1_900L), tuple("b", 100L));
        assertThat(plans.get(0).reason()).isEqualTo("p95 1234 ms over 40 calls (2 timed out); limit = p95 x 1.5");
    }

    @Test
    void planKeepsTheLimitWithinTheBounds() {
        Settings settings = Settings.DEFAULTS.withHeadroom(2).withTimeoutBounds(1_000, 60_000);

        List<TimeoutPlan> plans = LatencyPipeline.plan(List.of(new ToolLatency("quick", 20, 0, 100_000),
                new ToolLatency("very_slow", 20, 0, 100_000_000)), settings);

        // 100 ms x 2 = 200 ms, raised to 1000; 100 s x 2 = 200 s, lowered to 60 s
        assertThat(plans).extracting(TimeoutPlan::timeoutMs).containsExactly(1_000L, 60_000L);
    }

    @Test
    void runIsTheThreeStagesInTurn() {
        Settings settings = Settings.DEFAULTS.withSlowMs(10).withMinCalls(20).withTimeoutBounds(1, 120_000);
        List<RequestSample> samples = new ArrayList<>(oneToTwentyMs("a"));
        samples.add(new RequestSample("b", 50_000, false));

        assertThat(LatencyPipeline.run(samples, settings)).extracting(TimeoutPlan::tool, TimeoutPlan::timeoutMs)
                .containsExactly(tuple("a", 100L));
    }

    @Test
    void percentileOfOneValueIsThatValue() {
        assertThat(LatencyPipeline.percentile(new long[]{42}, 95)).isEqualTo(42);
    }
}
