package dev.autonomy.benchmarks.probe;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.McpRequest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.util.Map;
import java.util.Optional;

/**
 * Routing advice for {@code agent_route} requests of {@value Probe#CAPABILITY}: whatever was last
 * {@link #publish published}, read from a volatile field, the way learning's plugin serves the snapshot its cycle
 * published. The enhancement is built at publication, so a request only reads a reference.
 */
@Component(service = {Plugin.class, RoutePlugin.class}, property = Plugin.NAME + "=" + RoutePlugin.NAME)
public final class RoutePlugin implements Plugin {

    static final String NAME = "bench-probe";

    private volatile Optional<Enhancement> current = Optional.empty();
    /** When a request first got the advice published last (System.nanoTime()), 0 until one did. */
    private volatile long firstServed;

    /** From the next request on, {@code agent_route} of the capability gets this advice. */
    void publish(RoutingAdvice advice) {
        Optional<Enhancement> next = Optional.of(new Enhancement(NAME, Map.of(), Optional.of(advice)));
        firstServed = 0;
        current = next;
    }

    /** When a request first got the advice published last (System.nanoTime()); 0 if none yet. */
    long firstServed() {
        return firstServed;
    }

    void clear() {
        current = Optional.empty();
    }

    @Override
    public Optional<Enhancement> process(McpRequest request) {
        if (!Probe.ROUTE_TOOL.equals(request.toolName())
                || !Probe.CAPABILITY.equals(request.arguments().get("capability"))) {
            return Optional.empty();
        }
        Optional<Enhancement> advice = current;
        if (firstServed == 0) {
            firstServed = System.nanoTime(); // the probe routes one call at a time: no race worth a CAS
        }
        return advice;
    }

    @Deactivate
    void deactivate() {
        clear();
    }
}
