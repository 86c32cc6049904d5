package dev.autonomy.agents.component;

import dev.autonomy.agents.core.AgentNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The tools of other bundles, by service id, as far as agents care: which {@code agent_*} names they hold. Owned
 * by the registry's reconciler thread (not thread-safe).
 */
final class ForeignTools {

    private static final Logger LOG = LoggerFactory.getLogger(ForeignTools.class);

    /** A tool of another bundle; the name is null when it is not an {@code agent_*} name. */
    record ForeignTool(String name, String bundle) {

        /** The tool named {@code name}, keeping the name only when it is an {@code agent_*} name. */
        static ForeignTool of(String name, String bundle) {
            return new ForeignTool(name != null && name.startsWith(AgentNames.TOOL_PREFIX) ? name : null, bundle);
        }
    }

    private final Map<Long, ForeignTool> tools = new HashMap<>();
    /** Per tool: whether it keeps agents off its name (decided once, when it is first seen). */
    private final Map<Long, Boolean> blocking = new HashMap<>();

    /**
     * Forgets the tools that are no longer present and learns those that appeared.
     *
     * @param describe the tool of a service id; empty when it cannot be had now (gone meanwhile), to be tried again
     */
    void refresh(Set<Long> present, LongFunction<Optional<ForeignTool>> describe) {
        tools.keySet().retainAll(present);
        for (long id : present) {
            if (!tools.containsKey(id)) {
                describe.apply(id).ifPresent(t -> tools.put(id, t));
            }
        }
    }

    /**
     * The built-in tool names and the {@code agent_*} names of other bundles' tools that were there before an agent
     * took the name. A foreign tool that arrives later, while an agent serves that name, does not push the agent
     * out (the foundation serves the higher-ranked of the two); it is logged.
     *
     * @param servedNames the tool names of the agents serving now
     */
    Set<String> reserved(Set<String> servedNames) {
        blocking.keySet().retainAll(tools.keySet());
        Set<String> reserved = new HashSet<>(AgentNames.BUILT_IN);
        for (Map.Entry<Long, ForeignTool> e : tools.entrySet()) {
            ForeignTool t = e.getValue();
            if (t.name() == null) {
                continue;
            }
            boolean blocks = blocking.computeIfAbsent(e.getKey(), k -> {
                boolean late = servedNames.contains(t.name());
                if (late) {
                    LOG.warn("Tool {} of bundle {} has the name of an active agent's tool; the higher-ranked of the "
                            + "two serves", t.name(), t.bundle());
                }
                return !late;
            });
            if (blocks) {
                reserved.add(t.name());
            }
        }
        return reserved;
    }
}
