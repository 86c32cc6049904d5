package dev.autonomy.mcp.component;

import dev.autonomy.mcp.core.Readiness;
import dev.autonomy.mcp.core.ServerConfig;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Tells the transports when the container has finished starting ({@link Readiness}): until then stdio reads no
 * request and HTTP answers 503. Gathers the bundles' and components' states every {@value #POLL_MS} ms and counts
 * bundle and service events; once ready it stays ready (bundles coming and going later are the whiteboard's
 * business, announced with {@code notifications/tools/list_changed}).
 *
 * <p>The launcher tells what {@code deploy/} held at launch through two framework properties,
 * {@value #LAUNCH_DEPLOYED} (symbolic names, comma-separated) and {@value #LAUNCH_TIME} (epoch milliseconds).
 */
@Component(service = ReadinessTracker.class, immediate = true, configurationPid = FoundationComponent.PID)
public final class ReadinessTracker {

    public static final String LAUNCH_DEPLOYED = "dev.autonomy.launch.deployed";
    public static final String LAUNCH_TIME = "dev.autonomy.launch.time";
    static final long POLL_MS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessTracker.class);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Readiness.Launch launch;
    private final long startNanos = System.nanoTime();
    private final AtomicLong events = new AtomicLong();
    private final ServiceListener serviceListener = (AllServiceListener) e -> events.incrementAndGet();
    private final BundleListener bundleListener = e -> events.incrementAndGet();
    private final ScheduledExecutorService poller;
    private final List<Runnable> whenReady = new ArrayList<>();
    private volatile Readiness.Settings settings;
    private volatile boolean ready;
    // poller thread only
    private Readiness.Snapshot last;
    private long lastEvents = -1;
    private long lastChangeNanos;
    private List<String> lastPending = List.of();

    @Activate
    public ReadinessTracker(Map<String, Object> properties, BundleContext context,
                            @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.launch = launch(context);
        this.settings = settings(properties, Readiness.Settings.DEFAULTS);
        context.addServiceListener(serviceListener);
        context.addBundleListener(bundleListener);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-readiness");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        settings = settings(properties, settings);
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
        stopListening();
    }

    /** Whether the server may serve clients. */
    public boolean isReady() {
        return ready;
    }

    /** Runs {@code action} once the server may serve: now if it may, else on the readiness thread. */
    public void whenReady(Runnable action) {
        synchronized (whenReady) {
            if (!ready) {
                whenReady.add(action);
                return;
            }
        }
        action.run();
    }

    /** Reads {@code readyTimeoutSeconds}; a value clamped or kept is logged. */
    private static Readiness.Settings settings(Map<String, ?> properties, Readiness.Settings previous) {
        ServerConfig.Read<Readiness.Settings> read = ServerConfig.readiness(properties, previous);
        read.warnings().forEach(w -> LOG.warn("Configuration {}: {}", FoundationComponent.PID, w));
        return read.settings();
    }

    private static Readiness.Launch launch(BundleContext context) {
        String deployed = context.getProperty(LAUNCH_DEPLOYED);
        String time = context.getProperty(LAUNCH_TIME);
        if (deployed == null || time == null) {
            return Readiness.Launch.NONE;
        }
        try {
            Set<String> names = Arrays.stream(deployed.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toSet());
            return new Readiness.Launch(names, Long.parseLong(time.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring {}={}: not a number", LAUNCH_TIME, time);
            return Readiness.Launch.NONE;
        }
    }

    private void poll() {
        if (ready) {
            return;
        }
        try {
            long now = System.nanoTime();
            long n = events.get();
            Readiness.Snapshot s = snapshot();
            if (n != lastEvents || !s.equals(last)) {
                last = s;
                lastEvents = n;
                lastChangeNanos = now;
            }
            Readiness.Settings current = settings;
            Readiness.Verdict v = Readiness.decide(s, launch, Duration.ofNanos(now - startNanos),
                    Duration.ofNanos(now - lastChangeNanos), current);
            if (!v.serving()) {
                if (LOG.isDebugEnabled() && !v.pending().equals(lastPending)) {
                    lastPending = v.pending();
                    LOG.debug("Starting, {} ms: waiting for {}", (now - startNanos) / 1_000_000, lastPending);
                }
                return;
            }
            if (v.status() == Readiness.Status.READY) {
                LOG.info("MCP server ready ({} ms after the foundation started)", (now - startNanos) / 1_000_000);
            } else if (current.timeLimit().isZero()) {
                LOG.info("MCP server serving without waiting for start-up (readyTimeoutSeconds=0)");
            } else {
                LOG.warn("MCP server serving although start-up is not complete after {} s (readyTimeoutSeconds in "
                        + "{}); still waiting for: {}", current.timeLimit().toSeconds(), FoundationComponent.PID,
                        String.join(", ", v.pending()));
            }
            markReady();
        } catch (RuntimeException e) {
            // A bundle vanished while being read, or the framework is stopping: try again at the next poll.
            LOG.debug("readiness poll: {}", e.toString());
        }
    }

    private void markReady() {
        List<Runnable> actions;
        synchronized (whenReady) {
            ready = true;
            actions = List.copyOf(whenReady);
            whenReady.clear();
        }
        stopListening();
        poller.shutdown();
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                LOG.error("Starting a transport once ready failed", e);
            }
        }
    }

    private void stopListening() {
        try {
            context.removeServiceListener(serviceListener);
            context.removeBundleListener(bundleListener);
        } catch (IllegalStateException stopping) {
            // the bundle is stopping: its listeners go with it
        }
    }

    private Readiness.Snapshot snapshot() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        FrameworkStartLevel fsl = system.adapt(FrameworkStartLevel.class);
        List<Readiness.BundleRecord> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            Readiness.BundleState state = state(b.getState());
            BundleRevision revision = b.adapt(BundleRevision.class);
            BundleStartLevel bsl = b.adapt(BundleStartLevel.class);
            if (state == null || revision == null || bsl == null) {
                continue; // uninstalled meanwhile
            }
            String policy = b.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY);
            bundles.add(new Readiness.BundleRecord(b.getBundleId(), b.getSymbolicName(), state,
                    (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0,
                    policy != null && policy.trim().startsWith(Constants.ACTIVATION_LAZY),
                    b.getBundleId() == 0 || bsl.isPersistentlyStarted(), bsl.getStartLevel(), b.getLastModified()));
        }
        List<Readiness.ComponentRecord> components = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            boolean factory = d.factory != null;
            boolean required = "require".equals(d.configurationPolicy);
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty()) {
                components.add(new Readiness.ComponentRecord(d.bundle.id, d.name, Readiness.ComponentState.NONE,
                        d.immediate, factory, required));
            }
            for (ComponentConfigurationDTO c : configurations) {
                components.add(new Readiness.ComponentRecord(d.bundle.id, d.name, state(c), d.immediate, factory,
                        required));
            }
        }
        return new Readiness.Snapshot(system.getState() == Bundle.ACTIVE, fsl.getStartLevel(), bundles,
                components);
    }

    private static Readiness.BundleState state(int osgi) {
        return switch (osgi) {
            case Bundle.INSTALLED -> Readiness.BundleState.INSTALLED;
            case Bundle.RESOLVED -> Readiness.BundleState.RESOLVED;
            case Bundle.STARTING -> Readiness.BundleState.STARTING;
            case Bundle.STOPPING -> Readiness.BundleState.STOPPING;
            case Bundle.ACTIVE -> Readiness.BundleState.ACTIVE;
            default -> null;
        };
    }

    private static Readiness.ComponentState state(ComponentConfigurationDTO c) {
        return switch (c.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION ->
                    Readiness.ComponentState.UNSATISFIED_CONFIGURATION;
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE ->
                    Readiness.ComponentState.UNSATISFIED_REFERENCE;
            case ComponentConfigurationDTO.SATISFIED -> Readiness.ComponentState.SATISFIED;
            case ComponentConfigurationDTO.ACTIVE -> Readiness.ComponentState.ACTIVE;
            default -> Readiness.ComponentState.FAILED_ACTIVATION;
        };
    }
}
