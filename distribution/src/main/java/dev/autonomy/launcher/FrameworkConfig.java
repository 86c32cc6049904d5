package dev.autonomy.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/** Reads {@code conf/config.properties} into framework properties, expanding {@code ${name}} references. */
final class FrameworkConfig {

    private FrameworkConfig() {
    }

    /**
     * Loads {@code file} and expands {@code ${name}} in every value, looking {@code name} up first among the
     * {@code fixed} values ({@code autonomy.home}, {@code autonomy.data}), then among the file's own keys, then in
     * the system properties. An unknown name is an error: a silently empty path would be worse.
     */
    static Map<String, String> load(Path file, Map<String, String> fixed) throws IOException {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(in);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : raw.stringPropertyNames()) {
            out.put(key, expand(raw.getProperty(key), name -> lookup(name, fixed, raw), key, 0));
        }
        out.putAll(fixed);
        return out;
    }

    private static String lookup(String name, Map<String, String> fixed, Properties raw) {
        if (fixed.containsKey(name)) {
            return fixed.get(name);
        }
        String v = raw.getProperty(name);
        return v != null ? v : System.getProperty(name);
    }

    /** Expands {@code ${name}} (nested values too); leaves {@code $[...]} (ConfigAdmin interpolation) alone. */
    static String expand(String value, UnaryOperator<String> lookup, String key, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("conf/config.properties: ${...} in " + key + " refers to itself");
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                sb.append(value, i, value.length());
                break;
            }
            int end = value.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("conf/config.properties: unclosed ${ in " + key);
            }
            String name = value.substring(start + 2, end);
            String replacement = lookup.apply(name);
            if (replacement == null) {
                throw new IllegalArgumentException("conf/config.properties: unknown ${" + name + "} in " + key);
            }
            sb.append(value, i, start).append(expand(replacement, lookup, key, depth + 1));
            i = end + 1;
        }
        return sb.toString();
    }
}
