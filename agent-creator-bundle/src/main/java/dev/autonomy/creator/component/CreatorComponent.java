package dev.autonomy.creator.component;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.creator.build.AgentBuilder;
import dev.autonomy.creator.deploy.AgentDeployer;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.deploy.BundleDeployment;
import dev.autonomy.creator.pipeline.CreatorConfig;
import dev.autonomy.creator.pipeline.CreatorSettings;
import dev.autonomy.creator.propose.Collaborators;
import dev.autonomy.creator.propose.CreationActions;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.session.SessionEvents;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Plugin 2 as Declarative Services see it: one component that is the capability ({@value CreationActions#CAPABILITY}),
 * its action executor, a {@link Plugin} (requests for capabilities nobody offers carry a creation opportunity), a
 * {@link ContextAdapter} ({@code dynamic_agent_context}) and an {@link EventHandler} ({@code capability_gap}).
 * The work is {@link Creator}'s; this class wires it and stays thin.
 */
@Component(service = {CreatorComponent.class, AutonomousCapability.class, ActionExecutor.class, Plugin.class,
        ContextAdapter.class, EventHandler.class}, immediate = true,
        configurationPid = CreatorComponent.PID,
        // AutonomousCapability.NAME and ActionExecutor.CAPABILITY are the same key, autonomy.capability
        property = {AutonomousCapability.NAME + "=" + CreationActions.CAPABILITY,
                Plugin.NAME + "=agent-creator",
                EventHandler.EVENT_TYPES + "=" + SessionEventTypes.CAPABILITY_GAP,
                EventHandler.EVENT_TYPES + "=" + SessionEventTypes.SESSION_STARTED,
                EventHandler.EVENT_TYPES + "=" + SessionEventTypes.SESSION_ENDED,
                EventHandler.QUEUE_CAPACITY + ":Integer=256"})
@Designate(ocd = CreatorComponent.Config.class)
public final class CreatorComponent implements AutonomousCapability, ActionExecutor, Plugin, ContextAdapter,
        EventHandler {

    public static final String PID = "dev.autonomy.agent.creator";
    public static final String EXTENSION = "dynamic_agent_context";

    @ObjectClassDefinition(name = "Agent creator", description = "Dynamic agent creation: builds, checks, tests and "
            + "deploys agent bundles, every deployment through the governor")
    public @interface Config {
        @AttributeDefinition(description = "Design agents for composable capability gaps by itself (each design is a "
                + "governed proposal; mode key agent-creation.agent.create.gap)")
        boolean designFromGaps() default true;

        @AttributeDefinition(description = "Accept Java source from MCP clients (agent_create {source}); this runs "
                + "a client's code in the server, checked and time-limited: enable only with an HTTP token")
        boolean allowClientSource() default false;

        @AttributeDefinition(description = "Largest client source accepted, in bytes")
        int maxSourceBytes() default 65_536;

        @AttributeDefinition(description = "Client-source builds per hour, failures included")
        int sourceAttemptsPerHour() default 5;

        @AttributeDefinition(description = "How long a generated agent may take to become active (ms)")
        long activationTimeoutMs() default 5_000;

        @AttributeDefinition(description = "How long one of an agent's own tests may run (ms)")
        long testTimeoutMs() default 2_000;

        @AttributeDefinition(description = "Backstop time limit of one agent call compiled into generated code "
                + "(ms); the tool timeout of the foundation normally ends a call first")
        long callTimeoutMs() default 60_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CreatorComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AutonomyGovernor governor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgentRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionEvents events;

    private final Creator creator;
    private final ThreadPoolExecutor worker;
    private final Map<String, Boolean> composableCache = new ConcurrentHashMap<>();
    private volatile long composableCacheAt;
    private volatile Map<String, Object> contextSnapshot = Map.of();
    /** The transport of each open client session, from session events (bounded). */
    private final Map<String, String> transports = new ConcurrentHashMap<>();
    private final ConfigurationAdmin configAdmin;
    private volatile long contextSnapshotAt;

    @Activate
    public CreatorComponent(Map<String, Object> properties, BundleContext context, @Reference ServiceComponentRuntime scr,
                            @Reference ConfigurationAdmin configAdmin, @Reference ToolInvoker tools)
            throws IOException {
        String data = context.getProperty("autonomy.data");
        Path dataDir = data == null ? context.getDataFile("").toPath() : Path.of(data);
        BundleWiring wiring = context.getBundle().adapt(BundleWiring.class);
        Map<String, String> versions = BuilderWiring.apiImportRanges(wiring);
        AgentBuilder builder = BuilderWiring.builder(context, wiring, versions);
        AgentStore store = new AgentStore(dataDir);
        creator = new Creator(Clock.systemUTC(), store, builder::build, new BundleDeployment(context, store,
                new AgentDeployer(context, scr, configAdmin), () -> registry), new Collaborators(() -> governor,
                () -> registry, () -> events, new ToolProviders(context), tools), settings(properties, CreatorSettings.DEFAULTS));
        this.configAdmin = configAdmin;
        creator.sourceGate(this::sourceRefusal);
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64),
                r -> {
                    Thread t = new Thread(r, "agent-creator");
                    t.setPriority(Thread.MIN_PRIORITY); // background work: never ahead of requests
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
        worker.execute(creator::reconcile);
        worker.execute(creator::warmUp);
        LOG.info("Agent creator started (data {}, API packages {})", dataDir, versions.keySet());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        creator.settings(settings(properties, creator.settings()));
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    public Creator creator() {
        return creator;
    }

    /** Runs {@code task} on the creator's own thread (gap designs, validation reports). */
    void background(Runnable task) {
        worker.execute(task);
    }

    // ------------------------------------------------------------------ AutonomousCapability

    @Override
    public String name() {
        return CreationActions.CAPABILITY;
    }

    @Override
    public Map<String, Object> status() {
        return creator.status();
    }

    @Override
    public void halt() {
        creator.halt();
    }

    @Override
    public void resume() {
        creator.resume();
    }

    // ------------------------------------------------------------------ ActionExecutor

    @Override
    public ExecutionResult apply(ProposedAction action) throws Exception {
        ExecutionResult r = creator.apply(action);
        if (r.success()) {
            reportValidated(action, r);
        }
        return r;
    }

    @Override
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws Exception {
        return creator.rollback(action, applied);
    }

    /**
     * The probe passed before the agent served: tell the governor the change is validated and done, which frees
     * the target for the next change (a removal, a new revision). The governor records an application after the
     * executor returns, so the report waits for that on the creator's thread.
     */
    private void reportValidated(ProposedAction action, ExecutionResult r) {
        worker.execute(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() - deadline < 0) {
                AutonomyGovernor g = governor;
                if (g == null || creator.reportValidated(g, action.id(), r)) {
                    return;
                }
                try {
                    Thread.sleep(5); // the governor records the application right after apply() returns
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    // ------------------------------------------------------------------ EventHandler

    @Override
    public Optional<SessionEvent> handleEvent(SessionEvent event) {
        if (SessionEventTypes.SESSION_STARTED.equals(event.type())) {
            if (transports.size() < 10_000) {
                transports.put(event.sessionId(), String.valueOf(event.data().get(SessionEventTypes.TRANSPORT)));
            }
            return Optional.empty();
        }
        if (SessionEventTypes.SESSION_ENDED.equals(event.type())) {
            transports.remove(event.sessionId());
            return Optional.empty();
        }
        Object capability = event.data().get(SessionEventTypes.CAPABILITY);
        if (capability instanceof String) {
            Object shape = event.data().get(SessionEventTypes.INPUT_SHAPE);
            @SuppressWarnings("unchecked")
            Map<String, Object> inputShape = shape instanceof Map ? (Map<String, Object>) shape : Map.of();
            creator.onGap((String) capability, inputShape).ifPresent(worker::execute);
        }
        return Optional.empty();
    }

    /**
     * Client source runs a client's code in the server: only from stdio clients (the operator started them), from
     * HTTP when a bearer token guards it, or from bundles inside the container (internal sessions).
     */
    private Optional<String> sourceRefusal(String sessionId) {
        if (sessionId.startsWith("internal:")) {
            return Optional.empty();
        }
        String transport = transports.get(sessionId);
        if ("stdio".equals(transport)) {
            return Optional.empty();
        }
        if (httpTokenConfigured()) {
            return Optional.empty();
        }
        return Optional.of("client source is accepted over HTTP only when a bearer token protects it "
                + "(bearerToken in etc/dev.autonomy.mcp.http.cfg), or from stdio clients");
    }

    private boolean httpTokenConfigured() {
        try {
            org.osgi.service.cm.Configuration[] cs = configAdmin.listConfigurations(
                    "(service.pid=dev.autonomy.mcp.http)");
            if (cs != null) {
                for (org.osgi.service.cm.Configuration c : cs) {
                    Object token = c.getProperties() == null ? null : c.getProperties().get("bearerToken");
                    if (token != null && !String.valueOf(token).isBlank()) {
                        return true;
                    }
                }
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException | RuntimeException e) {
            LOG.warn("Could not read the HTTP configuration: {}", e.toString());
        }
        return false;
    }

    // ------------------------------------------------------------------ Plugin

    @Override
    public Optional<Enhancement> process(McpRequest request) {
        if (!"agent_route".equals(request.toolName())) {
            return Optional.empty();
        }
        Object capability = request.arguments().get("capability");
        if (!(capability instanceof String) || creator.covered((String) capability)) {
            return Optional.empty();
        }
        String c = (String) capability;
        long now = System.nanoTime();
        if (now - composableCacheAt > TimeUnit.SECONDS.toNanos(5)) {
            composableCache.clear();
            composableCacheAt = now;
        }
        boolean composable = composableCache.computeIfAbsent(c, creator::composable);
        Map<String, Object> opportunity = new LinkedHashMap<>();
        opportunity.put("capability", c);
        opportunity.put("composable", composable);
        opportunity.put("hint", composable
                ? "the agent creator can design an agent for it (agent:generate " + c + ", or approve its proposal)"
                : "no agent offers it; create one with agent_create {spec}");
        return Optional.of(Enhancement.metadata("agent-creator", Map.of("creationOpportunity", opportunity)));
    }

    // ------------------------------------------------------------------ ContextAdapter

    @Override
    public Context adaptContext(Context base) {
        long now = System.nanoTime();
        if (now - contextSnapshotAt > TimeUnit.SECONDS.toNanos(1)) {
            contextSnapshot = creator.contextExtension(); // a second old at most: adapters run on every call
            contextSnapshotAt = now;
        }
        return base.withExtension(EXTENSION, contextSnapshot);
    }

    // ------------------------------------------------------------------ wiring helpers

    /** Reads the configuration key by key; what was clamped or kept is logged, one line per key. */
    private static CreatorSettings settings(Map<String, ?> properties, CreatorSettings previous) {
        CreatorConfig.Read read = CreatorConfig.read(properties, previous);
        read.warnings().forEach(w -> LOG.warn("Configuration {}: {}", PID, w));
        return read.settings();
    }
}
