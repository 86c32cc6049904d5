package dev.autonomy.it;

import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.container.Registrations;
import dev.autonomy.testkit.container.Shell;
import dev.autonomy.testkit.traffic.TestTool;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.FileInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The foundation in a real Felix with the distribution's bundles: whiteboard registration and removal, ordering,
 * isolation of failing parts, events, live tool policies, hot install of the example bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FoundationIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Inject
    private BundleContext context;

    @Inject
    private ToolInvoker invoker;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Registrations registrations;
    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return Containers.options();
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    @Before
    public void setUp() {
        registrations = new Registrations(context);
    }

    @After
    public void cleanUp() throws Exception {
        registrations.unregisterAll();
        for (org.osgi.service.cm.Configuration c : configurations) {
            c.delete();
        }
    }

    // ------------------------------------------------------------------ helpers

    private <T> ServiceRegistration<T> register(Class<T> type, T service, Object... props) {
        return registrations.register(type, service, props);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> statusTools() {
        ToolResult status = invoker.invoke("server_status", Map.of());
        assertFalse(status.text(), status.isError());
        return (List<Map<String, Object>>) status.structuredContent().orElseThrow().get("tools");
    }

    /** The pipeline's failure counters are the operator's: read from {@code mcp:status}, not from a client tool. */
    private long adapterFailures() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("adapterFailures=(\\d+)")
                .matcher(Shell.call(context, "mcp:status"));
        assertTrue("mcp:status shows the counters", m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    public void serverStatusTellsClientsNamesFiguresAndHealthButNoPolicyOrInternals() {
        register(Tool.class, TestTool.of("probe_status", call -> ToolResult.error("always fails")));
        Await.until("probe_status listed", LIMIT, () -> listed("probe_status"));
        invoker.invoke("probe_status", Map.of());
        Map<String, Object> status = invoker.invoke("server_status", Map.of()).structuredContent().orElseThrow();
        assertEquals(java.util.Set.of("server", "version", "uptimeSeconds", "tools", "sessions"), status.keySet());
        Map<String, Object> probe = statusTools().stream().filter(t -> "probe_status".equals(t.get("name")))
                .findFirst().orElseThrow();
        assertEquals(java.util.Set.of("name", "calls", "errors", "meanMicros", "maxMicros", "health"),
                probe.keySet());
        assertEquals("failing", probe.get("health"));
        // the operator still sees the policy
        assertTrue(policyOf("probe_status").contains("timeoutMs="));
    }

    private boolean listed(String tool) {
        return statusTools().stream().anyMatch(t -> tool.equals(t.get("name")));
    }

    /** A tool's effective policy, as the operator reads it. */
    private String policyOf(String tool) {
        return Shell.call(context, "mcp:policy " + tool);
    }

    private void policy(String factoryPid, String tool, Object... keyValues) throws Exception {
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration(factoryPid, tool + "-"
                + System.nanoTime(), "?");
        Dictionary<String, Object> d = new Hashtable<>();
        d.put("tool", tool);
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        c.update(d);
        configurations.add(c);
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void toolRegistrationAndRemovalAreLive() {
        ServiceRegistration<Tool> reg = register(Tool.class, TestTool.of("probe_echo",
                call -> ToolResult.text("echo " + call.arguments())));
        Await.until("probe_echo listed", LIMIT, () -> listed("probe_echo"));
        ToolResult r = invoker.invoke("probe_echo", Map.of("a", 1));
        assertEquals("echo {a=1}", r.text());
        assertTrue("result carries its request id", r.meta().get("dev.autonomy/requestId") instanceof String);
        reg.unregister();
        Await.until("probe_echo gone", LIMIT, () -> !listed("probe_echo"));
        assertTrue(invoker.invoke("probe_echo", Map.of()).text().contains("Unknown tool"));
    }

    @Test
    public void higherRankedToolShadowsSameNameAndRemovalRestoresTheOther() {
        register(Tool.class, TestTool.of("probe_dup", call -> ToolResult.text("low")));
        ServiceRegistration<Tool> high = register(Tool.class, TestTool.of("probe_dup",
                call -> ToolResult.text("high")), Constants.SERVICE_RANKING, 10);
        Await.until("high wins", LIMIT, () -> "high".equals(invoker.invoke("probe_dup", Map.of()).text()));
        high.unregister();
        Await.until("low is back", LIMIT, () -> "low".equals(invoker.invoke("probe_dup", Map.of()).text()));
    }

    @Test
    public void adaptersRunInRankingOrderAndAFailingOneIsIsolated() {
        long failuresBefore = adapterFailures();
        register(ContextAdapter.class, base -> base.withExtension("first", base.extensions().size()),
                Constants.SERVICE_RANKING, 10);
        register(ContextAdapter.class, base -> {
            throw new IllegalStateException("broken adapter");
        }, Constants.SERVICE_RANKING, 5);
        register(ContextAdapter.class, base -> base.withExtension("second", base.extensions().size()),
                Constants.SERVICE_RANKING, 1);
        register(Tool.class, TestTool.of("probe_context",
                call -> ToolResult.text("first=" + call.context().extension("first").orElse(null) + ", second="
                        + call.context().extension("second").orElse(null))));
        Await.until("probe_context listed", LIMIT, () -> listed("probe_context"));
        ToolResult r = invoker.invoke("probe_context", Map.of());
        assertFalse(r.text(), r.isError());
        // other bundles' adapters (ranking 0, e.g. the agent creator's) run after these three
        assertEquals("first=0, second=1", r.text());
        long failuresAfter = adapterFailures();
        assertTrue("the failure was counted", failuresAfter > failuresBefore);
    }

    @Test
    public void pluginEnhancementsReachTheToolAndTheResultMeta() {
        register(Plugin.class, request -> Optional.of(new Enhancement("probe-plugin",
                Map.of("seen", request.toolName()), Optional.of(new RoutingAdvice("cap", Map.of("a", 2.0))))),
                Plugin.NAME, "probe-plugin");
        register(Plugin.class, request -> {
            throw new IllegalStateException("broken plugin");
        }, Plugin.NAME, "broken-plugin");
        register(Tool.class, TestTool.of("probe_enh", call -> ToolResult.text(
                call.context().enhancements().get(0).routing().orElseThrow().weights().toString())));
        Await.until("probe_enh listed", LIMIT, () -> listed("probe_enh"));
        ToolResult r = invoker.invoke("probe_enh", Map.of());
        assertEquals("{a=2.0}", r.text());
        assertEquals(Map.of("probe-plugin", Map.of("seen", "probe_enh")), r.meta().get("dev.autonomy/enhancements"));
    }

    @Test
    public void invalidArgumentsGiveAReadableErrorResult() {
        register(Tool.class, new TestTool("probe_text", TestTool.TEXT_SCHEMA, ToolAnnotations.DEFAULTS,
                call -> ToolResult.text("ok")));
        Await.until("probe_text listed", LIMIT, () -> listed("probe_text"));
        ToolResult bad = invoker.invoke("probe_text", Map.of("text", 5));
        assertTrue(bad.isError());
        assertTrue(bad.text(), bad.text().startsWith("Invalid arguments for tool probe_text"));
        ToolResult missing = invoker.invoke("probe_text", Map.of());
        assertTrue(missing.text(), missing.isError() && missing.text().contains("text"));
        assertEquals("ok", invoker.invoke("probe_text", Map.of("text", "x")).text());
    }

    @Test
    public void aToolThatThrowsGivesAnInternalErrorWithAReferenceAndNoTrace() {
        register(Tool.class, TestTool.of("probe_crash", call -> {
            throw new IllegalStateException("secret detail /etc/passwd");
        }));
        Await.until("probe_crash listed", LIMIT, () -> listed("probe_crash"));
        ToolResult r = invoker.invoke("probe_crash", Map.of());
        assertTrue(r.isError());
        assertTrue(r.text(), r.text().matches("Internal error in probe_crash \\(ref [a-z0-9-]+\\)"));
    }

    @Test
    public void eventHandlersGetTheirTypesOnly() {
        List<SessionEvent> seen = new CopyOnWriteArrayList<>();
        register(EventHandler.class, (EventHandler) event -> {
            seen.add(event);
            return Optional.empty();
        }, EventHandler.EVENT_TYPES, new String[]{SessionEventTypes.REQUEST_FAILED});
        register(Tool.class, TestTool.of("probe_fail", call -> ToolResult.error("nope")));
        register(Tool.class, TestTool.of("probe_ok", call -> ToolResult.text("fine")));
        Await.until("tools listed", LIMIT, () -> listed("probe_fail") && listed("probe_ok"));
        invoker.invoke("probe_ok", Map.of());
        invoker.invoke("probe_fail", Map.of());
        Await.until("request_failed delivered", LIMIT, () -> seen.stream().anyMatch(e ->
                "probe_fail".equals(e.data().get(SessionEventTypes.TOOL))));
        for (SessionEvent e : seen) {
            assertEquals(SessionEventTypes.REQUEST_FAILED, e.type());
        }
        SessionEvent failed = seen.stream().filter(e -> "probe_fail".equals(e.data().get(SessionEventTypes.TOOL)))
                .findFirst().orElseThrow();
        assertEquals(SessionEventTypes.OUTCOME_TOOL_ERROR, failed.data().get(SessionEventTypes.OUTCOME));
        assertTrue(failed.data().get(SessionEventTypes.DURATION_MICROS) instanceof Number);
    }

    @Test
    public void timeoutPolicyAppliesToTheNextCall() throws Exception {
        register(Tool.class, TestTool.of("probe_slow", call -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!call.isCancelled() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return ToolResult.text("finished");
        }));
        Await.until("probe_slow listed", LIMIT, () -> listed("probe_slow"));
        policy("dev.autonomy.tool.policy", "probe_slow", "timeoutMs", "100");
        Await.until("policy applied", LIMIT, () -> policyOf("probe_slow").contains("timeoutMs=100,"));
        ToolResult r = invoker.invoke("probe_slow", Map.of());
        assertTrue(r.text(), r.isError() && r.text().contains("timed out after 100 ms"));
    }

    @Test
    public void concurrencyLimitAnswersBusyAtOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        register(Tool.class, TestTool.of("probe_block", call -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return ToolResult.text("released");
        }));
        Await.until("probe_block listed", LIMIT, () -> listed("probe_block"));
        policy("dev.autonomy.tool.policy", "probe_block", "maxConcurrency", 1);
        Await.until("policy applied", LIMIT, () -> policyOf("probe_block").contains("maxConcurrency=1,"));
        CompletableFuture<ToolResult> first = CompletableFuture.supplyAsync(() ->
                invoker.invoke("probe_block", Map.of()));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        ToolResult second = invoker.invoke("probe_block", Map.of());
        assertTrue(second.text(), second.isError() && second.text().contains("busy"));
        release.countDown();
        assertEquals("released", first.get(10, TimeUnit.SECONDS).text());
    }

    @Test
    public void cacheServesRepeatedCallsOfPureTools() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        register(Tool.class, new TestTool("probe_pure", TestTool.ANY_SCHEMA, ToolAnnotations.PURE,
                call -> ToolResult.text("n" + calls.incrementAndGet())));
        Await.until("probe_pure listed", LIMIT, () -> listed("probe_pure"));
        policy("dev.autonomy.tool.policy", "probe_pure", "cacheTtlMs", 60000);
        Await.until("policy applied", LIMIT, () -> policyOf("probe_pure").contains("cacheTtlMs=60000,"));
        String a1 = invoker.invoke("probe_pure", Map.of("x", 1)).text();
        String a2 = invoker.invoke("probe_pure", Map.of("x", 1)).text();
        String b = invoker.invoke("probe_pure", Map.of("x", 2)).text();
        assertEquals(a1, a2);
        assertFalse(a1.equals(b));
        assertEquals(2, calls.get());
    }

    @Test
    public void retriesRecoverTransientFailuresOfIdempotentTools() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        register(Tool.class, new TestTool("probe_flaky", TestTool.ANY_SCHEMA, ToolAnnotations.PURE, call -> {
            if (attempts.incrementAndGet() % 3 != 0) {
                throw new IllegalStateException("transient");
            }
            return ToolResult.text("ok after " + attempts.get());
        }));
        Await.until("probe_flaky listed", LIMIT, () -> listed("probe_flaky"));
        policy("dev.autonomy.tool.policy", "probe_flaky", "retries", 2, "retryBackoffMs", 1);
        Await.until("policy applied", LIMIT, () -> policyOf("probe_flaky").contains("retries=2,"));
        ToolResult r = invoker.invoke("probe_flaky", Map.of());
        assertFalse(r.text(), r.isError());
        assertEquals("ok after 3", r.text());
    }

    @Test
    public void autonomyOverridesAreClampedToTheOperatorsBounds() throws Exception {
        register(Tool.class, TestTool.of("probe_bounded", call -> ToolResult.text("x")));
        Await.until("probe_bounded listed", LIMIT, () -> listed("probe_bounded"));
        policy("dev.autonomy.tool.policy", "probe_bounded", "timeoutMs", 1000, "max.timeoutMs", 2000);
        policy("dev.autonomy.tool.policy.auto", "probe_bounded", "timeoutMs", 9000);
        Await.until("autonomy override clamped to 2000", LIMIT,
                () -> policyOf("probe_bounded").contains("timeoutMs=2000,"));
    }

    @Test
    public void theExampleBundleComesAndGoesAtRunTime() throws Exception {
        Bundle example;
        try (InputStream in = new FileInputStream(Containers.exampleJar())) {
            example = context.installBundle("test:text-tools", in);
        }
        try {
            example.start();
            Await.until("text_word_count listed", LIMIT, () -> listed("text_word_count"));
            ToolResult r = invoker.invoke("text_word_count", Map.of("text", "a b\nc"));
            assertFalse(r.text(), r.isError());
            assertEquals(3, ((Number) r.structuredContent().orElseThrow().get("words")).intValue());
        } finally {
            example.uninstall();
        }
        Await.until("text_word_count gone", LIMIT, () -> !listed("text_word_count"));
    }

    @Test
    public void aHiddenToolIsCallableInsideTheContainerButNotShownToClients() {
        register(Tool.class, TestTool.of("probe_hidden", call -> ToolResult.text("inside")), Tool.HIDDEN, true);
        ToolResult r = Await.value("probe_hidden callable", LIMIT, () -> invoker.invoke("probe_hidden", Map.of()),
                x -> !x.isError());
        assertEquals("inside", r.text());
        assertFalse("server_status, which clients call, leaves hidden tools out", listed("probe_hidden"));
    }
}
