package dev.autonomy.foundation.api.context;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.value.JsonValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable context of one request. {@link ContextAdapter}s each add one named extension; the plugin pipeline
 * adds {@link Enhancement}s; tools read both.
 *
 * @param request        the request
 * @param recentRequests the session's recent requests, oldest first (bounded)
 * @param extensions     named extensions (immutable JSON values), in the order adapters added them
 * @param enhancements   enhancements returned by plugins, in plugin ranking order
 */
public record Context(McpRequest request, List<McpRequest> recentRequests, Map<String, Object> extensions,
                      List<Enhancement> enhancements) {

    public Context {
        Objects.requireNonNull(request, "request");
        recentRequests = List.copyOf(recentRequests);
        extensions = JsonValues.immutableObject(extensions);
        enhancements = List.copyOf(enhancements);
    }

    public static Context of(McpRequest request, List<McpRequest> recentRequests) {
        return new Context(request, recentRequests, Map.of(), List.of());
    }

    /** A copy with extension {@code name} set to {@code value} (a JSON value), replacing any earlier one. */
    public Context withExtension(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> ext = new LinkedHashMap<>(extensions);
        ext.put(name, JsonValues.immutableCopy(value));
        return new Context(request, recentRequests, ext, enhancements);
    }

    /** A copy with one more enhancement. */
    public Context withEnhancement(Enhancement enhancement) {
        List<Enhancement> list = new ArrayList<>(enhancements);
        list.add(Objects.requireNonNull(enhancement, "enhancement"));
        return new Context(request, recentRequests, extensions, list);
    }

    public Optional<Object> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }
}
