package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.Agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Which agent service serves each id: one active version per id. */
public final class AgentSelection {

    private AgentSelection() {
    }

    /** An agent service that cannot serve, and why. */
    public record Refusal(long serviceId, String id, String version, String reason) {
    }

    /**
     * The outcome of a selection.
     *
     * @param active     the serving candidate of each id, by id (sorted)
     * @param superseded valid candidates that lost to another version of their id
     * @param refused    candidates that cannot serve at all
     */
    public record Selection(Map<String, AgentCandidate> active, List<AgentCandidate> superseded,
                            List<Refusal> refused) {
        public Selection {
            active = java.util.Collections.unmodifiableMap(new TreeMap<>(active));
            superseded = List.copyOf(superseded);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Orders the candidates of one id: highest semantic version first; on equal versions the higher service ranking,
     * then the older service (lower service id), as OSGi does.
     */
    public static final Comparator<AgentCandidate> PREFERENCE = Comparator
            .comparing((AgentCandidate c) -> SemanticVersion.parse(c.version()).orElseThrow(),
                    Comparator.reverseOrder())
            .thenComparing(AgentCandidate::ranking, Comparator.reverseOrder())
            .thenComparingLong(AgentCandidate::serviceId);

    /**
     * Picks one active candidate per id. A candidate is refused when its id does not match {@link Agent#ID_PATTERN},
     * its tool name {@code agent_<id>} is not a valid tool name or is {@code reservedToolNames} (the built-in tools
     * and tools of other bundles), its version is not semantic, or it offers no capability or one capability twice.
     */
    public static Selection selectActive(Collection<AgentCandidate> candidates, Set<String> reservedToolNames) {
        Map<String, List<AgentCandidate>> byId = new TreeMap<>();
        List<Refusal> refused = new ArrayList<>();
        for (AgentCandidate c : candidates) {
            Optional<String> reason = refusalReason(c, reservedToolNames);
            if (reason.isPresent()) {
                refused.add(new Refusal(c.serviceId(), c.id(), c.version(), reason.get()));
            } else {
                byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, AgentCandidate> active = new TreeMap<>();
        List<AgentCandidate> superseded = new ArrayList<>();
        for (Map.Entry<String, List<AgentCandidate>> e : byId.entrySet()) {
            List<AgentCandidate> sorted = new ArrayList<>(e.getValue());
            sorted.sort(PREFERENCE);
            active.put(e.getKey(), sorted.get(0));
            superseded.addAll(sorted.subList(1, sorted.size()));
        }
        refused.sort(Comparator.comparing(Refusal::id).thenComparingLong(Refusal::serviceId));
        superseded.sort(Comparator.comparing(AgentCandidate::id).thenComparingLong(AgentCandidate::serviceId));
        return new Selection(active, superseded, refused);
    }

    /** Why {@code c} cannot serve, or empty if it can. */
    public static Optional<String> refusalReason(AgentCandidate c, Set<String> reservedToolNames) {
        String tool = AgentNames.toolName(c.id());
        if (!Agent.ID_PATTERN.matcher(c.id()).matches()) {
            return Optional.of("id '" + c.id() + "' must match " + Agent.ID_PATTERN + (c.id().contains("-")
                    ? " (its tool name '" + tool + "' cannot have '-': use '_' instead)" : ""));
        }
        if (reservedToolNames.contains(tool)) {
            return Optional.of("its tool name '" + tool + "' collides with "
                    + (AgentNames.BUILT_IN.contains(tool) ? "a built-in tool" : "a tool already registered"));
        }
        if (SemanticVersion.parse(c.version()).isEmpty()) {
            return Optional.of("version '" + c.version() + "' is not a semantic version (e.g. 1.0.0)");
        }
        if (c.capabilities().isEmpty()) {
            return Optional.of("it offers no capability");
        }
        Set<String> seen = new HashSet<>();
        for (String name : c.capabilityNames()) {
            if (!seen.add(name)) {
                return Optional.of("it offers capability '" + name + "' twice");
            }
        }
        return Optional.empty();
    }
}
