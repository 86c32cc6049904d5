package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.mcp.core.CanonicalJson;
import dev.autonomy.mcp.core.ServerSettings;
import dev.autonomy.mcp.core.PolicyExperiment;
import dev.autonomy.mcp.core.ToolPolicies;
import dev.autonomy.mcp.core.ToolPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The foundation's request path, shared by every transport and by {@link ToolInvoker}: context engine, plugin
 * pipeline, argument validation, and invocation under the tool's policy (cache, concurrency limit, timeout,
 * retries), then the {@code request_completed}/{@code request_failed} event. It never throws at a caller except
 * {@link UnknownToolException}: every other failure is an error result.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    public static final String META_REQUEST_ID = "dev.autonomy/requestId";
    public static final String META_ENHANCEMENTS = "dev.autonomy/enhancements";

    /** A call as a transport or the invoker hands it over. */
    public record CallRequest(String sessionId, String toolName, Map<String, Object> arguments,
                              Optional<String> parentRequestId, int depth, ClientChannel channel) {
    }

    private final Clock clock;
    private final EventBus events;
    private final Sessions sessions;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final BiFunction<Map<String, Object>, Object, Optional<String>> schemaValidator;
    private final Map<String, RegisteredTool> tools = new ConcurrentHashMap<>();
    private final Map<Long, RegisteredTool> toolsById = new ConcurrentHashMap<>();
    private final Ranked<Plugin> plugins = new Ranked<>();
    private final Ranked<ContextAdapter> adapters = new Ranked<>();
    private final Map<String, ToolState> states = new ConcurrentHashMap<>();
    private final Map<Long, ConfigLayer> policyConfigs = new ConcurrentHashMap<>();
    private final List<Consumer<Set<String>>> toolListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong requestCounter = new AtomicLong();
    private final String requestPrefix;
    private final LongAdder adapterFailures = new LongAdder();
    private final LongAdder pluginFailures = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Key of argument fingerprints (HMAC-SHA-256, random per start): a fingerprint cannot be inverted or compared
     * outside this run, even for short arguments.
     */
    private final byte[] fingerprintKey = new java.security.SecureRandom().generateSeed(32);
    private final ThreadLocal<javax.crypto.Mac> fingerprintMac = ThreadLocal.withInitial(() -> {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(fingerprintKey, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    /** Bumped on every configuration change; a cached policy resolution of an older generation is stale. */
    private final AtomicLong policyGeneration = new AtomicLong();
    private volatile ServerSettings settings;
    private volatile boolean draining;

    /** One policy configuration, operator's or autonomy's. */
    public record ConfigLayer(boolean autonomy, String tool, Map<String, Object> properties) {
    }

    public Engine(Clock clock, EventBus events, ExecutorService workers, ScheduledExecutorService scheduler,
                  BiFunction<Map<String, Object>, Object, Optional<String>> schemaValidator,
                  ServerSettings settings) {
        this.clock = clock;
        this.events = events;
        this.workers = workers;
        this.scheduler = scheduler;
        this.schemaValidator = schemaValidator;
        this.settings = settings;
        this.sessions = new Sessions(events, clock, settings.recentRequests());
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
        policyGeneration.incrementAndGet();
    }

    // ------------------------------------------------------------------ whiteboard

    /** Adds a tool; returns false (and logs) if its name is invalid. A same-named tool of lower rank is shadowed. */
    public boolean addTool(RegisteredTool t) {
        if (t.name() == null || !Tool.NAME_PATTERN.matcher(t.name()).matches()) {
            LOG.error("Tool service {} of bundle {} has an invalid name '{}' (must match {}); ignored",
                    t.serviceId(), t.bundleName(), t.name(), Tool.NAME_PATTERN);
            return false;
        }
        toolsById.put(t.serviceId(), t);
        recomputeTool(t.name());
        return true;
    }

    public void removeTool(long serviceId) {
        RegisteredTool t = toolsById.remove(serviceId);
        if (t != null) {
            recomputeTool(t.name());
        }
    }

    private synchronized void recomputeTool(String name) {
        RegisteredTool best = null;
        for (RegisteredTool t : toolsById.values()) {
            if (t.name().equals(name) && (best == null || t.outranks(best))) {
                best = t;
            }
        }
        RegisteredTool previous = best == null ? tools.remove(name) : tools.put(name, best);
        if (previous == best) {
            return;
        }
        if (best != null && previous != null) {
            LOG.warn("Tool {} of bundle {} now shadows the one of bundle {}", name, best.bundleName(),
                    previous.bundleName());
        }
        ToolState st = states.get(name);
        if (st != null) {
            st.cache.clear();
        }
        String type = best == null ? SessionEventTypes.TOOL_UNREGISTERED : SessionEventTypes.TOOL_REGISTERED;
        events.publish(SessionEvent.of(type, "", clock.instant(), Map.of(SessionEventTypes.TOOL, name)));
        for (Consumer<Set<String>> l : toolListeners) {
            l.accept(Set.of(name));
        }
    }

    public void addToolListener(Consumer<Set<String>> listener) {
        toolListeners.add(listener);
    }

    public void removeToolListener(Consumer<Set<String>> listener) {
        toolListeners.remove(listener);
    }

    /** Registered tools sorted by name. */
    public List<RegisteredTool> tools() {
        List<RegisteredTool> list = new ArrayList<>(tools.values());
        list.sort(Comparator.comparing(RegisteredTool::name));
        return list;
    }

    public Optional<RegisteredTool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public void addPlugin(long serviceId, Plugin plugin, String name, int ranking) {
        plugins.add(new Ranked.Entry<>(plugin, name, ranking, serviceId));
    }

    public void removePlugin(long serviceId) {
        plugins.remove(serviceId);
    }

    public void addAdapter(long serviceId, ContextAdapter adapter, String name, int ranking) {
        adapters.add(new Ranked.Entry<>(adapter, name, ranking, serviceId));
    }

    public void removeAdapter(long serviceId) {
        adapters.remove(serviceId);
    }

    public List<String> pluginNames() {
        return plugins.snapshot().stream().map(Ranked.Entry::name).toList();
    }

    public List<String> adapterNames() {
        return adapters.snapshot().stream().map(Ranked.Entry::name).toList();
    }

    // ------------------------------------------------------------------ policies

    public void putPolicyConfig(long id, ConfigLayer layer) {
        policyConfigs.put(id, layer);
        policyGeneration.incrementAndGet();
    }

    public void removePolicyConfig(long id) {
        policyConfigs.remove(id);
        policyGeneration.incrementAndGet();
    }

    /** The effective policy of a tool, with what was skipped or clamped on the way. */
    public ToolPolicies.Resolution policy(String tool) {
        return state(tool).resolution();
    }

    private Cached resolvePolicy(String tool, long generation) {
        Optional<Map<String, ?>> wildcard = Optional.empty();
        Optional<Map<String, ?>> operator = Optional.empty();
        Optional<Map<String, ?>> autonomy = Optional.empty();
        for (ConfigLayer c : policyConfigs.values()) {
            if (c.autonomy()) {
                if (c.tool().equals(tool)) {
                    autonomy = Optional.of(c.properties());
                }
            } else if (c.tool().equals("*")) {
                wildcard = Optional.of(c.properties());
            } else if (c.tool().equals(tool)) {
                operator = Optional.of(c.properties());
            }
        }
        ToolPolicy defaults = ToolPolicy.DEFAULTS.withTimeoutMs(settings.defaultTimeoutMs());
        ToolPolicies.Resolution r = ToolPolicies.resolve(defaults, wildcard, operator, autonomy);
        if (!r.diagnostics().isEmpty()) {
            LOG.warn("Policy of tool {}: {}", tool, String.join("; ", r.diagnostics()));
        }
        Optional<PolicyExperiment> experiment = autonomy.flatMap(PolicyExperiment::of);
        // the holdout: autonomy's override without the experiment's keys (or the operator's policy alone)
        Optional<Map<String, ?>> baseline = experiment.isEmpty() ? Optional.empty()
                : experiment.get().baseline(autonomy.get()).map(m -> (Map<String, ?>) m);
        ToolPolicy operatorOnly = experiment.isEmpty() ? r.policy()
                : ToolPolicies.resolve(defaults, wildcard, operator, baseline).policy();
        return new Cached(generation, r, operatorOnly, experiment);
    }

    private ToolState state(String tool) {
        return states.computeIfAbsent(tool, ToolState::new);
    }

    /** A tool's resolved policy; with an experiment, also the operator's policy for the holdout. */
    private record Cached(long generation, ToolPolicies.Resolution resolution, ToolPolicy operatorOnly,
                          Optional<PolicyExperiment> experiment) {
    }

    /** Per-tool runtime state: the resolved policy, its concurrency slots, the cache and statistics. */
    private final class ToolState {
        final String name;
        volatile Cached resolution;
        volatile Semaphore slots;
        volatile int slotsFor = -1;
        final ResultCache cache = new ResultCache(256);
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder micros = new LongAdder();
        final AtomicLong maxMicros = new AtomicLong();

        ToolState(String name) {
            this.name = name;
        }

        ToolPolicies.Resolution resolution() {
            return cached().resolution();
        }

        Cached cached() {
            // Read the generation first: a change while resolving leaves a stale generation, so the next call
            // resolves again instead of keeping an outdated policy.
            long generation = policyGeneration.get();
            Cached c = resolution;
            if (c == null || c.generation() != generation) {
                c = resolvePolicy(name, generation);
                resolution = c;
            }
            return c;
        }

        /** The slots of the current limit; a changed limit gets fresh slots (calls holding old ones finish). */
        Semaphore slots(int max) {
            if (max <= 0) {
                return null;
            }
            synchronized (this) {
                if (slotsFor != max) {
                    slots = new Semaphore(max);
                    slotsFor = max;
                }
                return slots;
            }
        }

        Map<String, Object> stats() {
            long n = calls.sum();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", n);
            m.put("errors", errors.sum());
            m.put("meanMicros", n == 0 ? 0 : micros.sum() / n);
            m.put("maxMicros", maxMicros.get());
            m.put("cache", cache.stats());
            return m;
        }
    }

    public Map<String, Object> toolStats(String tool) {
        return state(tool).stats();
    }

    public Map<String, Object> counters() {
        return Map.of("inFlight", inFlight.get(), "adapterFailures", adapterFailures.sum(), "pluginFailures",
                pluginFailures.sum(), "eventsPublished", events.published());
    }

    // ------------------------------------------------------------------ drain

    /** Stops accepting calls (they get a "shutting down" result) and waits for in-flight calls to finish. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        draining = true;
        return awaitIdle(timeoutMillis);
    }

    /** Waits until no call is in flight (new calls are still accepted); false if the time limit passed. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            synchronized (inFlight) {
                inFlight.wait(20);
            }
        }
        return inFlight.get() == 0;
    }

    // ------------------------------------------------------------------ calls

    /**
     * Runs one tool call. The future completes with the result (never exceptionally, except with
     * {@link UnknownToolException} for a tool that does not exist).
     */
    public CompletableFuture<ToolResult> call(CallRequest req) {
        try {
            return callUnchecked(req);
        } catch (RuntimeException | LinkageError e) {
            // A bug or a broken tool (its annotations, its schema): never an exception or its text at the caller.
            String ref = requestPrefix + "x" + Long.toString(requestCounter.incrementAndGet(), 36);
            LOG.error("Internal error in {} (ref {})", req.toolName(), ref, e);
            return CompletableFuture.completedFuture(ToolResult.error("Internal error in " + req.toolName()
                    + " (ref " + ref + ")").withMeta(META_REQUEST_ID, ref));
        }
    }

    private CompletableFuture<ToolResult> callUnchecked(CallRequest req) {
        Instant received = clock.instant();
        long startNanos = System.nanoTime();
        String requestId = requestPrefix + Long.toString(requestCounter.incrementAndGet(), 36);
        RegisteredTool registered = tools.get(req.toolName());
        McpRequest request = new McpRequest(req.sessionId(), requestId, req.parentRequestId(), McpRequest.TOOLS_CALL,
                req.toolName(), req.arguments(), req.channel() == ClientChannel.NONE
                ? sessions.client(req.sessionId()) : req.channel().clientInfo(), received, req.depth());
        if (registered == null) {
            finish(request, null, startNanos, SessionEventTypes.OUTCOME_UNKNOWN_TOOL, "UnknownTool", 1, false, 0);
            return CompletableFuture.failedFuture(new UnknownToolException(req.toolName()));
        }
        if (draining) {
            return CompletableFuture.completedFuture(withMeta(
                    ToolResult.error("The server is shutting down; try again shortly."), requestId, List.of()));
        }
        if (req.depth() > ToolInvoker.MAX_CALL_DEPTH) {
            ToolResult r = withMeta(ToolResult.error("Call depth limit of " + ToolInvoker.MAX_CALL_DEPTH
                    + " exceeded calling " + req.toolName()), requestId, List.of());
            finish(request, r, startNanos, SessionEventTypes.OUTCOME_DENIED, "DepthExceeded", 0, false, 0);
            return CompletableFuture.completedFuture(r);
        }
        String argsJson = CanonicalJson.of(request.arguments());
        if (argsJson.length() > settings.maxArgumentBytes()) {
            ToolResult r = withMeta(ToolResult.error("Arguments of " + req.toolName() + " are too large ("
                    + argsJson.length() + " bytes, limit " + settings.maxArgumentBytes() + ")"), requestId, List.of());
            finish(request, r, startNanos, SessionEventTypes.OUTCOME_INVALID_ARGUMENTS, "ArgumentsTooLarge", 0,
                    false, argsJson.length());
            return CompletableFuture.completedFuture(r);
        }

        Context context = buildContext(request);
        Tool tool = registered.tool();
        Optional<String> invalid;
        try {
            invalid = schemaValidator.apply(tool.inputSchema(), request.arguments());
        } catch (RuntimeException e) {
            LOG.error("Input schema of tool {} could not be used (ref {})", req.toolName(), requestId, e);
            invalid = Optional.of("the tool's input schema is invalid (ref " + requestId + ")");
        }
        if (invalid.isPresent()) {
            ToolResult r = withMeta(ToolResult.error("Invalid arguments for tool " + req.toolName() + ": "
                    + invalid.get()), requestId, context.enhancements());
            finish(request, r, startNanos, SessionEventTypes.OUTCOME_INVALID_ARGUMENTS, "InvalidArguments", 0,
                    false, argsJson.length());
            return CompletableFuture.completedFuture(r);
        }

        ToolState state = state(req.toolName());
        Cached resolved = state.cached();
        Optional<PolicyExperiment> experiment = resolved.experiment();
        boolean holdout = experiment.isPresent() && experiment.get().holdout(requestId);
        ToolPolicy policy = holdout ? resolved.operatorOnly() : resolved.resolution().policy();
        Map<String, Object> extra = new LinkedHashMap<>(4);
        experiment.ifPresent(e -> {
            extra.put(SessionEventTypes.EXPERIMENT, e.name());
            extra.put(SessionEventTypes.VARIANT, holdout ? SessionEventTypes.VARIANT_HOLDOUT
                    : SessionEventTypes.VARIANT_TREATMENT);
        });
        if (tool.annotations().cacheable()) {
            byte[] mac = fingerprintMac.get().doFinal(argsJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            extra.put(SessionEventTypes.ARGUMENTS_FINGERPRINT, java.util.HexFormat.of().formatHex(mac, 0, 8));
        }
        boolean cacheable = policy.cacheEnabled() && tool.annotations().cacheable();
        if (cacheable) {
            Optional<ToolResult> hit = state.cache.get(argsJson, System.nanoTime());
            if (hit.isPresent()) {
                ToolResult r = withMeta(hit.get(), requestId, context.enhancements());
                finish(request, r, startNanos, SessionEventTypes.OUTCOME_SUCCESS, "", 0, true, argsJson.length(),
                        extra);
                return CompletableFuture.completedFuture(r);
            }
        }
        Semaphore slots = state.slots(policy.maxConcurrency());
        if (slots != null && !slots.tryAcquire()) {
            ToolResult r = withMeta(ToolResult.error("Tool " + req.toolName() + " is busy (" + policy.maxConcurrency()
                    + " calls at once); try again shortly."), requestId, context.enhancements());
            finish(request, r, startNanos, SessionEventTypes.OUTCOME_BUSY, "Busy", 0, false, argsJson.length(),
                    extra);
            return CompletableFuture.completedFuture(r);
        }
        inFlight.incrementAndGet();
        CompletableFuture<ToolResult> result = new CompletableFuture<>();
        Execution ex = new Execution(request, context, registered, policy, req.channel(), slots, result);
        ex.attempt(1);
        return result.thenApply(raw -> {
            ToolResult r = withMeta(raw, requestId, context.enhancements());
            if (cacheable && ex.outcome.equals(SessionEventTypes.OUTCOME_SUCCESS)) {
                state.cache.put(argsJson, raw, TimeUnit.MILLISECONDS.toNanos(policy.cacheTtlMs()), System.nanoTime(),
                        policy.cacheMaxEntries());
            }
            finish(request, r, startNanos, ex.outcome, ex.errorClass, ex.attempts.get(), false, argsJson.length(),
                    extra);
            return r;
        });
    }

    private Context buildContext(McpRequest request) {
        Context context = Context.of(request, sessions.recent(request.sessionId()));
        for (Ranked.Entry<ContextAdapter> a : adapters.snapshot()) {
            try {
                Context adapted = a.service().adaptContext(context);
                if (adapted == null || !adapted.request().equals(request)) {
                    throw new IllegalStateException("adapter returned " + (adapted == null ? "null"
                            : "a context of another request"));
                }
                context = adapted;
            } catch (RuntimeException | LinkageError e) {
                adapterFailures.increment();
                LOG.warn("Context adapter {} failed on request {}; skipped", a.name(), request.requestId(), e);
            }
        }
        for (Ranked.Entry<Plugin> p : plugins.snapshot()) {
            try {
                Optional<Enhancement> e = p.service().process(request);
                if (e != null && e.isPresent()) {
                    context = context.withEnhancement(e.get());
                }
            } catch (RuntimeException | LinkageError e) {
                pluginFailures.increment();
                LOG.warn("Plugin {} failed on request {}; skipped", p.name(), request.requestId(), e);
            }
        }
        return context;
    }

    private static ToolResult withMeta(ToolResult r, String requestId, List<Enhancement> enhancements) {
        ToolResult out = r.withMeta(META_REQUEST_ID, requestId);
        if (!enhancements.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Enhancement e : enhancements) {
                if (!e.metadata().isEmpty()) {
                    m.put(e.source(), e.metadata());
                }
            }
            if (!m.isEmpty()) {
                out = out.withMeta(META_ENHANCEMENTS, m);
            }
        }
        return out;
    }

    private void finish(McpRequest request, ToolResult result, long startNanos, String outcome, String errorClass,
                        int attempts, boolean cached, int argumentBytes) {
        finish(request, result, startNanos, outcome, errorClass, attempts, cached, argumentBytes, Map.of());
    }

    /** @param extra more event data: the policy experiment and variant, the arguments' fingerprint */
    private void finish(McpRequest request, ToolResult result, long startNanos, String outcome, String errorClass,
                        int attempts, boolean cached, int argumentBytes, Map<String, Object> extra) {
        long micros = (System.nanoTime() - startNanos) / 1000;
        ToolState st = states.get(request.toolName());
        boolean ok = outcome.equals(SessionEventTypes.OUTCOME_SUCCESS);
        if (st != null) {
            st.calls.increment();
            st.micros.add(micros);
            st.maxMicros.accumulateAndGet(micros, Math::max);
            if (!ok) {
                st.errors.increment();
            }
        }
        // Requests refused before running (unknown tool, too large) are remembered without their arguments, so
        // the session history stays within maxArgumentBytes per request.
        boolean refused = outcome.equals(SessionEventTypes.OUTCOME_UNKNOWN_TOOL)
                || "ArgumentsTooLarge".equals(errorClass);
        sessions.record(refused ? new McpRequest(request.sessionId(), request.requestId(), request.parentRequestId(),
                request.method(), request.toolName(), Map.of(), request.client(), request.receivedAt(),
                request.depth()) : request);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(SessionEventTypes.TOOL, request.toolName());
        data.put(SessionEventTypes.DURATION_MICROS, micros);
        data.put(SessionEventTypes.OUTCOME, outcome);
        if (!ok) {
            data.put(SessionEventTypes.ERROR_CLASS, errorClass);
        }
        data.put(SessionEventTypes.ARGUMENT_BYTES, argumentBytes);
        data.put(SessionEventTypes.RESULT_BYTES, result == null ? 0 : result.text().length());
        data.put(SessionEventTypes.CACHED, cached);
        data.put(SessionEventTypes.ATTEMPTS, attempts);
        data.put(SessionEventTypes.DEPTH, request.depth());
        request.parentRequestId().ifPresent(p -> data.put(SessionEventTypes.PARENT_REQUEST_ID, p));
        data.put(SessionEventTypes.CLIENT_NAME, request.client().name());
        data.putAll(extra);
        events.publish(new SessionEvent(ok ? SessionEventTypes.REQUEST_COMPLETED : SessionEventTypes.REQUEST_FAILED,
                request.sessionId(), request.requestId(), clock.instant(), data));
        LOG.debug("{} {} {} in {} µs", request.requestId(), request.toolName(), outcome, micros);
    }

    /**
     * One call's attempts. The concurrency slot is held until the call completed and every attempt thread ended:
     * a timed-out attempt keeps its slot until its thread returns.
     */
    private final class Execution {
        final McpRequest request;
        final Context context;
        final RegisteredTool tool;
        final ToolPolicy policy;
        final ClientChannel channel;
        final Semaphore slots;
        final CompletableFuture<ToolResult> result;
        final AtomicInteger holders = new AtomicInteger(1);
        final AtomicInteger attempts = new AtomicInteger();
        volatile String outcome = SessionEventTypes.OUTCOME_SUCCESS;
        volatile String errorClass = "";

        Execution(McpRequest request, Context context, RegisteredTool tool, ToolPolicy policy, ClientChannel channel,
                  Semaphore slots, CompletableFuture<ToolResult> result) {
            this.request = request;
            this.context = context;
            this.tool = tool;
            this.policy = policy;
            this.channel = channel;
            this.slots = slots;
            this.result = result;
            result.whenComplete((r, t) -> release());
        }

        private void release() {
            if (holders.decrementAndGet() == 0) {
                if (slots != null) {
                    slots.release();
                }
                if (inFlight.decrementAndGet() == 0) {
                    synchronized (inFlight) {
                        inFlight.notifyAll();
                    }
                }
            }
        }

        void attempt(int n) {
            attempts.set(n);
            AtomicBoolean cancelled = new AtomicBoolean();
            CompletableFuture<ToolResult> attempt = new CompletableFuture<>();
            CallImpl call = new CallImpl(request.arguments(), context, channel, cancelled);
            holders.incrementAndGet();
            // Claimed by whichever comes first: the worker starting the attempt, or the timer finding it still queued.
            AtomicBoolean claimed = new AtomicBoolean();
            Future<?> task;
            try {
                task = workers.submit(() -> {
                    if (!claimed.compareAndSet(false, true)) {
                        return; // timed out while queued; the timer released this attempt's hold
                    }
                    try {
                        ToolResult r = tool.tool().call(call);
                        attempt.complete(r == null ? ToolResult.error("Tool " + tool.name() + " returned no result")
                                : r);
                    } catch (Throwable t) {
                        attempt.completeExceptionally(t);
                    } finally {
                        release();
                    }
                });
            } catch (RuntimeException rejected) {
                release();
                outcome = SessionEventTypes.OUTCOME_BUSY;
                errorClass = "Rejected";
                result.complete(ToolResult.error("The server is overloaded; try again shortly."));
                return;
            }
            ScheduledFuture<?> timer;
            try {
                timer = scheduler.schedule(() -> {
                    if (attempt.completeExceptionally(new AttemptTimeout())) {
                        cancelled.set(true);
                        if (claimed.compareAndSet(false, true)) {
                            // never started, so its finally will never run: release its hold here
                            task.cancel(false);
                            release();
                        } else {
                            task.cancel(true);
                        }
                    }
                }, policy.timeoutMs(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // the container is stopping: the attempt still runs (or ran) and completes the call by itself
                timer = null;
            }
            final ScheduledFuture<?> timerOrNull = timer;
            attempt.whenComplete((r, t) -> {
                if (timerOrNull != null) {
                    timerOrNull.cancel(false);
                }
                if (t == null) {
                    if (r.isError()) {
                        outcome = SessionEventTypes.OUTCOME_TOOL_ERROR;
                        errorClass = "ToolError";
                    }
                    result.complete(r);
                    return;
                }
                boolean timedOut = t instanceof AttemptTimeout;
                boolean retry = n <= policy.retries() && tool.tool().annotations().idempotentHint();
                if (retry) {
                    long backoff = policy.retryBackoffMs() << Math.min(10, n - 1);
                    LOG.debug("{} attempt {} of {} failed ({}); retrying in {} ms", request.requestId(), n,
                            tool.name(), timedOut ? "timeout" : t.getClass().getSimpleName(), backoff);
                    try {
                        scheduler.schedule(() -> attempt(n + 1), backoff, TimeUnit.MILLISECONDS);
                        return;
                    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                        // stopping: no retry; this attempt's failure is the answer
                    }
                }
                if (timedOut) {
                    outcome = SessionEventTypes.OUTCOME_TIMEOUT;
                    errorClass = "Timeout";
                    result.complete(ToolResult.error("Tool " + tool.name() + " timed out after " + policy.timeoutMs()
                            + " ms"));
                } else {
                    outcome = SessionEventTypes.OUTCOME_INTERNAL_ERROR;
                    errorClass = t.getClass().getSimpleName();
                    LOG.error("Internal error in {} (ref {})", tool.name(), request.requestId(), t);
                    result.complete(ToolResult.error("Internal error in " + tool.name() + " (ref "
                            + request.requestId() + ")"));
                }
            });
        }
    }

    private static final class AttemptTimeout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AttemptTimeout() {
            super(null, null, false, false);
        }
    }

    /** The {@link ToolCall} a tool sees. */
    final class CallImpl implements ToolCall {
        private final Map<String, Object> arguments;
        private final Context context;
        private final ClientChannel channel;
        private final AtomicBoolean cancelled;

        CallImpl(Map<String, Object> arguments, Context context, ClientChannel channel, AtomicBoolean cancelled) {
            this.arguments = arguments;
            this.context = context;
            this.channel = channel;
            this.cancelled = cancelled;
        }

        @Override
        public Map<String, Object> arguments() {
            return arguments;
        }

        @Override
        public Context context() {
            return context;
        }

        @Override
        public void progress(double progress, double total, String message) {
            channel.progress(progress, total, message);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get() || Thread.currentThread().isInterrupted();
        }

        @Override
        public Set<String> clientCapabilities() {
            return channel.capabilities();
        }

        @Override
        public Optional<Sampler> sampler() {
            return channel.sampler();
        }

        ClientChannel channel() {
            return channel;
        }
    }

    /** The client channel of a call made by this engine, for nested calls; NONE for foreign implementations. */
    public static ClientChannel channelOf(ToolCall call) {
        return call instanceof CallImpl ? ((CallImpl) call).channel() : ClientChannel.NONE;
    }
}
