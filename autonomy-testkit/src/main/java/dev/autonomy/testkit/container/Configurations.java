package dev.autonomy.testkit.container;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configurations a test changes through ConfigAdmin, as the operator's {@code etc/*.cfg} files would, and puts back
 * afterwards: {@link #save} before the change, {@link #restore} in an {@code @After}.
 */
public final class Configurations {

    private final ConfigurationAdmin admin;
    /** The configurations as they were before the test (empty: there was none). */
    private final Map<String, Optional<Dictionary<String, Object>>> saved = new LinkedHashMap<>();

    public Configurations(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** Sets these keys of {@code pid}, keeping its other keys. */
    public void update(String pid, Map<String, ?> values) throws IOException {
        Configuration c = admin.getConfiguration(pid, "?");
        Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        values.forEach(d::put);
        c.update(d);
    }

    /** Replaces the whole configuration of {@code pid} with {@code values}. */
    public void replace(String pid, Map<String, ?> values) throws IOException {
        Dictionary<String, Object> d = new Hashtable<>();
        values.forEach(d::put);
        admin.getConfiguration(pid, "?").update(d);
    }

    /** The configuration of {@code pid} without ConfigAdmin's own keys; empty if there is none. */
    public Optional<Map<String, Object>> read(String pid) throws IOException {
        Dictionary<String, Object> d = admin.getConfiguration(pid, "?").getProperties();
        return d == null ? Optional.empty() : Optional.of(withoutServiceKeys(d));
    }

    /** Remembers the configurations of these pids as they are now (once per pid until {@link #restore}). */
    public void save(String... pids) throws IOException {
        for (String pid : pids) {
            if (!saved.containsKey(pid)) {
                Dictionary<String, Object> d = admin.getConfiguration(pid, "?").getProperties();
                saved.put(pid, Optional.ofNullable(d).map(Configurations::copy));
            }
        }
    }

    /** Puts back what {@link #save} remembered: deletes configurations that did not exist. */
    public void restore() throws IOException {
        for (Map.Entry<String, Optional<Dictionary<String, Object>>> e : saved.entrySet()) {
            Configuration c = admin.getConfiguration(e.getKey(), "?");
            if (e.getValue().isPresent()) {
                c.update(copy(e.getValue().get()));
            } else if (c.getProperties() != null) {
                c.delete();
            }
        }
        saved.clear();
    }

    /** The keys of {@code d} without ConfigAdmin's {@code service.*} bookkeeping. */
    public static Map<String, Object> withoutServiceKeys(Dictionary<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : Collections.list(d.keys())) {
            if (!k.startsWith("service.")) {
                m.put(k, d.get(k));
            }
        }
        return m;
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> out = new Hashtable<>();
        for (String k : Collections.list(d.keys())) {
            out.put(k, d.get(k));
        }
        return out;
    }
}
