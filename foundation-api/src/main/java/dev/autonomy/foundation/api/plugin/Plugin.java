package dev.autonomy.foundation.api.plugin;

import dev.autonomy.foundation.api.session.McpRequest;
import org.osgi.annotation.versioning.ConsumerType;

import java.util.Optional;

/**
 * Looks at every tool call before it runs and may return an {@link Enhancement}, published as an OSGi service.
 * Plugins run in {@code service.ranking} order (highest first); one that throws is skipped, logged and counted.
 * Service property {@value #NAME} names the plugin (defaults to its class name).
 */
@ConsumerType
public interface Plugin {

    String NAME = "plugin.name";

    Optional<Enhancement> process(McpRequest request);
}
