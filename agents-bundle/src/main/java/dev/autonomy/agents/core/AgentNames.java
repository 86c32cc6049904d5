package dev.autonomy.agents.core;

import java.util.Set;

/** Names users see: the built-in tools and the tool of each agent. */
public final class AgentNames {

    private AgentNames() {
    }

    /** Every agent is also the tool {@code agent_<id>}. */
    public static final String TOOL_PREFIX = "agent_";
    public static final String LIST = "agent_list";
    public static final String ROUTE = "agent_route";
    public static final String WORKFLOW = "agent_workflow";
    /** Tool names no agent may take. */
    /**
     * Tool names no agent may take: this bundle's own, and those the agent creator (Phase 4) publishes — named here
     * as plain strings, so that an agent called {@code create} cannot pose as {@code agent_create} while the creator
     * is not installed (this bundle's tool access covers {@code agent_*}).
     */
    public static final Set<String> BUILT_IN = Set.of(LIST, ROUTE, WORKFLOW, "agent_create", "agent_remove",
            "agent_rollback", "agent_creation_history", "agent_spec_schema");

    public static String toolName(String agentId) {
        return TOOL_PREFIX + agentId;
    }
}
