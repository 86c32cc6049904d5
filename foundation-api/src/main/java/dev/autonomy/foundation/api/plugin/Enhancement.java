package dev.autonomy.foundation.api.plugin;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Plugin} adds to a request: metadata (returned to the client in the result's {@code _meta} under
 * the source's name) and optional routing advice.
 *
 * @param source   the plugin's name
 * @param metadata immutable JSON object
 * @param routing  advice for the agent router
 */
public record Enhancement(String source, Map<String, Object> metadata, Optional<RoutingAdvice> routing) {

    public Enhancement {
        Objects.requireNonNull(source, "source");
        metadata = JsonValues.immutableObject(metadata);
        Objects.requireNonNull(routing, "routing");
    }

    public static Enhancement metadata(String source, Map<String, ?> metadata) {
        return new Enhancement(source, JsonValues.immutableObject(metadata), Optional.empty());
    }
}
