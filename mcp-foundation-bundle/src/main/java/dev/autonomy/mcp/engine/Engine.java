package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.mcp.core.Admission;
import dev.autonomy.mcp.core.CanonicalJson;
import dev.autonomy.mcp.core.Refusal;
import dev.autonomy.mcp.core.RequestEvents;
import dev.autonomy.mcp.core.RequestEvents.Completion;
import dev.autonomy.mcp.core.ResultMeta;
import dev.autonomy.mcp.core.ServerSettings;
import dev.autonomy.mcp.core.ToolPolicies;
import dev.autonomy.mcp.core.ToolPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The foundation's request path, shared by every transport and by {@link ToolInvoker}: admission, context engine,
 * plugin pipeline, argument validation, and execution under the tool's policy (cache, concurrency limit, timeout,
 * retries), then the {@code request_completed}/{@code request_failed} event. It never throws at a caller: every
 * failure is an error result, and a tool that does not exist is {@link CallOutcome.UnknownTool}.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    public static final String META_REQUEST_ID = ResultMeta.REQUEST_ID;
    public static final String META_ENHANCEMENTS = ResultMeta.ENHANCEMENTS;

    /** A call as a transport or the invoker hands it over. */
    public record CallRequest(String sessionId, String toolName, Map<String, Object> arguments,
                              Optional<String> parentRequestId, int depth, ClientChannel channel) {
    }

    /** One policy configuration, operator's or autonomy's. */
    public record ConfigLayer(boolean autonomy, String tool, Map<String, Object> properties) {
    }

    private final Clock clock;
    private final EventBus events;
    private final Sessions sessions;
    private final Execution.Runner runner;
    private final ArgumentCheck arguments;
    private final Map<String, ToolState> states = new ConcurrentHashMap<>();
    private final ToolTable tools;
    private final PolicyBook policies;
    private final ContextPipeline pipeline = new ContextPipeline();
    private final InFlight inFlight = new InFlight();
    private final Fingerprints fingerprints = new Fingerprints();
    private final AtomicLong requestCounter = new AtomicLong();
    private final String requestPrefix;
    private volatile ServerSettings settings;
    private volatile boolean draining;

    public Engine(Clock clock, EventBus events, ExecutorService workers, ScheduledExecutorService scheduler,
                  BiFunction<Map<String, Object>, Object, Optional<String>> schemaValidator,
                  ServerSettings settings) {
        this.clock = clock;
        this.events = events;
        this.runner = new Execution.Runner(workers, scheduler);
        this.arguments = new ArgumentCheck(schemaValidator);
        this.settings = settings;
        this.sessions = new Sessions(events, clock, settings.recentRequests());
        this.tools = new ToolTable(events, clock, name -> Optional.ofNullable(states.get(name))
                .ifPresent(ToolState::forgetResults));
        this.policies = new PolicyBook(settings.defaultTimeoutMs());
        this.requestPrefix = Long.toString(clock.millis(), 36) + "-";
    }

    public Sessions sessions() {
        return sessions;
    }

    public EventBus events() {
        return events;
    }

    public ServerSettings settings() {
        return settings;
    }

    public void updateSettings(ServerSettings newSettings) {
        this.settings = newSettings;
        sessions.setRecentLimit(newSettings.recentRequests());
        policies.defaultTimeoutMs(newSettings.defaultTimeoutMs());
    }

    // ------------------------------------------------------------------ whiteboard

    /** Adds a tool; returns false (and logs) if its name is invalid. A same-named tool of lower rank is shadowed. */
    public boolean addTool(RegisteredTool t) {
        return tools.add(t);
    }

    public void removeTool(long serviceId) {
        tools.remove(serviceId);
    }

    public void addToolListener(Consumer<Set<String>> listener) {
        tools.addListener(listener);
    }

    public void removeToolListener(Consumer<Set<String>> listener) {
        tools.removeListener(listener);
    }

    /** Registered tools sorted by name. */
    public List<RegisteredTool> tools() {
        return tools.all();
    }

    public Optional<RegisteredTool> tool(String name) {
        return tools.get(name);
    }

    public void addPlugin(long serviceId, Plugin plugin, String name, int ranking) {
        pipeline.addPlugin(serviceId, plugin, name, ranking);
    }

    public void removePlugin(long serviceId) {
        pipeline.removePlugin(serviceId);
    }

    public void addAdapter(long serviceId, ContextAdapter adapter, String name, int ranking) {
        pipeline.addAdapter(serviceId, adapter, name, ranking);
    }

    public void removeAdapter(long serviceId) {
        pipeline.removeAdapter(serviceId);
    }

    public List<String> pluginNames() {
        return pipeline.pluginNames();
    }

    public List<String> adapterNames() {
        return pipeline.adapterNames();
    }

    // ------------------------------------------------------------------ policies and figures

    public void putPolicyConfig(long id, ConfigLayer layer) {
        policies.put(id, layer);
    }

    public void removePolicyConfig(long id) {
        policies.remove(id);
    }

    /** The effective policy of a tool, with what was skipped or clamped on the way. */
    public ToolPolicies.Resolution policy(String tool) {
        return policies.resolution(tool);
    }

    /** How long a call of the tool can take at most (see {@link dev.autonomy.mcp.core.Attempts#deadlineMs}). */
    public long deadlineMs(String tool) {
        return policies.deadlineMs(tool);
    }

    private ToolState state(String tool) {
        return states.computeIfAbsent(tool, t -> new ToolState());
    }

    public Map<String, Object> toolStats(String tool) {
        return state(tool).stats();
    }

    public Map<String, Object> counters() {
        return Map.of("inFlight", inFlight.count(), "adapterFailures", pipeline.adapterFailures(), "pluginFailures",
                pipeline.pluginFailures(), "eventsPublished", events.published());
    }

    // ------------------------------------------------------------------ drain

    /** Stops accepting calls (they get a "shutting down" result) and waits for in-flight calls to finish. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        draining = true;
        return awaitIdle(timeoutMillis);
    }

    /** Waits until no call is in flight (new calls are still accepted); false if the time limit passed. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return inFlight.awaitIdle(timeoutMillis);
    }

    // ------------------------------------------------------------------ calls

    /** Runs one tool call. The future completes with its outcome, never exceptionally. */
    public CompletableFuture<CallOutcome> call(CallRequest req) {
        try {
            return callUnchecked(req);
        } catch (RuntimeException | LinkageError e) {
            // A bug or a broken tool (its annotations, its schema): never an exception or its text at the caller.
            String ref = requestPrefix + "x" + Long.toString(requestCounter.incrementAndGet(), 36);
            LOG.error("Internal error in {} (ref {})", req.toolName(), ref, e);
            return CompletableFuture.completedFuture(new CallOutcome.Answered(ToolResult.error("Internal error in "
                    + req.toolName() + " (ref " + ref + ")").withMeta(META_REQUEST_ID, ref)));
        }
    }

    private CompletableFuture<CallOutcome> callUnchecked(CallRequest req) {
        long startNanos = System.nanoTime();
        String requestId = requestPrefix + Long.toString(requestCounter.incrementAndGet(), 36);
        Optional<RegisteredTool> registered = tools.get(req.toolName());
        McpRequest request = new McpRequest(req.sessionId(), requestId, req.parentRequestId(), McpRequest.TOOLS_CALL,
                req.toolName(), req.arguments(), req.channel() == ClientChannel.NONE
                ? sessions.client(req.sessionId()) : req.channel().clientInfo(), clock.instant(), req.depth());
        String argsJson = CanonicalJson.of(request.arguments());
        int argumentBytes = argsJson.length();
        Optional<Refusal> refusal = Admission.admit(req.toolName(), registered.isPresent(), draining, req.depth(),
                argumentBytes, settings.maxArgumentBytes());
        if (refusal.isPresent()) {
            return refuse(request, startNanos, refusal.get(), argumentBytes, List.of(), Map.of());
        }

        Context context = pipeline.build(request, sessions.recent(request.sessionId()));
        Tool tool = registered.get().tool();
        Optional<Refusal> invalid = arguments.check(tool, request);
        if (invalid.isPresent()) {
            return refuse(request, startNanos, invalid.get(), argumentBytes, context.enhancements(), Map.of());
        }

        PolicyBook.Choice choice = policies.choose(req.toolName(), requestId);
        ToolPolicy policy = choice.policy();
        ToolAnnotations annotations = tool.annotations();
        Map<String, Object> extra = new LinkedHashMap<>(choice.eventData());
        if (annotations.cacheable()) {
            extra.put(SessionEventTypes.ARGUMENTS_FINGERPRINT, fingerprints.of(argsJson));
        }
        ToolState state = state(req.toolName());
        boolean cacheable = policy.cacheEnabled() && annotations.cacheable();
        if (cacheable) {
            Optional<ToolResult> hit = state.cached(argsJson);
            if (hit.isPresent()) {
                ToolResult r = ResultMeta.tag(hit.get(), requestId, context.enhancements());
                finish(request, startNanos, Completion.cacheHit(argumentBytes), r.text().length(), extra);
                return CompletableFuture.completedFuture(new CallOutcome.Answered(r));
            }
        }
        Semaphore slots = state.slots(policy.maxConcurrency());
        if (slots != null && !slots.tryAcquire()) {
            return refuse(request, startNanos, Refusal.busy(req.toolName(), policy.maxConcurrency()),
                    argumentBytes, context.enhancements(), extra);
        }
        inFlight.begin();
        return Execution.start(runner, request, context, registered.get(), policy, annotations.idempotentHint(),
                req.channel(), () -> {
                    if (slots != null) {
                        slots.release();
                    }
                    inFlight.end();
                }).thenApply(ex -> {
                    Completion completion = Completion.ran(ex.outcome(), ex.errorClass(), ex.attempts(),
                            argumentBytes);
                    if (cacheable && completion.ok()) {
                        state.remember(argsJson, ex.result(), policy);
                    }
                    ToolResult r = ResultMeta.tag(ex.result(), requestId, context.enhancements());
                    finish(request, startNanos, completion, r.text().length(), extra);
                    return new CallOutcome.Answered(r);
                });
    }

    /** The one way a call is answered without running its tool. */
    private CompletableFuture<CallOutcome> refuse(McpRequest request, long startNanos, Refusal refusal,
                                                  int argumentBytes, List<Enhancement> enhancements,
                                                  Map<String, Object> extra) {
        boolean unknown = refusal.kind() == Refusal.Kind.UNKNOWN_TOOL;
        ToolResult r = ResultMeta.tag(ToolResult.error(refusal.message()), request.requestId(), enhancements);
        if (refusal.announced()) {
            finish(request, startNanos, Completion.refused(refusal, argumentBytes), unknown ? 0 : r.text().length(),
                    extra);
        }
        return CompletableFuture.completedFuture(unknown
                ? new CallOutcome.UnknownTool(request.toolName(), refusal.message()) : new CallOutcome.Answered(r));
    }

    /** Counts the call, remembers it in its session and publishes its request event. */
    private void finish(McpRequest request, long startNanos, Completion completion, int resultBytes,
                        Map<String, Object> extra) {
        long micros = (System.nanoTime() - startNanos) / 1000;
        ToolState st = states.get(request.toolName());
        if (st != null) {
            st.record(micros, completion.ok());
        }
        sessions.record(RequestEvents.remembered(request, completion));
        events.publish(RequestEvents.event(request, completion, micros, resultBytes, extra, clock.instant()));
        LOG.debug("{} {} {} in {} µs", request.requestId(), request.toolName(), completion.outcome(), micros);
    }

    /** The client channel of a call made by this engine, for nested calls; NONE for foreign implementations. */
    public static ClientChannel channelOf(ToolCall call) {
        return call instanceof CallImpl ? ((CallImpl) call).channel() : ClientChannel.NONE;
    }
}
