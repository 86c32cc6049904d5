package dev.autonomy.api.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration: a singleton {@code pid}, or the configuration {@code name} of a factory ({@code factoryPid}),
 * e.g. {@code dev.autonomy.tool.autonomy~text_word_count}.
 *
 * @param pid        the singleton PID, or empty for a factory configuration
 * @param factoryPid the factory PID, or empty for a singleton
 * @param name       the factory configuration's name, or empty for a singleton
 */
public record ConfigTarget(String pid, String factoryPid, String name) {

    public ConfigTarget {
        pid = pid == null ? "" : pid;
        factoryPid = factoryPid == null ? "" : factoryPid;
        name = name == null ? "" : name;
        boolean singleton = !pid.isBlank() && factoryPid.isEmpty() && name.isEmpty();
        boolean factory = pid.isEmpty() && !factoryPid.isBlank() && !name.isBlank();
        if (!singleton && !factory) {
            throw new IllegalArgumentException("a configuration target is a pid, or a factoryPid with a name; was pid="
                    + pid + ", factoryPid=" + factoryPid + ", name=" + name);
        }
    }

    public static ConfigTarget singleton(String pid) {
        return new ConfigTarget(pid, "", "");
    }

    public static ConfigTarget factory(String factoryPid, String name) {
        return new ConfigTarget("", factoryPid, name);
    }

    public boolean isFactory() {
        return !factoryPid.isEmpty();
    }

    /** As JSON values. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (isFactory()) {
            m.put("factoryPid", factoryPid);
            m.put("name", name);
        } else {
            m.put("pid", pid);
        }
        return m;
    }

    public static ConfigTarget fromJson(Map<String, ?> m) {
        Objects.requireNonNull(m, "target");
        return new ConfigTarget(text(m.get("pid")), text(m.get("factoryPid")), text(m.get("name")));
    }

    private static String text(Object o) {
        return o instanceof String ? (String) o : "";
    }

    @Override
    public String toString() {
        return isFactory() ? factoryPid + "~" + name : pid;
    }
}
