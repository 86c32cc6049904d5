package dev.autonomy.agents.component;

import dev.autonomy.agents.core.LatencySummary;
import dev.autonomy.agents.tool.AgentTool;

import java.util.concurrent.atomic.LongAdder;

/** Call figures of one agent id: counters, and the latencies of the last {@value #RESERVOIR} calls. */
final class AgentStats implements AgentTool.Recorder {

    static final int RESERVOIR = 256;

    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder micros = new LongAdder();
    private final long[] recent = new long[RESERVOIR];
    private int next;
    private int filled;

    @Override
    public void record(long latencyMicros, boolean error) {
        calls.increment();
        micros.add(latencyMicros);
        if (error) {
            errors.increment();
        }
        synchronized (recent) {
            recent[next] = latencyMicros;
            next = (next + 1) % RESERVOIR;
            filled = Math.min(RESERVOIR, filled + 1);
        }
    }

    LatencySummary summary() {
        long[] sample;
        synchronized (recent) {
            sample = java.util.Arrays.copyOf(recent, filled);
        }
        return LatencySummary.of(calls.sum(), errors.sum(), micros.sum(), sample);
    }
}
