package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Makes N calls, one after the other, against a tool, a tool through {@link ToolInvoker} (the foundation's
 * pipeline and policies, so its events flow), an agent, or anything else that answers a {@link ToolResult}, and
 * returns what they did. Arguments come from the call's index, so they can be seeded too.
 */
public final class TrafficDriver {

    /** One call, by its index from 0. */
    @FunctionalInterface
    public interface Target {
        ToolResult call(int index) throws Exception;
    }

    private final LongSupplier nanoTime;

    /** A driver timing calls with {@code nanoTime} (a test passes a fake one). */
    public TrafficDriver(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** A driver on the system's monotonic clock. */
    public static TrafficDriver create() {
        return new TrafficDriver(System::nanoTime);
    }

    public static Target tool(Tool tool, IntFunction<Map<String, Object>> arguments) {
        return i -> tool.call(TestToolCall.of(tool.name(), arguments.apply(i), Instant.EPOCH.plusMillis(i)));
    }

    public static Target invoker(ToolInvoker invoker, String tool, IntFunction<Map<String, Object>> arguments) {
        return i -> invoker.invoke(tool, arguments.apply(i));
    }

    public static Target agent(Agent agent, String capability, IntFunction<Map<String, Object>> input) {
        return i -> {
            Map<String, Object> in = input.apply(i);
            return agent.call(capability, in, TestToolCall.of("agent_" + agent.id(), in, Instant.EPOCH.plusMillis(i)));
        };
    }

    /** Makes {@code calls} calls; an exception counts as one and does not stop the run. */
    public TrafficFigures drive(Target target, int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be >= 0, was " + calls);
        }
        long[] latencies = new long[calls];
        int failures = 0;
        int exceptions = 0;
        for (int i = 0; i < calls; i++) {
            long start = nanoTime.getAsLong();
            try {
                if (target.call(i).isError()) {
                    failures++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted after " + i + " calls", e);
            } catch (Exception e) {
                exceptions++;
            }
            latencies[i] = (nanoTime.getAsLong() - start) / 1_000;
        }
        return TrafficFigures.of(latencies, failures, exceptions);
    }
}
