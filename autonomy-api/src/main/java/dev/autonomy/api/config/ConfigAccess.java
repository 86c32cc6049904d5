package dev.autonomy.api.config;

import org.osgi.annotation.versioning.ConsumerType;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes configurations: ConfigurationAdmin in a container ({@code ConfigAdminAccess}), a map in tests.
 */
@ConsumerType
public interface ConfigAccess {

    /** The configuration's own properties (see {@link ConfigValues#own}), or empty if it does not exist. */
    Optional<Map<String, Object>> read(ConfigTarget target) throws IOException;

    /** Creates or replaces the configuration's properties. */
    void write(ConfigTarget target, Map<String, Object> properties) throws IOException;

    /** Deletes the configuration; nothing happens if it does not exist. */
    void delete(ConfigTarget target) throws IOException;
}
