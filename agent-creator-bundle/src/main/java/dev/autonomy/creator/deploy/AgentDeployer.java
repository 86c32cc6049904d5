package dev.autonomy.creator.deploy;

import dev.autonomy.foundation.api.agent.Agent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Installs a generated bundle, waits (within a time limit) for its component to be active, hands out the staged
 * agent for probing, un-stages it, and uninstalls bundles without leaving anything behind (uninstall, refresh, and
 * the un-staging configuration deleted).
 */
public final class AgentDeployer {

    /** Bundle locations of generated agents: {@code autonomy-agent:<id>/r<n>}. */
    public static final String LOCATION_PREFIX = "autonomy-agent:";
    /** Service property of a generated agent until the creator probed it. */
    public static final String STAGED = "agent.staged";
    /** Service property: the id of a generated agent. */
    public static final String GENERATED = "agent.generated";

    /** A deployment step failed; {@link #stage} names it. */
    public static final class DeployException extends Exception {
        private static final long serialVersionUID = 1L;
        public final String stage;

        public DeployException(String stage, String message) {
            super(message);
            this.stage = stage;
        }
    }

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ConfigurationAdmin configAdmin;

    public AgentDeployer(BundleContext context, ServiceComponentRuntime scr, ConfigurationAdmin configAdmin) {
        this.context = context;
        this.scr = scr;
        this.configAdmin = configAdmin;
    }

    public static String location(String id, int revision) {
        return LOCATION_PREFIX + id + "/r" + revision;
    }

    /** The installed bundle of {@code id} at {@code revision}, if any. */
    public Optional<Bundle> installed(String id, int revision) {
        return Optional.ofNullable(context.getBundle(location(id, revision)));
    }

    /** Every installed generated bundle of {@code id}. */
    public List<Bundle> installedOf(String id) {
        List<Bundle> out = new java.util.ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX + id + "/r")) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Installs and starts the jar, and waits until its component is active. On any failure nothing stays
     * installed.
     */
    public Bundle install(String id, int revision, String componentName, byte[] jar, long timeoutMs)
            throws DeployException {
        Bundle bundle;
        try {
            bundle = context.installBundle(location(id, revision), new ByteArrayInputStream(jar));
        } catch (BundleException | RuntimeException e) {
            throw new DeployException("install", "the bundle could not be installed: " + e.getMessage());
        }
        try {
            bundle.start();
            awaitActive(bundle, componentName, timeoutMs);
            return bundle;
        } catch (BundleException | RuntimeException e) {
            uninstall(bundle, componentName);
            throw new DeployException("start", "the bundle could not start: " + e.getMessage());
        } catch (DeployException e) {
            uninstall(bundle, componentName);
            throw e;
        }
    }

    private void awaitActive(Bundle bundle, String componentName, long timeoutMs) throws DeployException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            ComponentDescriptionDTO d = scr.getComponentDescriptionDTO(bundle, componentName);
            if (d != null) {
                Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
                for (ComponentConfigurationDTO c : configs) {
                    if (c.state == ComponentConfigurationDTO.ACTIVE) {
                        return;
                    }
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        throw new DeployException("activate", "the agent failed to activate: "
                                + firstLine(c.failure));
                    }
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DeployException("activate", "the agent's component was not active within " + timeoutMs
                        + " ms" + (d == null ? " (no component found)" : ""));
            }
            pause();
        }
    }

    /** The staged (or live) agent service of {@code bundle}. */
    public Optional<ServiceReference<Agent>> agentService(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                Object classes = r.getProperty("objectClass");
                if (classes instanceof String[] && List.of((String[]) classes).contains(Agent.class.getName())) {
                    @SuppressWarnings("unchecked")
                    ServiceReference<Agent> ar = (ServiceReference<Agent>) r;
                    return Optional.of(ar);
                }
            }
        }
        return Optional.empty();
    }

    public BundleContext context() {
        return context;
    }

    /** Lets the agent registry serve the agent: its service property {@value #STAGED} becomes false. */
    public void unstage(String componentName) throws DeployException {
        try {
            Configuration c = configAdmin.getConfiguration(componentName, "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(STAGED, Boolean.FALSE);
            c.update(props);
        } catch (IOException | RuntimeException e) {
            throw new DeployException("serve", "could not un-stage the agent: " + e.getMessage());
        }
    }

    /** Waits until {@code bundle}'s agent service shows {@value #STAGED}=false. */
    public boolean awaitUnstaged(Bundle bundle, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0) {
            Optional<ServiceReference<Agent>> ref = agentService(bundle);
            if (ref.isPresent() && Boolean.FALSE.equals(ref.get().getProperty(STAGED))) {
                return true;
            }
            pause();
        }
        return false;
    }

    /** Uninstalls and refreshes, and deletes the un-staging configuration: no trace stays. */
    public void uninstall(Bundle bundle, String componentName) {
        try {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        } catch (BundleException | IllegalStateException e) {
            // already gone
        }
        deleteConfiguration(componentName);
        refresh(bundle);
    }

    private void deleteConfiguration(String componentName) {
        try {
            Configuration[] cs = configAdmin.listConfigurations("(service.pid=" + componentName + ")");
            if (cs != null) {
                for (Configuration c : cs) {
                    c.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            // nothing to delete
        }
    }

    private void refresh(Bundle bundle) {
        FrameworkWiring fw = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        fw.refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown failure";
        }
        String line = s.lines().findFirst().orElse(s);
        // the failure text is a stack trace: keep the exception's message only
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
