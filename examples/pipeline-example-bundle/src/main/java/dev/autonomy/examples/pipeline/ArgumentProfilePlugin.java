package dev.autonomy.examples.pipeline;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.McpRequest;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A plugin: looks at every tool call before it runs and returns an {@link Enhancement}. Its metadata reaches the
 * client in the result's {@code _meta["dev.autonomy/enhancements"]["argument_profile"]}, and tools see it in
 * {@code call.context().enhancements()}. (Plugins of the autonomy layer use the same hook to give routing advice.)
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + ArgumentProfilePlugin.NAME)
public final class ArgumentProfilePlugin implements Plugin {

    public static final String NAME = "argument_profile";

    @Override
    public Optional<Enhancement> process(McpRequest request) {
        return Optional.of(Enhancement.metadata(NAME, profile(request.arguments())));
    }

    /** Pure: the argument names (sorted) and how many there are; never the values, which may be private. */
    static Map<String, Object> profile(Map<String, Object> arguments) {
        return Map.of("argumentNames", List.copyOf(new TreeSet<>(arguments.keySet())), "argumentCount",
                arguments.size());
    }
}
