package dev.autonomy.mcp.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEvents;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.mcp.core.ServerConfig;
import dev.autonomy.mcp.core.ServerSettings;
import dev.autonomy.mcp.engine.Engine;
import dev.autonomy.mcp.engine.EventBus;
import dev.autonomy.mcp.engine.RegisteredTool;
import dev.autonomy.mcp.protocol.McpProtocol;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
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
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The foundation's heart: owns the {@link Engine} and the protocol, and collects the whiteboard of tools, plugins,
 * context adapters and event handlers. Transports, the invoker and the status tool reach it through this service.
 */
@Component(service = {FoundationComponent.class, SessionEvents.class}, immediate = true,
        configurationPid = FoundationComponent.PID)
@Designate(ocd = FoundationComponent.Config.class)
public final class FoundationComponent implements SessionEvents {

    public static final String PID = "dev.autonomy.mcp";
    private static final Logger LOG = LoggerFactory.getLogger(FoundationComponent.class);

    @ObjectClassDefinition(name = "MCP server", description = "The MCP server of the autonomy container")
    public @interface Config {
        @AttributeDefinition(description = "Server name reported to clients at initialization")
        String serverName() default "autonomy-mcp";

        @AttributeDefinition(description = "Tools per tools/list page (1..1000)")
        int pageSize() default 50;

        @AttributeDefinition(description = "At most one notifications/tools/list_changed in this window: a change "
                + "after a quiet window is announced at once, a burst's other changes at the window's end (0..10000 ms)")
        long listChangedDebounceMs() default 150;

        @AttributeDefinition(description = "HTTP sessions idle this long are closed (1..604800 s)")
        long sessionIdleTimeoutSeconds() default 1800;

        @AttributeDefinition(description = "Recent requests of a session kept in the request context (0..1000)")
        int recentRequests() default 20;

        @AttributeDefinition(description = "Time limit of a tool call unless its policy sets one (ms)")
        long defaultTimeoutMs() default 30000;

        @AttributeDefinition(description = "Largest accepted tool arguments, as canonical JSON (bytes)")
        int maxArgumentBytes() default 262144;

        @AttributeDefinition(description = "On shutdown, wait this long for in-flight calls (s)")
        long drainTimeoutSeconds() default 10;

        @AttributeDefinition(description = "At start, clients wait (stdio) or get 503 (HTTP) until every bundle "
                + "present at launch is up; after this long the server serves anyway and logs what is late (0..600 s; "
                + "0 = do not wait). Read by ReadinessTracker.")
        long readyTimeoutSeconds() default 10;
    }

    private final Engine engine;
    private final EventBus events;
    private final McpProtocol protocol;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final String version;

