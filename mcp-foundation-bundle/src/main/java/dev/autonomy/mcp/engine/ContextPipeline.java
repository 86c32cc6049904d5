package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.McpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The context engine and the plugin pipeline: every context adapter in ranking order, then every plugin's
 * enhancement. A failing adapter or plugin is skipped and counted; it never fails the request.
 */
final class ContextPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ContextPipeline.class);

    private final Ranked<Plugin> plugins = new Ranked<>();
    private final Ranked<ContextAdapter> adapters = new Ranked<>();
    private final LongAdder adapterFailures = new LongAdder();
    private final LongAdder pluginFailures = new LongAdder();

    void addPlugin(long serviceId, Plugin plugin, String name, int ranking) {
        plugins.add(new Ranked.Entry<>(plugin, name, ranking, serviceId));
    }

    void removePlugin(long serviceId) {
        plugins.remove(serviceId);
    }

    void addAdapter(long serviceId, ContextAdapter adapter, String name, int ranking) {
        adapters.add(new Ranked.Entry<>(adapter, name, ranking, serviceId));
    }

    void removeAdapter(long serviceId) {
        adapters.remove(serviceId);
    }

    List<String> pluginNames() {
        return plugins.snapshot().stream().map(Ranked.Entry::name).toList();
    }

    List<String> adapterNames() {
        return adapters.snapshot().stream().map(Ranked.Entry::name).toList();
    }

    long adapterFailures() {
        return adapterFailures.sum();
    }

    long pluginFailures() {
        return pluginFailures.sum();
    }

    Context build(McpRequest request, List<McpRequest> recent) {
        Context context = Context.of(request, recent);
        for (Ranked.Entry<ContextAdapter> a : adapters.snapshot()) {
            try {
                Context adapted = a.service().adaptContext(context);
                if (adapted == null || !adapted.request().equals(request)) {
                    throw new IllegalStateException("adapter returned " + (adapted == null ? "null"
                            : "a context of another request"));
                }
                context = adapted;
            } catch (RuntimeException | LinkageError e) {
                adapterFailures.increment();
                LOG.warn("Context adapter {} failed on request {}; skipped", a.name(), request.requestId(), e);
            }
        }
        for (Ranked.Entry<Plugin> p : plugins.snapshot()) {
            try {
                Optional<Enhancement> e = p.service().process(request);
                if (e != null && e.isPresent()) {
                    context = context.withEnhancement(e.get());
                }
            } catch (RuntimeException | LinkageError e) {
                pluginFailures.increment();
                LOG.warn("Plugin {} failed on request {}; skipped", p.name(), request.requestId(), e);
            }
        }
        return context;
    }
}
