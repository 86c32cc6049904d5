package dev.autonomy.control.component;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorConfig;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.Retention;
import dev.autonomy.control.store.MvJournal;
import dev.autonomy.control.engine.Governor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link AutonomyGovernor} service: configuration (PID {@value #PID}) becomes validated settings, the whiteboard
 * of {@link ActionExecutor}s and {@link AutonomousCapability}s feeds the {@link Governor}, and a sweeper ends
 * leases and expires orphaned proposals while nothing else happens.
 */
@Component(service = {AutonomyGovernor.class, GovernorComponent.class}, immediate = true,
        configurationPid = GovernorComponent.PID)
@Designate(ocd = GovernorComponent.Config.class)
public final class GovernorComponent implements AutonomyGovernor {

    public static final String PID = "dev.autonomy.governor";
    private static final Logger LOG = LoggerFactory.getLogger(GovernorComponent.class);

    @ObjectClassDefinition(name = "Autonomy governor", description = "Modes, budgets, leases and runaway detection "
            + "for every autonomous action")
    public @interface Config {
        @AttributeDefinition(description = "Mode of actions no key of 'modes' matches: off, suggest (queued for a "
                + "person's approval) or auto")
        String defaultMode() default "suggest";

        @AttributeDefinition(description = "Modes by key <capability>[.<kind>] as key=mode; the most specific "
                + "matching key wins")
        String[] modes() default {"learning.routing=auto"};

        @AttributeDefinition(description = "Action budgets per hour by key <capability>[.<kind>] as key=N; the most "
                + "specific matching key wins")
        String[] actionsPerHour() default {};

        @AttributeDefinition(description = "Actions per hour of a capability no key of 'actionsPerHour' matches")
        int defaultActionsPerHour() default 20;

        @AttributeDefinition(description = "Agents created per hour (actions of kind agent.create), all together")
        int agentsPerHour() default 10;

        @AttributeDefinition(description = "Applied reversible actions still under validation, at once")
        int maxConcurrentExperiments() default 5;

        @AttributeDefinition(description = "Actions per hour, all capabilities together")
        int globalActionsPerHour() default 100;

        @AttributeDefinition(description = "How long an applied reversible action holds its target at most (s)")
        long leaseSeconds() default 600;

        @AttributeDefinition(description = "How long an experiment may hold its target at most, counted from when "
                + "it was applied, when it renews its lease by reporting new evidence (s)")
        long maxLeaseSeconds() default GovernorSettings.DEFAULT_MAX_LEASE_SECONDS;

        @AttributeDefinition(description = "Window of runaway detection (min)")
        long runawayWindowMinutes() default 60;

        @AttributeDefinition(description = "Rollbacks of one target within the window that pause its capability")
        int runawayRollbacks() default 3;

        @AttributeDefinition(description = "Validations in a row without gain that pause a capability")
        int noGainLimit() default 5;

        @AttributeDefinition(description = "Hours a queued proposal waits for its owner (executor) to come back")
        long proposalTtlHours() default 24;

        @AttributeDefinition(description = "Days the audit journal keeps an entry (entries of proposals still "
                + "queued, applied or answered by state(id) stay)")
        int auditRetentionDays() default 365;

        @AttributeDefinition(description = "Entries the audit journal keeps at most, the oldest going first")
        long auditMaxEntries() default 1_000_000;
    }

    /** Entries one sweep looks at, at most, when it prunes the journal. */
    private static final int PRUNE_BUDGET = 10_000;
    /** The journal is pruned at every this many sweeps (a sweep a second). */
    private static final int PRUNE_EVERY_SWEEPS = 60;

    /** An executor service with its capability and ranking. */
    private record ExecutorRef(String capability, int ranking, long serviceId, ActionExecutor executor) {
    }

    private final Governor governor;
    private final MvJournal journal;
    private volatile Retention retention;
    /** Sweeps so far; the sweeper thread's alone. */
    private long sweeps;
    private final BundleContext context;
    private final ScheduledExecutorService sweeper;
    private final Map<Long, ExecutorRef> executors = new ConcurrentHashMap<>();
    private final Map<Long, AutonomousCapability> capabilities = new ConcurrentHashMap<>();
    private final Map<Long, ServiceReference<AutonomousCapability>> capabilityRefs = new ConcurrentHashMap<>();

    @Activate
    public GovernorComponent(Map<String, Object> properties, BundleContext context,
                             @Reference StoreComponent store) {
        this.context = context;
        GovernorConfig.Read read = read(properties, GovernorSettings.DEFAULTS, Retention.DEFAULTS);
        GovernorSettings settings = read.settings();
        this.journal = store.database().journal();
        this.retention = read.retention();
        this.governor = new Governor(Clock.systemUTC(), store.database().state(), store.database().journal(),
                this::capabilityServices, settings);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "autonomy-governor-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        LOG.info("Governor started: default mode {}, modes {}, {}", settings.defaultMode(), settings.modes(),
                governor.isHalted() ? "HALTED" : "running");
    }

    @Modified
    void modified(Map<String, Object> properties) {
        GovernorConfig.Read read = read(properties, governor.settings(), retention);
        governor.update(read.settings());
        retention = read.retention();
        LOG.info("Governor configuration updated");
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        try {
            governor.sweep();
            if (sweeps++ % PRUNE_EVERY_SWEEPS == 0) { // retention is counted in days: once a minute is plenty
                Retention r = retention;
                journal.prune(r.cutoff(governor.currentTime()), r.maxEntries(), governor::needs, PRUNE_BUDGET);
            }
        } catch (RuntimeException e) {
            LOG.error("Governor housekeeping failed", e);
        }
    }

    /** Reads the configuration key by key; what was clamped or kept is logged, one line per key. */
    static GovernorConfig.Read read(Map<String, ?> properties, GovernorSettings previous, Retention retention) {
        GovernorConfig.Read read = GovernorConfig.read(properties, previous, retention);
        read.warnings().forEach(w -> LOG.warn("Configuration {}: {}", PID, w));
        return read;
    }

    public Governor governor() {
        return governor;
    }

    // ------------------------------------------------------------------ whiteboard

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindExecutor(ServiceReference<ActionExecutor> ref, ActionExecutor executor) {
        Object cap = ref.getProperty(ActionExecutor.CAPABILITY);
        if (!(cap instanceof String) || ((String) cap).isBlank()) {
            LOG.warn("Ignoring an ActionExecutor of bundle {} without the service property {}",
                    ref.getBundle().getSymbolicName(), ActionExecutor.CAPABILITY);
            return;
        }
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        executors.put(id, new ExecutorRef((String) cap, ranking(ref), id, executor));
        publishExecutors();
    }

    void unbindExecutor(ServiceReference<ActionExecutor> ref) {
        if (executors.remove((Long) ref.getProperty(Constants.SERVICE_ID)) != null) {
            publishExecutors();
        }
    }

    private synchronized void publishExecutors() {
        Map<String, ExecutorRef> best = new HashMap<>();
        for (ExecutorRef e : executors.values()) {
            best.merge(e.capability(), e, (a, b) -> a.ranking() != b.ranking()
                    ? (a.ranking() > b.ranking() ? a : b) : (a.serviceId() < b.serviceId() ? a : b));
        }
        Map<String, ActionExecutor> current = new HashMap<>();
        best.forEach((k, v) -> current.put(k, v.executor()));
        governor.executors(current);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCapability(ServiceReference<AutonomousCapability> ref, AutonomousCapability capability) {
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        capabilities.put(id, capability);
        capabilityRefs.put(id, ref);
        governor.capabilityAdded(capability);
    }

    void unbindCapability(ServiceReference<AutonomousCapability> ref) {
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        capabilities.remove(id);
        capabilityRefs.remove(id);
    }

    private Collection<AutonomousCapability> capabilityServices() {
        return List.copyOf(capabilities.values());
    }

    /** The capability services present, by name (from the service property, else {@code name()}). */
    public Map<String, CapabilityService> capabilityServicesByName() {
        Map<String, CapabilityService> out = new TreeMap<>();
        capabilities.forEach((id, c) -> {
            ServiceReference<AutonomousCapability> ref = capabilityRefs.get(id);
            if (ref == null) {
                return;
            }
            Object n = ref.getProperty(AutonomousCapability.NAME);
            String name;
            try {
                name = n instanceof String ? (String) n : c.name();
            } catch (RuntimeException e) {
                name = "service-" + id;
            }
            out.putIfAbsent(name, new CapabilityService(name, c, Optional.ofNullable(ref.getBundle())));
        });
        return out;
    }

    /** A capability service and the bundle that registered it. */
    public record CapabilityService(String name, AutonomousCapability service, Optional<Bundle> bundle) {
    }

    private static int ranking(ServiceReference<?> ref) {
        Object r = ref.getProperty(Constants.SERVICE_RANKING);
        return r instanceof Integer ? (Integer) r : 0;
    }

    /** Bundles declaring a capability in their manifest, by capability name (found whatever their state). */
    public static Map<String, Bundle> capabilityBundles(BundleContext context) {
        Map<String, Bundle> out = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            String h = b.getHeaders("").get(AutonomousCapability.BUNDLE_HEADER);
            if (h != null) {
                for (String name : h.split(",")) {
                    if (!name.isBlank()) {
                        out.putIfAbsent(name.trim(), b);
                    }
                }
            }
        }
        return out;
    }

    /** Bundles declaring a capability in their manifest, by capability name. */
    public Map<String, Bundle> capabilityBundles() {
        return capabilityBundles(context);
    }

    /**
     * Every capability known by its bundle header or its service: name, bundle, bundle state, mode, paused and its
     * own status figures (JSON values).
     */
    public List<Map<String, Object>> capabilityViews() {
        Map<String, Bundle> bundles = capabilityBundles(context);
        Map<String, CapabilityService> services = capabilityServicesByName();
        java.util.SortedSet<String> names = new java.util.TreeSet<>(bundles.keySet());
        names.addAll(services.keySet());
        Map<String, String> paused = governor.pausedCapabilities();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names) {
            Optional<Bundle> b = Optional.ofNullable(bundles.get(name))
                    .or(() -> services.get(name).bundle());
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", name);
            m.put("bundle", b.map(Bundle::getSymbolicName).orElse(""));
            m.put("bundleState", b.map(x -> state(x.getState())).orElse(""));
            m.put("mode", governor.mode(name, "").toString());
            m.put("paused", paused.containsKey(name));
            if (paused.containsKey(name)) {
                m.put("pausedBecause", paused.get(name));
            }
            CapabilityService svc = services.get(name);
            Map<String, Object> status = Map.of();
            if (svc != null) {
                try {
                    status = dev.autonomy.foundation.api.value.JsonValues.immutableObject(svc.service().status());
                } catch (RuntimeException e) {
                    LOG.warn("Capability {} failed to report its status", name, e);
                    status = Map.of("error", "status unavailable");
                }
            }
            m.put("status", status);
            out.add(m);
        }
        return out;
    }

    /** A bundle state as the shell shows it. */
    public static String state(int state) {
        switch (state) {
            case Bundle.ACTIVE:
                return "Active";
            case Bundle.RESOLVED:
                return "Resolved";
            case Bundle.INSTALLED:
                return "Installed";
            case Bundle.STARTING:
                return "Starting";
            case Bundle.STOPPING:
                return "Stopping";
            default:
                return "Uninstalled";
        }
    }

    // ------------------------------------------------------------------ AutonomyGovernor

    @Override
    public Decision submit(ProposedAction action) {
        return governor.submit(action);
    }

    @Override
    public void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence, boolean done) {
        governor.reportValidation(proposalId, improved, evidence, done);
    }

    @Override
    public ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        return governor.rollback(proposalId, reason, actor);
    }

    @Override
    public Optional<ActionState> state(String proposalId) {
        return governor.state(proposalId);
    }

    @Override
    public void release(String proposalId) {
        governor.release(proposalId);
    }

    @Override
    public Mode mode(String capability, String kind) {
        return governor.mode(capability, kind);
    }

    @Override
    public boolean isHalted() {
        return governor.isHalted();
    }

    @Override
    public boolean withdraw(String proposalId, String reason) {
        return governor.withdraw(proposalId, reason);
    }

    @Override
    public List<ProposedAction> pending() {
        return governor.pending();
    }

    @Override
    public Optional<ProposedAction> proposal(String proposalId) {
        return governor.proposal(proposalId);
    }

    @Override
    public void halt(String reason, Actor actor) {
        governor.halt(reason, actor);
    }
}
