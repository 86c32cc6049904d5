package dev.autonomy.creator.propose;

import java.util.Set;

/** The names the creator's proposals and events carry: capability, action kinds, event types. */
public final class CreationActions {

    /** The capability's name: service property, manifest header, mode and budget key. */
    public static final String CAPABILITY = "agent-creation";
    public static final String KIND_CREATE = "agent.create";
    /** Creations the creator designed by itself from a capability gap; modes can treat them apart. */
    public static final String KIND_CREATE_GAP = "agent.create.gap";
    public static final String KIND_REMOVE = "agent.remove";
    /** Published when an agent starts serving. */
    public static final String AGENT_CREATED = "agent_created";
    /** Published when a creation fails at any stage. */
    public static final String AGENT_CREATION_FAILED = "agent_creation_failed";
    /** Tools no generated agent may call. */
    public static final Set<String> RESERVED_TOOLS = Set.of("agent_create", "agent_remove", "agent_rollback",
            "agent_creation_history", "agent_spec_schema");

    private CreationActions() {
    }

    /** The target of every proposal about agent {@code id}: the governor leases it. */
    public static String target(String id) {
        return "agent:" + id;
    }
}
