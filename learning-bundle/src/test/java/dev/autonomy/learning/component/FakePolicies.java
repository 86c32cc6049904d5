package dev.autonomy.learning.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tool policies in memory: autonomy's overrides by tool, and operator policies a test sets. */
final class FakePolicies implements PolicyStore {

    final Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
    final List<Map<String, ?>> operator = new ArrayList<>();

    @Override
    public synchronized Optional<Map<String, Object>> override(String tool) {
        return Optional.ofNullable(overrides.get(tool)).map(LinkedHashMap::new);
    }

    /** When set, writes fail (ConfigurationAdmin unavailable). */
    volatile boolean failWrites;

    @Override
    public synchronized void write(String tool, Map<String, Object> properties) throws java.io.IOException {
        if (failWrites) {
            throw new java.io.IOException("configuration store unavailable");
        }
        overrides.put(tool, new LinkedHashMap<>(properties));
    }

    @Override
    public synchronized void delete(String tool) {
        overrides.remove(tool);
    }

    @Override
    public synchronized List<Map<String, ?>> operatorPolicies() {
        return List.copyOf(operator);
    }

    @Override
    public synchronized List<Map<String, ?>> overrides() {
        return List.copyOf(overrides.values());
    }

    @Override
    public long defaultTimeoutMs() {
        return 30_000;
    }
}
