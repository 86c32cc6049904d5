package dev.autonomy.it;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.container.GeneratedBundle;
import dev.autonomy.testkit.traffic.TestTool;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import javax.inject.Inject;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The seed's decoupling, proven: no Phase 1–3 bundle imports or requires anything of Phase 4, and stopping and
 * uninstalling every autonomy bundle while calls flow fails none of them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DecouplingIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    /** Phase 1–3 bundles of the distribution (those present are checked), besides the examples. */
    private static final Set<String> PHASE_1_TO_3 = Set.of("foundation-api", "mcp-foundation-bundle", "rag-bundle",
            "agents-bundle");
    private static final String API = "dev.autonomy.api";

    @Inject
    private BundleContext context;

    @Inject
    private ToolInvoker invoker;

    @Configuration
    public Option[] config() {
        return Containers.optionsWithOwnData("decoupling-it");
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    // ------------------------------------------------------------------ helpers

    /** The example bundles the distribution ships, installed (not started) once. */
    private List<Bundle> examples() throws Exception {
        File[] jars = Containers.home().resolve("examples").toFile().listFiles((d, n) -> n.endsWith(".jar"));
        assertTrue("the distribution ships example bundles", jars != null && jars.length > 0);
        List<Bundle> out = new ArrayList<>();
        for (File jar : jars) {
            String location = jar.toURI().toString();
            Bundle b = context.getBundle(location);
            out.add(b != null ? b : context.installBundle(location));
        }
        return out;
    }

    private Bundle bundle(String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
    }

    /** Manifest clauses, split at commas outside quotes. */
    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(sb.toString().trim());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        if (sb.length() > 0) {
            out.add(sb.toString().trim());
        }
        return out;
    }

    private static String name(String clause) {
        int semi = clause.indexOf(';');
        return (semi < 0 ? clause : clause.substring(0, semi)).trim();
    }

    /** Whether a dynamic import pattern could pull in an autonomy API package. */
    private static boolean mayMatchApi(String pattern) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return (API + ".").startsWith(prefix) || pattern.startsWith(API);
        }
        return pattern.startsWith(API);
    }

    /** Every way a bundle depends on Phase 4: its headers and its wiring. */
    private static List<String> phase4Dependencies(Bundle b) {
        List<String> out = new ArrayList<>();
        String who = b.getSymbolicName();
        for (String c : clauses(b.getHeaders("").get("Import-Package"))) {
            if (name(c).startsWith(API)) {
                out.add(who + " imports " + name(c));
            }
        }
        for (String c : clauses(b.getHeaders("").get("DynamicImport-Package"))) {
            for (String pattern : name(c).split(";")) {
                if (mayMatchApi(pattern.trim())) {
                    out.add(who + " may import " + API + " dynamically (" + pattern.trim() + ")");
                }
            }
        }
        for (String c : clauses(b.getHeaders("").get("Require-Bundle"))) {
            if (name(c).startsWith("autonomy-")) {
                out.add(who + " requires bundle " + name(c));
            }
        }
        BundleWiring wiring = b.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire w : wiring.getRequiredWires(null)) {
                String provider = w.getProvider().getBundle().getSymbolicName();
                Object pkg = w.getCapability().getAttributes().get("osgi.wiring.package");
                if (provider != null && provider.startsWith("autonomy-")
                        || pkg instanceof String && ((String) pkg).startsWith(API)) {
                    out.add(who + " is wired to " + provider + (pkg == null ? "" : " for " + pkg));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void phase1To3BundlesImportAndRequireNothingOfPhase4() throws Exception {
        List<Bundle> subjects = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (PHASE_1_TO_3.contains(b.getSymbolicName())) {
                subjects.add(b);
            }
        }
        assertTrue("foundation-api and mcp-foundation-bundle are checked", subjects.stream()
                .map(Bundle::getSymbolicName).toList().containsAll(List.of("foundation-api", "mcp-foundation-bundle")));
        // the examples too, except those that are autonomy capabilities themselves (Phase 4: policy-tuner-bundle)
        for (Bundle b : examples()) {
            if (b.getHeaders("").get("Autonomy-Capability") == null) {
                subjects.add(b);
            }
        }
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(subjects);
        List<String> violations = new ArrayList<>();
        for (Bundle b : subjects) {
            assertTrue(b.getSymbolicName() + " resolves", (b.getState() & (Bundle.RESOLVED | Bundle.ACTIVE
                    | Bundle.STARTING)) != 0);
            violations.addAll(phase4Dependencies(b));
        }
        assertEquals("Phase 1-3 bundles depend on Phase 4", List.of(), violations);

        // the check can fail: it does find the control bundle's dependencies
        Bundle control = bundle("autonomy-control-bundle");
        assertTrue(control != null && !phase4Dependencies(control).isEmpty());
    }

    @Test
    public void stoppingAndUninstallingEveryAutonomyBundleFailsNoCall() throws Exception {
        // Phase 1-3 tools to call: the foundation's, an example's and, with Phase 3, agent routing
        Bundle textTools = examples().stream().filter(b -> "text-tools-bundle".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        textTools.start();
        Await.until("text_word_count callable", LIMIT,
                () -> !invoker.invoke("text_word_count", Map.of("text", "a b")).isError());
        Bundle agents = bundle("agents-bundle");
        if (agents != null) {
            assertEquals("agents-bundle is shipped, so routing is part of the load", Bundle.ACTIVE, agents.getState());
        }
        boolean routing = agents != null;
        if (routing) {
            context.registerService(Agent.class, new EchoAgent(), new Hashtable<>());
            Await.until("agent_route routes", LIMIT, () -> !route().isError());
        }
        // a capability bundle, as a plugin would be
        Bundle plugin = context.installBundle("probe:decoupling-capability",
                GeneratedBundle.capabilityBundle("probe-decoupling-capability", "decoupling").stream());
        plugin.start();
        // a call that is in flight while the autonomy bundles go
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        context.registerService(Tool.class, TestTool.of("probe_inflight", call -> {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            return ToolResult.text("finished");
        }), new Hashtable<>());
        Await.until("probe_inflight listed", LIMIT,
                () -> invoker.invoke("server_status", Map.of()).text().contains("probe_inflight"));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    String tool = i % 3 == 0 ? "server_status" : i % 3 == 1 || !routing ? "text_word_count"
                            : "agent_route";
                    try {
                        ToolResult r = tool.equals("server_status") ? invoker.invoke(tool, Map.of())
                                : tool.equals("agent_route") ? route()
                                : invoker.invoke(tool, Map.of("text", "one two three"));
                        if (r.isError()) {
                            failures.add(tool + ": " + r.text());
                        }
                    } catch (RuntimeException e) {
                        failures.add(tool + ": " + e);
                    }
                    calls.incrementAndGet();
                    i++;
                }
            }, "decoupling-load-" + t);
            thread.start();
            load.add(thread);
        }
        CompletableFuture<ToolResult> inFlight = CompletableFuture.supplyAsync(
                () -> invoker.invoke("probe_inflight", Map.of()));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        Await.until("calls flowing", LIMIT, () -> calls.get() > 100);

        List<Bundle> autonomy = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String bsn = b.getSymbolicName();
            if (b.getHeaders("").get("Autonomy-Capability") != null || bsn != null && bsn.startsWith("autonomy-")) {
                autonomy.add(b);
            }
        }
        List<String> names = autonomy.stream().map(Bundle::getSymbolicName).toList();
        assertTrue(names.toString(), names.containsAll(List.of("autonomy-api", "autonomy-control-bundle",
                "probe-decoupling-capability")));
        for (Bundle b : autonomy) {
            b.stop();
        }
        long afterStop = calls.get();
        Await.until("calls flowing after the stop", LIMIT, () -> calls.get() > afterStop + 100);
        for (Bundle b : autonomy) {
            b.uninstall();
        }
        long afterUninstall = calls.get();
        Await.until("calls flowing after the uninstall", LIMIT, () -> calls.get() > afterUninstall + 100);
        release.countDown();
        ToolResult finished = inFlight.get(20, TimeUnit.SECONDS);
        running.set(false);
        for (Thread t : load) {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }

        assertFalse(finished.text(), finished.isError());
        assertEquals("finished", finished.text());
        assertEquals("failed calls", List.of(), List.copyOf(failures));
        assertTrue(invoker.invoke("autonomy_status", Map.of()).isError());
        assertFalse(invoker.invoke("server_status", Map.of()).isError());
    }

    private ToolResult route() {
        return invoker.invoke("agent_route", Map.of("capability", "probe.decoupling", "input",
                Map.of("text", "hi")));
    }

    /** A Phase 3 agent for the routing calls. */
    private static final class EchoAgent implements Agent {
        @Override
        public String id() {
            return "decoupling";
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public String description() {
            return "echoes for DecouplingIT";
        }

        @Override
        public List<Capability> capabilities() {
            return List.of(new Capability("probe.decoupling", "echo", Map.of("type", "object", "properties",
                    Map.of("text", Map.of("type", "string"))), Map.of()));
        }

        @Override
        public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {
            return ToolResult.text("echo " + input.get("text"));
        }
    }
}
