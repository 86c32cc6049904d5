package dev.autonomy.api.config.cm;

import dev.autonomy.api.config.ConfigAccess;
import dev.autonomy.api.config.ConfigTarget;
import dev.autonomy.api.config.ConfigValues;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configurations in ConfigurationAdmin, bound to no bundle in particular ({@value #ANY_BUNDLE}) so that the
 * components of other bundles receive them. Autonomy's configurations live in ConfigAdmin's store under {@code
 * data/}, never in a file in {@code etc/}.
 */
public final class ConfigAdminAccess implements ConfigAccess {

    /** The location that lets any bundle's components receive the configuration. */
    public static final String ANY_BUNDLE = "?";

    private final ConfigurationAdmin configAdmin;

    public ConfigAdminAccess(ConfigurationAdmin configAdmin) {
        this.configAdmin = Objects.requireNonNull(configAdmin, "configAdmin");
    }

    private Configuration configuration(ConfigTarget t) throws IOException {
        return t.isFactory() ? configAdmin.getFactoryConfiguration(t.factoryPid(), t.name(), ANY_BUNDLE)
                : configAdmin.getConfiguration(t.pid(), ANY_BUNDLE);
    }

    @Override
    public Optional<Map<String, Object>> read(ConfigTarget target) throws IOException {
        Dictionary<String, Object> d = configuration(target).getProperties();
        return d == null ? Optional.empty() : Optional.of(ConfigValues.own(map(d)));
    }

    @Override
    public void write(ConfigTarget target, Map<String, Object> properties) throws IOException {
        configuration(target).update(new Hashtable<>(properties));
    }

    @Override
    public void delete(ConfigTarget target) throws IOException {
        Configuration c = configuration(target);
        if (c.getProperties() != null) {
            c.delete();
        }
    }

    /** A dictionary as a map, in the dictionary's order. */
    public static Map<String, Object> map(Dictionary<String, ?> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : Collections.list(d.keys())) {
            m.put(k, d.get(k));
        }
        return m;
    }
}
