package dev.autonomy.agents.component;

import dev.autonomy.agents.core.AgentCandidate;
import dev.autonomy.agents.core.AgentNames;
import dev.autonomy.agents.core.AgentSelection;
import dev.autonomy.agents.core.AgentConfig;
import dev.autonomy.agents.core.AgentSettings;
import dev.autonomy.agents.core.LatencySummary;
import dev.autonomy.agents.tool.AgentListTool;
import dev.autonomy.agents.tool.AgentRouteTool;
import dev.autonomy.agents.tool.AgentTool;
import dev.autonomy.agents.tool.AgentWorkflowTool;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.session.SessionEvents;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The {@link AgentRegistry}: collects the whiteboard of {@link Agent} services, keeps one active version per id
 * ({@link AgentSelection#selectActive}), and registers the tool {@code agent_<id>} of each active agent, and the
 * built-in tools {@code agent_list}, {@code agent_route} and {@code agent_workflow}. Bind methods only record what
 * changed; one thread ("agents-registry") reconciles the selection with the registered tools, so no service
 * registration ever happens inside a bind callback.
 *
 * <p>The built-in tools are registered here rather than as components of their own: they need the registry, and
 * the registry's creation creates the foundation (its {@link SessionEvents}), which binds every tool; as components
 * they would be asked for inside the registry's own creation, a cycle Declarative Services breaks by failing one.
 */
@Component(service = {AgentRegistry.class, AgentRegistryComponent.class}, immediate = true,
        configurationPid = AgentRegistryComponent.PID)
@Designate(ocd = AgentRegistryComponent.Config.class)
public final class AgentRegistryComponent implements AgentRegistry {

    public static final String PID = "dev.autonomy.agents";
    /** Service properties of each {@code agent_<id>} tool. */
    public static final String AGENT_ID_PROPERTY = "agent.id";
    public static final String AGENT_VERSION_PROPERTY = "agent.version";
    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistryComponent.class);

    @ObjectClassDefinition(name = "Agents", description = "Agent registry, routing by capability and workflows")
    public @interface Config {
        @AttributeDefinition(description = "List the agent_<id> tools to MCP clients. When false they are "
                + "registered hidden: agent_route and agent_workflow still reach every agent, clients see short "
                + "tool lists")
        boolean exposeAsTools() default true;

        @AttributeDefinition(description = "Seed of the routing random numbers; 0 = random. A fixed seed makes "
                + "routing repeatable (tests); each configuration update restarts the sequence")
        long routingSeed() default 0;

        @AttributeDefinition(description = "Most steps of one agent_workflow call (1..1000)")
        int maxWorkflowSteps() default 20;
    }

    /** An agent service (got by this bundle) and what it said about itself when it appeared. */
    private record Entry(AgentCandidate candidate, Agent agent, ServiceReference<Agent> ref) {
    }

    /** The tool registered for an active agent. */
    private record Served(AgentCandidate candidate, ServiceRegistration<Tool> registration, boolean hidden) {
    }

    private static final AgentSelection.Selection NONE = new AgentSelection.Selection(Map.of(), List.of(),
            List.of());

    private final BundleContext context;
    private final SessionEvents events;
    private final ToolInvoker invoker;
    private final long ownBundleId;
    private final ExecutorService reconciler;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Map<Long, ServiceReference<Agent>> agentRefs = new ConcurrentHashMap<>();
    private final Map<Long, ServiceReference<Tool>> toolRefs = new ConcurrentHashMap<>();
    private final Map<String, AgentStats> stats = new ConcurrentHashMap<>();
    // owned by the reconciler thread
    private final Map<Long, Entry> agents = new HashMap<>();
    private final Set<Long> undescribable = new HashSet<>();
    private final ForeignTools foreignTools = new ForeignTools();
    private final Map<String, Served> served = new HashMap<>();
    private final List<ServiceRegistration<Tool>> builtIns = new ArrayList<>();
    private final Set<Long> loggedRefusals = new HashSet<>();

    private volatile AgentSelection.Selection selection = NONE;
    private volatile AgentSettings settings;
    private volatile Random random;
    private volatile boolean closed;

    @Activate
    public AgentRegistryComponent(Map<String, Object> properties, BundleContext context, @Reference SessionEvents events,
                                  @Reference ToolInvoker invoker) {
        this.context = context;
        this.events = events;
        this.invoker = invoker;
        this.ownBundleId = context.getBundle().getBundleId();
        this.settings = settings(properties, AgentSettings.DEFAULTS);
        this.random = randomOf(settings.routingSeed());
        this.reconciler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agents-registry");
            t.setDaemon(true);
            return t;
        });
        LOG.info("Agent registry started (exposeAsTools={}, maxWorkflowSteps={})", settings.exposeAsTools(),
                settings.maxWorkflowSteps());
        schedule(); // registers the built-in tools
    }

    @Modified
    void modified(Map<String, Object> properties) {
        AgentSettings s = settings(properties, settings);
        settings = s;
        random = randomOf(s.routingSeed());
        LOG.info("Agents configuration updated (exposeAsTools={}, routingSeed {}, maxWorkflowSteps={})",
                s.exposeAsTools(), s.routingSeed() == 0 ? "random" : "fixed", s.maxWorkflowSteps());
        schedule();
    }

    /** Reads the configuration key by key; what was clamped or kept is logged, one line per key. */
    private static AgentSettings settings(Map<String, ?> properties, AgentSettings previous) {
        AgentConfig.Read read = AgentConfig.read(properties, previous);
        read.warnings().forEach(w -> LOG.warn("Configuration {}: {}", PID, w));
        return read.settings();
    }

    private static Random randomOf(long seed) {
        return seed == 0 ? new Random() : new Random(seed);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        closed = true;
        reconciler.shutdown();
        if (!reconciler.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Agent registry still reconciling after 10 s; stopping anyway");
        }
        builtIns.forEach(AgentRegistryComponent::unregister);
        builtIns.clear();
        for (Served s : served.values()) {
            unregister(s.registration());
            publish(SessionEventTypes.AGENT_UNREGISTERED, s.candidate());
        }
        served.clear();
        agents.values().forEach(e -> release(e.ref()));
        agents.clear();
        selection = NONE;
        LOG.info("Agent registry stopped");
    }

    // ------------------------------------------------------------------ whiteboard

    /*
     * The bind methods take service references only and never get a service: an agent or tool that depends on the
     * AgentRegistry (as the bundle's own tools do) would otherwise be created inside this component's creation, a
     * cycle that Declarative Services resolves by failing one of the two. The reconciler gets the services later,
     * on its own thread.
     */

    /**
     * Agents registered with {@code agent.staged=true} are left out until that property changes: a bundle (e.g. the
     * agent creator's) can probe its agent before anyone is routed to it.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(agent.staged=true))")
    void bindAgent(ServiceReference<Agent> ref) {
        agentRefs.put(serviceId(ref), ref);
        schedule();
    }

    void unbindAgent(ServiceReference<Agent> ref) {
        if (agentRefs.remove(serviceId(ref)) != null) {
            schedule();
        }
    }

    /** Tools of other bundles, so that no agent takes a tool name that is already in use. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTool(ServiceReference<Tool> ref) {
        if (ref.getBundle() != null && ref.getBundle().getBundleId() != ownBundleId) {
            toolRefs.put(serviceId(ref), ref);
            schedule();
        }
    }

    void unbindTool(ServiceReference<Tool> ref) {
        if (toolRefs.remove(serviceId(ref)) != null) {
            schedule();
        }
    }

    // ------------------------------------------------------------------ reconciliation

    /** Runs {@link #reconcile} soon on the registry's thread; a burst of changes is one run. */
    private void schedule() {
        if (closed || !pending.compareAndSet(false, true)) {
            return;
        }
        try {
            reconciler.execute(() -> {
                pending.set(false);
                try {
                    reconcile();
                } catch (RuntimeException e) {
                    LOG.error("Agent registry could not apply a change", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            pending.set(false);
        }
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        if (builtIns.isEmpty()) {
            registerBuiltIns();
        }
        boolean hidden = !settings.exposeAsTools();
        refreshAgents();
        foreignTools.refresh(Set.copyOf(toolRefs.keySet()), this::describeTool);
        Map<Long, Entry> entries = Map.copyOf(agents);
        AgentSelection.Selection next = AgentSelection.selectActive(
                entries.values().stream().map(Entry::candidate).toList(),
                foreignTools.reserved(served.keySet().stream().map(AgentNames::toolName).collect(Collectors.toSet())));
        logRefusals(next.refused());

        List<Served> retired = new ArrayList<>();
        List<AgentCandidate> registered = new ArrayList<>();
        List<AgentCandidate> unregistered = new ArrayList<>();
        for (AgentCandidate c : next.active().values()) {
            Served old = served.get(c.id());
            boolean sameService = old != null && old.candidate().serviceId() == c.serviceId();
            if (sameService && old.hidden() == hidden) {
                continue;
            }
            // The new tool is registered before the old one goes, so the name never disappears during an upgrade.
            Optional<Served> now = register(c, entries.get(c.serviceId()).agent(), hidden);
            if (now.isEmpty()) {
                continue;
            }
            served.put(c.id(), now.get());
            if (old != null) {
                retired.add(old);
            }
            if (!sameService) {
                registered.add(c);
                if (old == null) {
                    LOG.info("Agent {} {} registered as tool {}{}", c.id(), c.version(), AgentNames.toolName(c.id()),
                            hidden ? " (hidden)" : "");
                } else {
                    LOG.info("Agent {} {} replaces version {}", c.id(), c.version(), old.candidate().version());
                }
            }
        }
        for (Iterator<Map.Entry<String, Served>> it = served.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Served> e = it.next();
            if (!next.active().containsKey(e.getKey())) {
                retired.add(e.getValue());
                unregistered.add(e.getValue().candidate());
                it.remove();
                stats.remove(e.getKey());
                LOG.info("Agent {} {} unregistered", e.getKey(), e.getValue().candidate().version());
            }
        }
        // Readers (the router) see the new selection once the new tools exist and before the old ones go.
        selection = next;
        retired.forEach(r -> unregister(r.registration()));
        unregistered.forEach(c -> publish(SessionEventTypes.AGENT_UNREGISTERED, c));
        registered.forEach(c -> publish(SessionEventTypes.AGENT_REGISTERED, c));
    }

    /** Gets and describes agent services that appeared; releases those that went. */
    private void refreshAgents() {
        for (Iterator<Map.Entry<Long, Entry>> it = agents.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Entry> e = it.next();
            if (!agentRefs.containsKey(e.getKey())) {
                release(e.getValue().ref());
                it.remove();
            }
        }
        undescribable.retainAll(agentRefs.keySet());
        for (Map.Entry<Long, ServiceReference<Agent>> e : Map.copyOf(agentRefs).entrySet()) {
            if (agents.containsKey(e.getKey()) || undescribable.contains(e.getKey())) {
                continue;
            }
            ServiceReference<Agent> ref = e.getValue();
            Agent agent = get(ref);
            if (agent == null) {
                continue; // gone meanwhile, or its component failed to activate (DS logged why)
            }
            try {
                agents.put(e.getKey(), new Entry(new AgentCandidate(agent.id(), agent.version(), agent.description(),
                        agent.capabilities(), e.getKey(), ranking(ref), ref.getBundle().getBundleId()), agent, ref));
            } catch (RuntimeException | LinkageError failure) {
                undescribable.add(e.getKey());
                release(ref);
                LOG.error("Agent service {} of bundle {} failed to describe itself (id, version, capabilities); "
                        + "ignored", e.getKey(), bundleName(ref), failure);
            }
        }
    }

    /** The tool of service {@code id}, if it can be had now; it is released at once (only its name counts). */
    private Optional<ForeignTools.ForeignTool> describeTool(long id) {
        ServiceReference<Tool> ref = toolRefs.get(id);
        Tool tool = ref == null ? null : get(ref);
        if (tool == null) {
            return Optional.empty();
        }
        String name = null;
        try {
            name = tool.name();
        } catch (RuntimeException | LinkageError ignored) {
            // the foundation logs a tool that cannot name itself and ignores it; so do we
        } finally {
            release(ref);
        }
        return Optional.of(ForeignTools.ForeignTool.of(name, bundleName(ref)));
    }

    private <T> T get(ServiceReference<T> ref) {
        try {
            return context.getService(ref);
        } catch (IllegalStateException | IllegalArgumentException stoppingOrGone) {
            return null;
        }
    }

    private void release(ServiceReference<?> ref) {
        try {
            context.ungetService(ref);
        } catch (IllegalStateException | IllegalArgumentException stoppingOrGone) {
            // nothing to release
        }
    }

    private void logRefusals(List<AgentSelection.Refusal> refused) {
        Set<Long> now = new HashSet<>();
        for (AgentSelection.Refusal r : refused) {
            now.add(r.serviceId());
            if (loggedRefusals.add(r.serviceId())) {
                LOG.error("Agent '{}' {} (service {}) refused: {}", r.id(), r.version(), r.serviceId(), r.reason());
            }
        }
        loggedRefusals.retainAll(now);
    }

    private Optional<Served> register(AgentCandidate c, Agent agent, boolean hidden) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Tool.HIDDEN, hidden);
        props.put(AGENT_ID_PROPERTY, c.id());
        props.put(AGENT_VERSION_PROPERTY, c.version());
        AgentStats s = stats.computeIfAbsent(c.id(), k -> new AgentStats());
        try {
            return Optional.of(new Served(c, context.registerService(Tool.class, new AgentTool(c, agent, s), props),
                    hidden));
        } catch (IllegalStateException stopping) {
            return Optional.empty(); // the bundle is stopping
        }
    }

    private void registerBuiltIns() {
        for (Tool t : List.of(new AgentListTool(this, this::refused, () -> settings.exposeAsTools()),
                new AgentRouteTool(this, events, invoker, this::nextUniform),
                new AgentWorkflowTool(invoker, () -> settings.maxWorkflowSteps()))) {
            try {
                builtIns.add(context.registerService(Tool.class, t, new Hashtable<>(Map.of(Tool.HIDDEN, false))));
            } catch (IllegalStateException stopping) {
                return;
            }
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // unregistered with the bundle
        }
    }

    private void publish(String type, AgentCandidate c) {
        events.publish(SessionEvent.of(type, "", Instant.now(), Map.of(SessionEventTypes.AGENT_ID, c.id(),
                SessionEventTypes.VERSION, c.version(), SessionEventTypes.CAPABILITIES, c.capabilityNames())));
    }

    // ------------------------------------------------------------------ AgentRegistry and the bundle's tools

    @Override
    public List<AgentInfo> agents() {
        return selection.active().values().stream().map(this::info).toList();
    }

    @Override
    public Optional<AgentInfo> agent(String id) {
        return Optional.ofNullable(selection.active().get(id)).map(this::info);
    }

    @Override
    public List<AgentInfo> providersOf(String capability) {
        return selection.active().values().stream().filter(c -> c.offers(capability)).map(this::info).toList();
    }

    /** Agent services that cannot serve, and why. */
    public List<AgentSelection.Refusal> refused() {
        return selection.refused();
    }

    /** A uniform random number in [0, 1) for routing, from the configured seed. */
    private double nextUniform() {
        return random.nextDouble();
    }

    private AgentInfo info(AgentCandidate c) {
        AgentStats s = stats.get(c.id());
        return new AgentInfo(c.id(), c.version(), c.description(), c.capabilities(), c.bundleId(),
                (s == null ? LatencySummary.EMPTY : s.summary()).toMap());
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static int ranking(ServiceReference<?> ref) {
        Object r = ref.getProperty(Constants.SERVICE_RANKING);
        return r instanceof Integer ? (Integer) r : 0;
    }

    private static String bundleName(ServiceReference<?> ref) {
        return ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
    }
}
