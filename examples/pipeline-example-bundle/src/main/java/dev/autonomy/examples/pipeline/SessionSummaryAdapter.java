package dev.autonomy.examples.pipeline;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.session.McpRequest;
import org.osgi.service.component.annotations.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A context adapter: adds the extension {@code session_summary} to every request's context, so that any tool can
 * see what the session did before ({@code call.context().extension("session_summary")}).
 *
 * <p>Adapters run on every call, in {@code service.ranking} order: keep them quick and free of I/O.
 */
@Component(service = ContextAdapter.class, property = "adapter.name=session_summary")
public final class SessionSummaryAdapter implements ContextAdapter {

    public static final String EXTENSION = "session_summary";

    @Override
    public Context adaptContext(Context base) {
        return base.withExtension(EXTENSION, summarize(base.recentRequests()));
    }

    /** Pure: how many recent requests, and how often each tool was called among them. */
    static Map<String, Object> summarize(List<McpRequest> recent) {
        Map<String, Object> byTool = new LinkedHashMap<>();
        for (McpRequest r : recent) {
            byTool.merge(r.toolName(), 1, (a, b) -> (Integer) a + (Integer) b);
        }
        return Map.of("recentRequests", recent.size(), "toolCalls", byTool);
    }
}
