package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the foundation adds to a result's {@code _meta}: its request id and the plugins' metadata. */
public final class ResultMeta {

    /** The request id, by which a client refers to the call later (feedback). */
    public static final String REQUEST_ID = "dev.autonomy/requestId";
    /** The plugins' metadata, by plugin (enhancement source); plugins without metadata are left out. */
    public static final String ENHANCEMENTS = "dev.autonomy/enhancements";

    private ResultMeta() {
    }

    public static ToolResult tag(ToolResult result, String requestId, List<Enhancement> enhancements) {
        ToolResult out = result.withMeta(REQUEST_ID, requestId);
        Map<String, Object> bySource = new LinkedHashMap<>();
        for (Enhancement e : enhancements) {
            if (!e.metadata().isEmpty()) {
                bySource.put(e.source(), e.metadata());
            }
        }
        return bySource.isEmpty() ? out : out.withMeta(ENHANCEMENTS, bySource);
    }
}
