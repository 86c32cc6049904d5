package dev.autonomy.mcp.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A live, ranked set of whiteboard services: {@link #snapshot()} is a copy-on-write list in ranking order (highest
 * first, then oldest), cheap to read on every request.
 */
final class Ranked<T> {

    record Entry<T>(T service, String name, int ranking, long serviceId) {
    }

    private final ConcurrentMap<Long, Entry<T>> entries = new ConcurrentHashMap<>();
    private volatile List<Entry<T>> snapshot = List.of();

    void add(Entry<T> entry) {
        entries.put(entry.serviceId(), entry);
        rebuild();
    }

    void remove(long serviceId) {
        entries.remove(serviceId);
        rebuild();
    }

    List<Entry<T>> snapshot() {
        return snapshot;
    }

    private synchronized void rebuild() {
        List<Entry<T>> list = new ArrayList<>(entries.values());
        list.sort(Comparator.<Entry<T>>comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId));
        snapshot = List.copyOf(list);
    }
}
