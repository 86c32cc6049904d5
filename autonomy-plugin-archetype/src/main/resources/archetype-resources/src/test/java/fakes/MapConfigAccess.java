package ${package}.fakes;

import dev.autonomy.api.config.ConfigAccess;
import dev.autonomy.api.config.ConfigTarget;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** ConfigAdmin as a map: what the executor wrote, to look at in tests. */
public final class MapConfigAccess implements ConfigAccess {

    private final Map<ConfigTarget, Map<String, Object>> configs = new HashMap<>();

    @Override
    public Optional<Map<String, Object>> read(ConfigTarget target) {
        return Optional.ofNullable(configs.get(target)).map(TreeMap::new);
    }

    @Override
    public void write(ConfigTarget target, Map<String, Object> properties) {
        configs.put(target, new TreeMap<>(properties));
    }

    @Override
    public void delete(ConfigTarget target) {
        configs.remove(target);
    }
}
