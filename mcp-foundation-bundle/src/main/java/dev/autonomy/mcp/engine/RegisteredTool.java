package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.tool.Tool;

/** A tool service as the registry holds it. */
public record RegisteredTool(Tool tool, String name, int ranking, long serviceId, long bundleId, String bundleName) {

    /** Higher ranking wins; on a tie the older service (lower id) wins, as in OSGi. */
    public boolean outranks(RegisteredTool other) {
        return ranking != other.ranking ? ranking > other.ranking : serviceId < other.serviceId;
    }
}
