package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.mcp.core.ServerSettings;
import dev.autonomy.testkit.traffic.TestTool;
import dev.autonomy.testkit.traffic.TestTool.Behaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTest {

    private static final long WAIT = Await.LIMIT.toMillis();

    private final AtomicLong serviceIds = new AtomicLong(100);
    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<CountDownLatch> toRelease = new ArrayList<>();
    private EventBus bus;
    private Engine engine;

    @BeforeEach
    void setUp() {
        bus = new EventBus(Clock.systemUTC());
        bus.addHandler(1, e -> {
            events.add(e);
            return Optional.empty();
        }, "recorder", Set.of(), 4096);
        engine = newEngine(Executors.newCachedThreadPool());
    }

    @AfterEach
    void tearDown() {
        toRelease.forEach(CountDownLatch::countDown);
        bus.close();
        executors.forEach(ExecutorService::shutdownNow);
    }

    private Engine newEngine(ExecutorService workers) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        executors.add(workers);
        executors.add(scheduler);
        return new Engine(Clock.systemUTC(), bus, workers, scheduler, EngineTest::validate, ServerSettings.DEFAULTS);
    }

    /** A tiny validator: every name in the schema's {@code required} list must be present. */
    private static Optional<String> validate(Map<String, Object> schema, Object arguments) {
        Object required = schema.get("required");
        if (required instanceof List) {
            for (Object key : (List<?>) required) {
                if (!((Map<?, ?>) arguments).containsKey(key)) {
                    return Optional.of("missing required property '" + key + "'");
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ fixtures

    private long register(Engine e, String name, int ranking, ToolAnnotations annotations, Behaviour body) {
        long id = serviceIds.incrementAndGet();
        e.addTool(new RegisteredTool(new TestTool(name, TestTool.ANY_SCHEMA, annotations, body), name, ranking, id, 1,
                "test.bundle"));
        return id;
    }

    private long register(String name, Behaviour body) {
        return register(engine, name, 0, ToolAnnotations.DEFAULTS, body);
    }

    private void policy(Engine e, String tool, Map<String, Object> properties) {
        e.putPolicyConfig(serviceIds.incrementAndGet(), new Engine.ConfigLayer(false, tool, properties));
    }

    private CountDownLatch latch() {
        CountDownLatch l = new CountDownLatch(1);
        toRelease.add(l);
        return l;
    }

    private static CompletableFuture<CallOutcome> outcome(Engine e, String tool, Map<String, Object> args,
                                                          int depth) {
        return e.call(new Engine.CallRequest("s1", tool, args, Optional.empty(), depth, ClientChannel.NONE));
    }

    private static CompletableFuture<ToolResult> call(Engine e, String tool, Map<String, Object> args, int depth) {
        return outcome(e, tool, args, depth).thenApply(o -> o.fold(r -> r, unknown -> {
            throw new AssertionError("no tool " + unknown.tool());
        }));
    }

    private CompletableFuture<ToolResult> call(String tool, Map<String, Object> args) {
        return call(engine, tool, args, 0);
    }

    private static ToolResult get(CompletableFuture<ToolResult> f) throws Exception {
        return f.get(WAIT, TimeUnit.MILLISECONDS);
    }

    private static String requestId(ToolResult r) {
        return (String) r.meta().get(Engine.META_REQUEST_ID);
    }

    private SessionEvent eventOf(ToolResult r) {
        String id = requestId(r);
        Await.until("the event of request " + id, () -> events.stream().anyMatch(e -> e.requestId().equals(id)));
        return events.stream().filter(e -> e.requestId().equals(id)).findFirst().orElseThrow();
    }

    /** Blocks until {@code release} opens, ignoring interrupts as a badly behaved tool would. */
    private static void awaitUninterruptibly(CountDownLatch release) {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ results

    @Test
    void aCallReturnsTheToolsResultTaggedWithItsRequestId() throws Exception {
        register("echo", c -> ToolResult.text("hello " + c.stringArgument("name", "?")));

        ToolResult r = get(call("echo", Map.of("name", "Ada")));

        assertThat(r.isError()).isFalse();
        assertThat(r.text()).isEqualTo("hello Ada");
        assertThat(requestId(r)).isNotBlank();
    }

    @Test
    void everyCallGetsItsOwnRequestId() throws Exception {
        register("echo", c -> ToolResult.text("x"));

        assertThat(requestId(get(call("echo", Map.of())))).isNotEqualTo(requestId(get(call("echo", Map.of()))));
    }

    @Test
    void anUnknownToolIsATypedOutcomeNotAResult() throws Exception {
        CallOutcome o = outcome(engine, "nope", Map.of(), 0).get(WAIT, TimeUnit.MILLISECONDS);

        assertThat(o).isEqualTo(new CallOutcome.UnknownTool("nope", "Unknown tool: nope"));
    }

    @Test
    void invalidArgumentsGiveAnErrorResultNamingTheToolWithoutCallingIt() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        engine.addTool(new RegisteredTool(new TestTool("greet",
                Map.of("type", "object", "required", List.of("name")), ToolAnnotations.DEFAULTS, c -> {
                    invocations.incrementAndGet();
                    return ToolResult.text("hi");
                }), "greet", 0, serviceIds.incrementAndGet(), 1, "test.bundle"));

        ToolResult r = get(call("greet", Map.of()));

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("Invalid arguments for tool greet: missing required property 'name'");
        assertThat(invocations).hasValue(0);
    }

    @Test
    void anExceptionInAToolBecomesAnInternalErrorWithARefAndNoDetails() throws Exception {
        register("boom", c -> {
            throw new IllegalStateException("secret at /etc/app.cfg");
        });

        ToolResult r = get(call("boom", Map.of()));

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("Internal error in boom (ref " + requestId(r) + ")");
        assertThat(r.text()).doesNotContain("secret", "IllegalStateException", "/etc");
    }

    @Test
    void aToolReturningNullGivesAnErrorResult() throws Exception {
        register("nothing", c -> null);

        ToolResult r = get(call("nothing", Map.of()));

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("Tool nothing returned no result");
    }

    // ------------------------------------------------------------------ timeout and concurrency

    @Test
    void aCallOverItsTimeLimitGetsATimeoutErrorAndTheToolThreadIsInterrupted() throws Exception {
        CountDownLatch never = latch();
        CountDownLatch interrupted = new CountDownLatch(1);
        register("slow", c -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return ToolResult.text("late");
        });
        policy(engine, "slow", Map.of("timeoutMs", 50));

        ToolResult r = get(call("slow", Map.of()));

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("Tool slow timed out after 50 ms");
        assertThat(interrupted.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aTimedOutCallIsCancelledForTheTool() throws Exception {
        CountDownLatch never = latch();
        CompletableFuture<Boolean> sawCancelled = new CompletableFuture<>();
        register("slow", c -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                sawCancelled.complete(c.isCancelled());
            }
            return ToolResult.text("late");
        });
        policy(engine, "slow", Map.of("timeoutMs", 50));

        get(call("slow", Map.of()));

        assertThat(sawCancelled.get(WAIT, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aCallBeyondMaxConcurrencyIsBusyAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = latch();
        register("one", c -> {
            started.countDown();
            release.await();
            return ToolResult.text("done");
        });
        policy(engine, "one", Map.of("maxConcurrency", 1));
        CompletableFuture<ToolResult> first = call("one", Map.of());
        assertThat(started.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<ToolResult> second = call("one", Map.of("x", 1));

        assertThat(second).isDone();
        assertThat(second.join().isError()).isTrue();
        assertThat(second.join().text()).isEqualTo("Tool one is busy (1 calls at once); try again shortly.");
        assertThat(eventOf(second.join()).data())
                .containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_BUSY)
                .containsEntry(SessionEventTypes.ERROR_CLASS, "Busy")
                .containsEntry(SessionEventTypes.ARGUMENT_BYTES, "{\"x\":1}".length())
                .containsEntry(SessionEventTypes.ATTEMPTS, 0);
        release.countDown();
        assertThat(get(first).text()).isEqualTo("done");
    }

    @Test
    void aTimedOutCallKeepsItsSlotUntilItsThreadEnds() throws Exception {
        CountDownLatch release = latch();
        AtomicInteger calls = new AtomicInteger();
        register("stubborn", c -> {
            if (calls.incrementAndGet() == 1) {
                awaitUninterruptibly(release);
            }
            return ToolResult.text("fast");
        });
        policy(engine, "stubborn", Map.of("maxConcurrency", 1, "timeoutMs", 50));

        assertThat(get(call("stubborn", Map.of())).text()).contains("timed out after 50 ms");
        assertThat(get(call("stubborn", Map.of())).text()).contains("is busy");

        release.countDown();
        assertThat(engine.awaitIdle(WAIT)).isTrue();
        assertThat(get(call("stubborn", Map.of())).text()).isEqualTo("fast");
    }

    @Test
    void aCallThatTimesOutWhileQueuedForAWorkerReleasesItsSlot() throws Exception {
        Engine oneWorker = newEngine(Executors.newSingleThreadExecutor());
        CountDownLatch hogStarted = new CountDownLatch(1);
        CountDownLatch release = latch();
        register(oneWorker, "hog", 0, ToolAnnotations.DEFAULTS, c -> {
            hogStarted.countDown();
            awaitUninterruptibly(release);
            return ToolResult.text("hogged");
        });
        register(oneWorker, "queued", 0, ToolAnnotations.DEFAULTS, c -> ToolResult.text("ran"));
        policy(oneWorker, "queued", Map.of("maxConcurrency", 1, "timeoutMs", 50));
        CompletableFuture<ToolResult> hog = call(oneWorker, "hog", Map.of(), 0);
        assertThat(hogStarted.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

        assertThat(get(call(oneWorker, "queued", Map.of(), 0)).text()).contains("timed out after 50 ms");
        release.countDown();
        assertThat(get(hog).text()).isEqualTo("hogged");

        assertThat(oneWorker.awaitIdle(WAIT)).as("no call left in flight").isTrue();
        assertThat(get(call(oneWorker, "queued", Map.of(), 0)).text()).isEqualTo("ran");
    }

    // ------------------------------------------------------------------ cache

    private AtomicInteger registerCounting(String name, ToolAnnotations annotations) {
        AtomicInteger invocations = new AtomicInteger();
        register(engine, name, 0, annotations, c -> ToolResult.text("n=" + invocations.incrementAndGet()));
        policy(engine, name, Map.of("cacheTtlMs", 60_000));
        return invocations;
    }

    @Test
    void aSecondIdenticalCallToAPureToolIsServedFromTheCache() throws Exception {
        AtomicInteger invocations = registerCounting("pure", ToolAnnotations.PURE);

        ToolResult first = get(call("pure", Map.of("x", 1)));
        ToolResult second = get(call("pure", Map.of("x", 1.0)));

        assertThat(invocations).hasValue(1);
        assertThat(second.text()).isEqualTo(first.text()).isEqualTo("n=1");
        assertThat(requestId(second)).isNotEqualTo(requestId(first));
        assertThat(eventOf(second).data()).containsEntry(SessionEventTypes.CACHED, true);
    }

    @Test
    void differentArgumentsAreNotServedFromTheCache() throws Exception {
        AtomicInteger invocations = registerCounting("pure", ToolAnnotations.PURE);

        get(call("pure", Map.of("x", 1)));
        ToolResult other = get(call("pure", Map.of("x", 2)));

        assertThat(invocations).hasValue(2);
        assertThat(other.text()).isEqualTo("n=2");
    }

    @Test
    void aNonIdempotentToolIsNeverCached() throws Exception {
        AtomicInteger invocations = registerCounting("effectful", ToolAnnotations.DEFAULTS);

        get(call("effectful", Map.of("x", 1)));
        get(call("effectful", Map.of("x", 1)));

        assertThat(invocations).hasValue(2);
    }

    @Test
    void errorResultsAreNotCached() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        register(engine, "failing", 0, ToolAnnotations.PURE, c -> ToolResult.error("n=" + invocations.incrementAndGet()));
        policy(engine, "failing", Map.of("cacheTtlMs", 60_000));

        get(call("failing", Map.of()));
        get(call("failing", Map.of()));

        assertThat(invocations).hasValue(2);
    }

    // ------------------------------------------------------------------ retries

    @Test
    void anIdempotentToolIsRetriedAndTheEventCountsTheAttempts() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        register(engine, "flaky", 0, ToolAnnotations.PURE, c -> {
            if (invocations.incrementAndGet() <= 2) {
                throw new IllegalStateException("transient");
            }
            return ToolResult.text("ok");
        });
        policy(engine, "flaky", Map.of("retries", 2, "retryBackoffMs", 1));

        ToolResult r = get(call("flaky", Map.of()));

        assertThat(r.isError()).isFalse();
        assertThat(r.text()).isEqualTo("ok");
        assertThat(invocations).hasValue(3);
        assertThat(eventOf(r).data()).containsEntry(SessionEventTypes.ATTEMPTS, 3);
    }

    @Test
    void retriesStopAfterTheConfiguredNumber() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        register(engine, "broken", 0, ToolAnnotations.PURE, c -> {
            invocations.incrementAndGet();
            throw new IllegalStateException("permanent");
        });
        policy(engine, "broken", Map.of("retries", 2, "retryBackoffMs", 1));

        ToolResult r = get(call("broken", Map.of()));

        assertThat(r.text()).startsWith("Internal error in broken");
        assertThat(invocations).hasValue(3);
    }

    @Test
    void aNonIdempotentToolIsNotRetried() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        register("once", c -> {
            invocations.incrementAndGet();
            throw new IllegalStateException("transient");
        });
        policy(engine, "once", Map.of("retries", 2, "retryBackoffMs", 1));

        ToolResult r = get(call("once", Map.of()));

        assertThat(r.isError()).isTrue();
        assertThat(invocations).hasValue(1);
        assertThat(eventOf(r).data()).containsEntry(SessionEventTypes.ATTEMPTS, 1);
    }

    // ------------------------------------------------------------------ context adapters and plugins

    @Test
    void theToolSeesTheAdaptersExtensions() throws Exception {
        register("ctx", c -> ToolResult.text(String.valueOf(c.context().extensions())));
        engine.addAdapter(1, base -> base.withExtension("ok", true), "fine", 0);

        assertThat(get(call("ctx", Map.of())).text()).isEqualTo("{ok=true}");
    }

    @Test
    void pluginMetadataAppearsInTheResultsMetaUnderThePluginsName() throws Exception {
        register("echo", c -> ToolResult.text("x"));
        engine.addPlugin(1, req -> Optional.of(Enhancement.metadata("geo", Map.of("city", "Oslo"))), "geo", 0);
        engine.addPlugin(2, req -> Optional.of(Enhancement.metadata("quiet", Map.of())), "quiet", 0);

        ToolResult r = get(call("echo", Map.of()));

        assertThat(r.meta()).containsEntry(Engine.META_ENHANCEMENTS, Map.of("geo", Map.of("city", "Oslo")));
    }

    @Test
    void aThrowingPluginIsSkippedAndCounted() throws Exception {
        register("echo", c -> ToolResult.text(String.valueOf(c.context().enhancements().size())));
        engine.addPlugin(1, req -> {
            throw new IllegalStateException("plugin bug");
        }, "broken", 10);
        engine.addPlugin(2, req -> Optional.of(Enhancement.metadata("fine", Map.of("k", 1))), "fine", 0);

        ToolResult r = get(call("echo", Map.of()));

        assertThat(r.text()).isEqualTo("1");
        assertThat(r.meta()).containsEntry(Engine.META_ENHANCEMENTS, Map.of("fine", Map.of("k", 1)));
        assertThat(engine.counters()).containsEntry("pluginFailures", 1L);
    }

    // ------------------------------------------------------------------ depth

    @Test
    void aCallDeeperThanEightIsRefusedWithAnErrorResult() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        register("deep", c -> ToolResult.text("ran " + invocations.incrementAndGet()));

        ToolResult r = get(call(engine, "deep", Map.of(), 9));

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("Call depth limit of 8 exceeded calling deep");
        assertThat(invocations).hasValue(0);
    }

    @Test
    void aCallAtDepthEightRuns() throws Exception {
        register("deep", c -> ToolResult.text("ran"));

        assertThat(get(call(engine, "deep", Map.of(), 8)).text()).isEqualTo("ran");
    }

    // ------------------------------------------------------------------ events

    @Test
    void aSuccessfulCallPublishesRequestCompletedWithToolOutcomeAndDuration() throws Exception {
        register("echo", c -> ToolResult.text("x"));

        ToolResult r = get(call("echo", Map.of()));
        SessionEvent e = eventOf(r);

        assertThat(e.type()).isEqualTo(SessionEventTypes.REQUEST_COMPLETED);
        assertThat(e.sessionId()).isEqualTo("s1");
        assertThat(e.data()).containsEntry(SessionEventTypes.TOOL, "echo")
                .containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_SUCCESS);
        assertThat(e.data().get(SessionEventTypes.DURATION_MICROS)).isInstanceOf(Long.class);
        assertThat((Long) e.data().get(SessionEventTypes.DURATION_MICROS)).isNotNegative();
    }

    @Test
    void aFailedCallPublishesRequestFailedWithItsOutcome() throws Exception {
        register("boom", c -> {
            throw new IllegalStateException("x");
        });

        SessionEvent e = eventOf(get(call("boom", Map.of())));

        assertThat(e.type()).isEqualTo(SessionEventTypes.REQUEST_FAILED);
        assertThat(e.data()).containsEntry(SessionEventTypes.TOOL, "boom")
                .containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_INTERNAL_ERROR)
                .containsEntry(SessionEventTypes.ERROR_CLASS, "IllegalStateException")
                .containsKey(SessionEventTypes.DURATION_MICROS);
    }

    @Test
    void anErrorResultPublishesRequestFailedWithOutcomeToolError() throws Exception {
        register("refuse", c -> ToolResult.error("no"));

        SessionEvent e = eventOf(get(call("refuse", Map.of())));

        assertThat(e.type()).isEqualTo(SessionEventTypes.REQUEST_FAILED);
        assertThat(e.data()).containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_TOOL_ERROR);
    }

    @Test
    void aTimeoutPublishesOutcomeTimeout() throws Exception {
        CountDownLatch never = latch();
        register("slow", c -> {
            never.await();
            return ToolResult.text("late");
        });
        policy(engine, "slow", Map.of("timeoutMs", 50));

        SessionEvent e = eventOf(get(call("slow", Map.of())));

        assertThat(e.data()).containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_TIMEOUT);
    }

    @Test
    void aTooDeepCallPublishesDeniedWithoutArgumentBytes() throws Exception {
        register("deep", c -> ToolResult.text("ran"));

        SessionEvent e = eventOf(get(call(engine, "deep", Map.of("x", 1), 9)));

        assertThat(e.data()).containsEntry(SessionEventTypes.OUTCOME, SessionEventTypes.OUTCOME_DENIED)
                .containsEntry(SessionEventTypes.ERROR_CLASS, "DepthExceeded")
                .containsEntry(SessionEventTypes.ARGUMENT_BYTES, 0)
                .containsEntry(SessionEventTypes.DEPTH, 9);
    }

    @Test
    void anUnknownToolPublishesRequestFailed() {
        outcome(engine, "ghost", Map.of(), 0);

        Await.until("request_failed of ghost", () -> events.stream().anyMatch(e ->
                e.type().equals(SessionEventTypes.REQUEST_FAILED) && "ghost".equals(e.data().get(SessionEventTypes.TOOL))
                        && SessionEventTypes.OUTCOME_UNKNOWN_TOOL.equals(e.data().get(SessionEventTypes.OUTCOME))));
    }

    // ------------------------------------------------------------------ drain

    @Test
    void drainWaitsForInFlightCalls() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = latch();
        register("busy", c -> {
            started.countDown();
            release.await();
            return ToolResult.text("finished");
        });
        CompletableFuture<ToolResult> inFlight = call("busy", Map.of());
        assertThat(started.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

        assertThat(engine.drain(50)).as("drain while the call runs").isFalse();
        release.countDown();

        assertThat(engine.drain(WAIT)).isTrue();
        assertThat(inFlight).isCompletedWithValueMatching(r -> r.text().equals("finished"));
    }

    @Test
    void callsDuringDrainAreRefusedWithAnErrorResult() throws Exception {
        register("echo", c -> ToolResult.text("x"));

        assertThat(engine.drain(WAIT)).isTrue();
        ToolResult r = get(call("echo", Map.of()));

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("The server is shutting down; try again shortly.");
    }

    @Test
    void aToolWhoseAnnotationsThrowGivesAnInternalErrorResultNotAnException() throws Exception {
        Tool broken = new Tool() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String description() {
                return "";
            }

            @Override
            public Map<String, Object> inputSchema() {
                return Map.of("type", "object");
            }

            @Override
            public ToolAnnotations annotations() {
                throw new IllegalStateException("secret detail");
            }

            @Override
            public ToolResult call(ToolCall call) {
                return ToolResult.text("never");
            }
        };
        engine.addTool(new RegisteredTool(broken, "broken", 0, serviceIds.incrementAndGet(), 1, "b"));
        policy(engine, "broken", Map.of("cacheTtlMs", 1000));
        ToolResult r = get(call("broken", Map.of()));
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).matches("Internal error in broken \\(ref [a-z0-9-]+\\)").doesNotContain("secret");
    }

    @Test
    void aRequestForAnUnknownToolIsRememberedWithoutItsArguments() {
        engine.sessions().open("s1", dev.autonomy.foundation.api.session.McpRequest.ClientInfo.UNKNOWN, "test");
        outcome(engine, "nope", Map.of("big", "x".repeat(1000)), 0);
        Await.until("the refused request recorded", () -> !engine.sessions().recent("s1").isEmpty());
        assertThat(engine.sessions().recent("s1").get(0).arguments()).isEmpty();
    }

    @Test
    void theDeadlineOfACallFollowsTheToolsPolicy() {
        register("tuned", call -> ToolResult.text("x"));
        policy(engine, "tuned", Map.of("timeoutMs", 100, "retries", 2, "retryBackoffMs", 10));

        // 3 attempts of 100 ms, pauses of 10 and 20 ms, and the grace of 10 s
        assertThat(engine.deadlineMs("tuned")).isEqualTo(10_330);
    }

    @Test
    void aPolicyChangeIsSeenByTheNextResolution() {
        register("tuned", call -> ToolResult.text("x"));
        assertThat(engine.policy("tuned").policy().timeoutMs()).isEqualTo(30_000);
        policy(engine, "tuned", Map.of("timeoutMs", 77));
        assertThat(engine.policy("tuned").policy().timeoutMs()).isEqualTo(77);
        engine.updateSettings(ServerSettings.DEFAULTS);
        assertThat(engine.policy("tuned").policy().timeoutMs()).isEqualTo(77);
    }
}
