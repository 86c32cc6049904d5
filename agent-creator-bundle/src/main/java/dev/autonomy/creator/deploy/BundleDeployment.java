package dev.autonomy.creator.deploy;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.creator.build.BundlePackager;
import dev.autonomy.creator.build.SpecTestRunner;
import dev.autonomy.creator.deploy.AgentDeployer.DeployException;
import dev.autonomy.creator.pipeline.AgentDesign;
import dev.autonomy.creator.pipeline.CreationPipeline;
import dev.autonomy.creator.pipeline.CreatorSettings;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.Json;
import dev.autonomy.creator.spec.SpecParse;
import dev.autonomy.creator.spec.SpecTest;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.agent.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Agents as bundles in the framework: install staged, probe with the agent's own tests, un-stage, retire the other
 * revisions, and at start-up reconcile the framework with {@code data/}. Every step is {@link AgentDeployer}'s.
 */
public final class BundleDeployment implements AgentDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(BundleDeployment.class);

    private final BundleContext context;
    private final AgentStore store;
    private final AgentDeployer deployer;
    private final Supplier<AgentRegistry> registry;

    public BundleDeployment(BundleContext context, AgentStore store, AgentDeployer deployer,
                            Supplier<AgentRegistry> registry) {
        this.context = context;
        this.store = store;
        this.deployer = deployer;
        this.registry = registry;
    }

    @Override
    public Optional<ExecutionResult> deploy(String id, int revision, String sha, boolean probe, CreatorSettings s)
            throws IOException {
        Optional<byte[]> jar = store.jar(id, revision);
        if (jar.isEmpty() || !BundlePackager.sha256(jar.get()).equals(sha)) {
            return Optional.of(AgentDeployment.failure("verify", "the jar of agent " + id + " revision " + revision
                    + " is missing or does not match the approved SHA-256"));
        }
        String component = componentOf(id, revision);
        Bundle bundle;
        try {
            // a bundle left at this location (an earlier attempt) is replaced: only the checked jar may serve
            deployer.installed(id, revision).ifPresent(stale -> deployer.uninstall(stale, component));
            bundle = deployer.install(id, revision, component, jar.get(), s.activationTimeoutMs());
        } catch (DeployException e) {
            return Optional.of(AgentDeployment.failure(e.stage, e.getMessage()));
        }
        try {
            if (probe) {
                Optional<String> problem = probe(id, revision, bundle, s.testTimeoutMs());
                if (problem.isPresent()) {
                    deployer.uninstall(bundle, component);
                    return Optional.of(AgentDeployment.failure("probe", problem.get()));
                }
            }
            // serve the new revision first, then retire the old: the id never goes without an agent
            deployer.unstage(component);
            if (!deployer.awaitUnstaged(bundle, s.activationTimeoutMs())) {
                deployer.uninstall(bundle, component);
                return Optional.of(AgentDeployment.failure("serve",
                        "the agent did not leave its staged state in time"));
            }
            for (Bundle other : deployer.installedOf(id)) {
                if (other.getBundleId() != bundle.getBundleId()) {
                    deployer.uninstall(other, componentOf(other));
                }
            }
            awaitServing(id, s.activationTimeoutMs());
            return Optional.empty();
        } catch (DeployException e) {
            deployer.uninstall(bundle, component);
            return Optional.of(AgentDeployment.failure(e.stage, e.getMessage()));
        } catch (RuntimeException | Error e) {
            LOG.error("Deploying agent {} revision {} failed", id, revision, e);
            deployer.uninstall(bundle, component);
            return Optional.of(AgentDeployment.failure("deploy", "internal error while deploying: "
                    + e.getClass().getSimpleName()));
        } finally {
            // a request's time limit may have interrupted this thread: the state files must still be written
            Thread.interrupted();
        }
    }

    @Override
    public void retire(String id) {
        for (Bundle b : deployer.installedOf(id)) {
            deployer.uninstall(b, componentOf(b));
        }
    }

    @Override
    public void reconcile(String id, CreatorSettings s) throws IOException {
        AgentStore.State state = store.state(id);
        // bundles of other revisions (a crash mid-deploy) go: only the active revision may stay
        for (Bundle b : deployer.installedOf(id)) {
            if (!b.getLocation().equals(AgentDeployer.location(id, state.active()))) {
                deployer.uninstall(b, componentOf(b));
            }
        }
        if (state.active() == 0) {
            return;
        }
        Optional<AgentStore.Revision> meta = store.revision(id, state.active());
        if (meta.isEmpty()) {
            LOG.warn("Agent {}: revision {} is active but its files are gone", id, state.active());
            return;
        }
        Optional<Bundle> installed = deployer.installed(id, state.active());
        if (installed.isPresent()) { // the framework's bundle cache wins
            try {
                if (installed.get().getState() != Bundle.ACTIVE) {
                    installed.get().start();
                }
                deployer.unstage(componentOf(id, state.active()));
            } catch (Exception e) {
                LOG.warn("Agent {}: could not restart its bundle: {}", id, e.getMessage());
            }
            return;
        }
        Optional<ExecutionResult> failure = deploy(id, state.active(), meta.get().sha256(), false, s);
        if (failure.isPresent()) {
            LOG.warn("Agent {} revision {} could not be restored from data/: {}", id, state.active(),
                    failure.get().message());
        } else {
            LOG.info("Agent {} revision {} restored from data/", id, state.active());
        }
    }

    @Override
    public Set<String> generatedIds() {
        Set<String> ids = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            String loc = b.getLocation();
            if (loc.startsWith(AgentDeployer.LOCATION_PREFIX)) {
                String rest = loc.substring(AgentDeployer.LOCATION_PREFIX.length());
                ids.add(rest.substring(0, rest.indexOf('/')));
            }
        }
        return ids;
    }

    @Override
    public Optional<String> servedByOthers(String id) {
        AgentRegistry r = registry.get();
        if (r == null) {
            return Optional.empty();
        }
        Optional<AgentRegistry.AgentInfo> info = r.agent(id);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Bundle b = context.getBundle(info.get().bundleId());
        if (b == null || b.getLocation().startsWith(AgentDeployer.LOCATION_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(b.getSymbolicName());
    }

    /** Runs the agent's own tests against the live, staged service and checks its identity. */
    private Optional<String> probe(String id, int revision, Bundle bundle, long testTimeoutMs) {
        Optional<ServiceReference<Agent>> ref = deployer.agentService(bundle);
        if (ref.isEmpty()) {
            return Optional.of("the agent's service is not registered");
        }
        Agent agent = context.getService(ref.get());
        if (agent == null) {
            return Optional.of("the agent's service could not be obtained");
        }
        try {
            SpecParse spec = AgentSpecs.parse(specJson(id, revision));
            if (spec.spec().isEmpty()) {
                return Optional.of("the saved spec no longer parses");
            }
            AgentDesign design = CreationPipeline.designFromSpec(spec.spec().get(), "probe");
            List<String> failures = new ArrayList<>();
            for (SpecTest t : spec.spec().get().tests()) {
                SpecTestRunner.runOne(agent, t, testTimeoutMs).ifPresent(failures::add);
            }
            List<String> caps = new ArrayList<>();
            for (Capability c : agent.capabilities()) {
                caps.add(c.name());
            }
            CreationPipeline.PerformanceVerdict v = CreationPipeline.validateAgentPerformance(design, agent.id(),
                    caps, failures);
            return v.healthy() ? Optional.empty() : Optional.of(String.join("; ", v.problems()));
        } catch (IOException | RuntimeException | Error e) {
            return Optional.of("the agent failed its probe: " + e.getClass().getSimpleName());
        } finally {
            try {
                context.ungetService(ref.get());
            } catch (IllegalStateException stopping) {
                // the creator is stopping: the framework releases its services anyway
            }
        }
    }

    /** The saved spec of a revision, without a client's source (the probe runs the tests, not the build). */
    private Object specJson(String id, int revision) throws IOException {
        Path f = store.root().resolve(id).resolve("r" + revision).resolve("spec.json");
        Object json = Json.parse(Files.readString(f));
        if (json instanceof Map && ((Map<?, ?>) json).containsKey("source")) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) json).forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.remove("source");
            return copy;
        }
        return json;
    }

    /** Waits (bounded) until the registry lists the agent, so "created" means a client can call it. */
    private void awaitServing(String id, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() - deadline < 0) {
            AgentRegistry r = registry.get();
            if (r == null || r.agent(id).isPresent()) {
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String componentOf(String id, int revision) {
        return CreationPipeline.packageFor(id, revision) + ".AgentComponent";
    }

    private static String componentOf(Bundle b) {
        String loc = b.getLocation().substring(AgentDeployer.LOCATION_PREFIX.length());
        String id = loc.substring(0, loc.indexOf('/'));
        int rev = Integer.parseInt(loc.substring(loc.indexOf("/r") + 2));
        return componentOf(id, rev);
    }
}