    @Activate
    public FoundationComponent(Map<String, Object> properties, BundleContext context) {
        ServerSettings settings = settings(properties, ServerSettings.DEFAULTS);
        this.version = context.getBundle().getVersion().toString();
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(4, 512, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "mcp-tool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "mcp-scheduler");
            t.setDaemon(true);
            return t;
        });
        this.events = new EventBus(Clock.systemUTC());
        // Built on first use: loading the JSON Schema meta-schemas costs start time and no call needs it earlier.
        java.util.function.Supplier<DefaultJsonSchemaValidator> validator = new java.util.function.Supplier<>() {
            private volatile DefaultJsonSchemaValidator v;

            @Override
            public DefaultJsonSchemaValidator get() {
                DefaultJsonSchemaValidator local = v;
                if (local == null) {
                    synchronized (this) {
                        if (v == null) {
                            v = new DefaultJsonSchemaValidator(mapper);
                        }
                        local = v;
                    }
                }
                return local;
            }
        };
        this.engine = new Engine(Clock.systemUTC(), events, workers, scheduler,
                (schema, args) -> McpProtocol.validate(validator.get(), schema, args), settings);
        this.protocol = new McpProtocol(engine, new JacksonMcpJsonMapper(mapper), scheduler, version);
        scheduler.scheduleWithFixedDelay(events::announceDrops, 1, 1, TimeUnit.SECONDS);
        LOG.info("MCP foundation {} started", version);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        engine.updateSettings(settings(properties, engine.settings()));
        LOG.info("MCP server configuration updated");
    }

    /** Reads the configuration key by key; what was clamped or kept is logged, one line per key. */
    private static ServerSettings settings(Map<String, ?> properties, ServerSettings previous) {
        ServerConfig.Read<ServerSettings> read = ServerConfig.read(properties, previous);
        read.warnings().forEach(w -> LOG.warn("Configuration {}: {}", PID, w));
        return read.settings();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        boolean drained = engine.drain(engine.settings().drainTimeoutSeconds() * 1000);
        if (!drained) {
            LOG.warn("Calls still running after {} s; stopping anyway", engine.settings().drainTimeoutSeconds());
        }
        protocol.close();
        events.close();
        scheduler.shutdownNow();
        workers.shutdownNow();
        LOG.info("MCP foundation stopped");
    }

    public Engine engine() {
        return engine;
    }

    public McpProtocol protocol() {
        return protocol;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String version() {
        return version;
    }

    @Override
    public void publish(SessionEvent event) {
        events.publish(event);
    }

    // ------------------------------------------------------------------ whiteboard

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTool(ServiceReference<Tool> ref, Tool tool) {
        String name;
        try {
            name = tool.name();
        } catch (RuntimeException e) {
            LOG.error("Tool service {} failed to give its name; ignored", id(ref), e);
            return;
        }
        engine.addTool(new RegisteredTool(tool, name, ranking(ref), id(ref), ref.getBundle().getBundleId(),
                ref.getBundle().getSymbolicName(), Boolean.TRUE.equals(ref.getProperty(Tool.HIDDEN))
                || "true".equals(ref.getProperty(Tool.HIDDEN))));
    }

    void unbindTool(ServiceReference<Tool> ref) {
        engine.removeTool(id(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPlugin(ServiceReference<Plugin> ref, Plugin plugin) {
        engine.addPlugin(id(ref), plugin, name(ref, Plugin.NAME, plugin), ranking(ref));
    }

    void unbindPlugin(ServiceReference<Plugin> ref) {
        engine.removePlugin(id(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindContextAdapter(ServiceReference<ContextAdapter> ref, ContextAdapter adapter) {
        engine.addAdapter(id(ref), adapter, name(ref, "adapter.name", adapter), ranking(ref));
    }

    void unbindContextAdapter(ServiceReference<ContextAdapter> ref) {
        engine.removeAdapter(id(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindEventHandler(ServiceReference<EventHandler> ref, EventHandler handler) {
        Object types = ref.getProperty(EventHandler.EVENT_TYPES);
        Set<String> typeSet = types instanceof String[] ? Set.copyOf(Arrays.asList((String[]) types))
                : types instanceof String ? Set.of((String) types) : types instanceof java.util.Collection
                ? Set.copyOf(((java.util.Collection<?>) types).stream().map(String::valueOf).toList()) : Set.of();
        Object cap = ref.getProperty(EventHandler.QUEUE_CAPACITY);
        int capacity = cap instanceof Number ? Math.max(1, Math.min(65_536, ((Number) cap).intValue())) : 4096;
        events.addHandler(id(ref), handler, name(ref, "handler.name", handler), typeSet, capacity);
    }

    void unbindEventHandler(ServiceReference<EventHandler> ref) {
        events.removeHandler(id(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPolicy(ServiceReference<ToolPolicyComponent> ref, ToolPolicyComponent policy) {
        engine.putPolicyConfig(id(ref), policy.layer());
    }

    void updatedPolicy(ServiceReference<ToolPolicyComponent> ref, ToolPolicyComponent policy) {
        engine.putPolicyConfig(id(ref), policy.layer());
    }

    void unbindPolicy(ServiceReference<ToolPolicyComponent> ref) {
        engine.removePolicyConfig(id(ref));
    }

    private static long id(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static int ranking(ServiceReference<?> ref) {
        Object r = ref.getProperty(Constants.SERVICE_RANKING);
        return r instanceof Integer ? (Integer) r : 0;
    }

    /** The service's own name property, else {@code <bundle>#<service id>}: clients never see class names. */
    private static String name(ServiceReference<?> ref, String key, Object service) {
        Object n = ref.getProperty(key);
        if (n instanceof String) {
            return (String) n;
        }
        return ref.getBundle().getSymbolicName() + "#" + id(ref);
    }

    /** For {@code server_status}. */
    public Map<String, Object> describe() {
        return Map.of("version", version, "tools", engine.tools().size(), "sessions", engine.sessions().count(),
                "plugins", engine.pluginNames(), "adapters", engine.adapterNames(), "handlers", events.stats(),
                "counters", engine.counters());
    }
}
