package dev.autonomy.creator.component;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.creator.build.BundlePackager;
import dev.autonomy.creator.deploy.AgentDeployment;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.pipeline.CreatorSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A container in memory: which revision of each agent serves; the jar must be the approved one in data/. */
final class FakeDeployment implements AgentDeployment {

    private final AgentStore store;
    final Map<String, Integer> serving = new LinkedHashMap<>();
    final List<String> steps = new ArrayList<>();
    /** Agent ids served by some other bundle, with its name. */
    final Map<String, String> foreign = new LinkedHashMap<>();
    /** When set, the next deployment fails at this stage. */
    String failNextAt;

    FakeDeployment(AgentStore store) {
        this.store = store;
    }

    @Override
    public Optional<ExecutionResult> deploy(String id, int revision, String sha256, boolean probe,
                                            CreatorSettings settings) throws IOException {
        Optional<byte[]> jar = store.jar(id, revision);
        if (jar.isEmpty() || !BundlePackager.sha256(jar.get()).equals(sha256)) {
            return Optional.of(AgentDeployment.failure("verify", "jar of " + id + " r" + revision + " differs"));
        }
        if (failNextAt != null) {
            String stage = failNextAt;
            failNextAt = null;
            return Optional.of(AgentDeployment.failure(stage, "the agent failed its " + stage));
        }
        steps.add("deploy " + id + " r" + revision + (probe ? " probed" : ""));
        serving.put(id, revision);
        return Optional.empty();
    }

    @Override
    public void retire(String id) {
        steps.add("retire " + id);
        serving.remove(id);
    }

    @Override
    public void reconcile(String id, CreatorSettings settings) {
        steps.add("reconcile " + id);
    }

    @Override
    public Set<String> generatedIds() {
        return Set.copyOf(serving.keySet());
    }

    @Override
    public Optional<String> servedByOthers(String id) {
        return Optional.ofNullable(foreign.get(id));
    }
}
