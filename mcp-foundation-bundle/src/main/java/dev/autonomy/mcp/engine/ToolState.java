package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.mcp.core.ToolPolicy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Per-tool runtime state: its concurrency slots, its result cache and its statistics. */
final class ToolState {

    private final ResultCache cache = new ResultCache(256);
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder micros = new LongAdder();
    private final AtomicLong maxMicros = new AtomicLong();
    private Semaphore slots;
    private int slotsFor = -1;

    /** The slots of the current limit, null when unlimited; a changed limit gets fresh slots (holders finish). */
    synchronized Semaphore slots(int max) {
        if (max <= 0) {
            return null;
        }
        if (slotsFor != max) {
            slots = new Semaphore(max);
            slotsFor = max;
        }
        return slots;
    }

    Optional<ToolResult> cached(String canonicalArguments) {
        return cache.get(canonicalArguments, System.nanoTime());
    }

    void remember(String canonicalArguments, ToolResult result, ToolPolicy policy) {
        cache.put(canonicalArguments, result, TimeUnit.MILLISECONDS.toNanos(policy.cacheTtlMs()), System.nanoTime(),
                policy.cacheMaxEntries());
    }

    /** Drops the cached results: they were another tool's. */
    void forgetResults() {
        cache.clear();
    }

    void record(long callMicros, boolean ok) {
        calls.increment();
        micros.add(callMicros);
        maxMicros.accumulateAndGet(callMicros, Math::max);
        if (!ok) {
            errors.increment();
        }
    }

    Map<String, Object> stats() {
        long n = calls.sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", n);
        m.put("errors", errors.sum());
        m.put("meanMicros", n == 0 ? 0 : micros.sum() / n);
        m.put("maxMicros", maxMicros.get());
        m.put("cache", cache.stats());
        return m;
    }
}
