package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.tool.Tool;

/** A tool service as the registry holds it; a hidden tool is callable inside the container only. */
public record RegisteredTool(Tool tool, String name, int ranking, long serviceId, long bundleId, String bundleName,
                             boolean hidden) {

    public RegisteredTool(Tool tool, String name, int ranking, long serviceId, long bundleId, String bundleName) {
        this(tool, name, ranking, serviceId, bundleId, bundleName, false);
    }

    /** Higher ranking wins; on a tie the older service (lower id) wins, as in OSGi. */
    public boolean outranks(RegisteredTool other) {
        return ranking != other.ranking ? ranking > other.ranking : serviceId < other.serviceId;
    }
}
