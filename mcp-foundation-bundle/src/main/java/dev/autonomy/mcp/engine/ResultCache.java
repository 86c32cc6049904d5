package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A per-tool LRU cache of successful results with a time to live; thread-safe. */
final class ResultCache {

    private record Entry(ToolResult result, long expiresAtNanos) {
    }

    private final Map<String, Entry> map;
    private int maxEntries;
    private long hits;
    private long misses;

    ResultCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > ResultCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<ToolResult> get(String key, long nowNanos) {
        Entry e = map.get(key);
        if (e == null || e.expiresAtNanos - nowNanos <= 0) {
            if (e != null) {
                map.remove(key);
            }
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(e.result);
    }

    synchronized void put(String key, ToolResult result, long ttlNanos, long nowNanos, int newMaxEntries) {
        maxEntries = newMaxEntries;
        map.put(key, new Entry(result, nowNanos + ttlNanos));
    }

    synchronized Map<String, Object> stats() {
        return Map.of("entries", map.size(), "hits", hits, "misses", misses);
    }

    synchronized void clear() {
        map.clear();
    }
}
