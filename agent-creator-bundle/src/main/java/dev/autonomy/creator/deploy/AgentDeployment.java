package dev.autonomy.creator.deploy;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.creator.pipeline.CreatorSettings;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the creator's orchestration asks of the container: serve a revision, retire an agent, restore one after a
 * restart. The container's implementation is {@link BundleDeployment}; tests keep agents in memory. Callers hold
 * the agent's lock: one change of an agent at a time.
 */
public interface AgentDeployment {

    /**
     * Installs revision {@code revision} (its jar checked against {@code sha256}) staged, probes it with its own
     * tests when {@code probe}, serves it, then retires every other revision of the id.
     *
     * @return empty on success, else the failure (its effect names the stage); nothing of it stays installed
     */
    Optional<ExecutionResult> deploy(String id, int revision, String sha256, boolean probe,
                                     CreatorSettings settings) throws IOException;

    /** Uninstalls every revision of agent {@code id}: it no longer serves. */
    void retire(String id);

    /**
     * After a restart: only the active revision of {@code id} may stay; an installed one is left as it is (the
     * framework's cache wins), a missing one is installed again from {@code data/}.
     */
    void reconcile(String id, CreatorSettings settings) throws IOException;

    /** The ids of every generated agent installed in the container. */
    Set<String> generatedIds();

    /** The bundle serving agent {@code id}, when that bundle is not one of the creator's. */
    Optional<String> servedByOthers(String id);

    /** A failed step: {@code stage} goes into the effect, where the creator reads it. */
    static ExecutionResult failure(String stage, String message) {
        return new ExecutionResult(false, message, Map.of("stage", stage));
    }
}
