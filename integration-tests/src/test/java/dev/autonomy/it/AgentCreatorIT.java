package dev.autonomy.it;

import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Configurations;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.container.Services;
import dev.autonomy.testkit.container.Shell;
import dev.autonomy.testkit.traffic.TestTool;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Plugin 2 in a real Felix with the real governor, agent registry and foundation: agents built from specs, from a
 * capability gap and from client source are compiled, checked, tested, installed as bundles and served through
 * {@code agent_route}; removed and rolled back; and bad input of every kind fails at its stage, leaving the
 * container with the bundles it had.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgentCreatorIT {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ToolInvoker invoker;

    @Configuration
    public Option[] config() {
        return Containers.optionsWithOwnData("creator-it");
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    @Before
    public void setUp() throws Exception {
        start(Containers.exampleJar());
        start(example("echo-agents-bundle"));
        update("dev.autonomy.governor", Map.of("modes", new String[]{"agent-creation=auto",
                "agent-creation.agent.create.gap=suggest"}, "agentsPerHour", 1000, "defaultActionsPerHour", 1000,
                "globalActionsPerHour", 5000, "runawayRollbacks", 1000));
        update("dev.autonomy.agent.creator", Map.of("allowClientSource", true, "sourceAttemptsPerHour", 1000,
                "testTimeoutMs", 300L));
        Await.until("agent-creation in mode auto", LIMIT,
                () -> governor().mode("agent-creation", "agent.create") == Mode.AUTO
                        && governor().mode("agent-creation", "agent.create.gap") == Mode.SUGGEST);
        Await.until("agent_create, text_reverse and agent_upper callable", LIMIT,
                () -> shell("mcp:tools").contains("agent_create") && !invoker.invoke("text_reverse",
                        Map.of("text", "a")).isError() && shell("mcp:tools").contains("agent_upper"));
        Await.until("the creator's executor bound", LIMIT, () -> invoker.invoke("autonomy_status", Map.of())
                .structuredContent().map(m -> m.get("executors")).map(e -> ((List<?>) e).contains("agent-creation"))
                .orElse(false));
        Await.until("the creator's settings applied", LIMIT,
                () -> shell("autonomy:capabilities --no-format").contains("clientSource=true"));
    }

    // ------------------------------------------------------------------ specs and sources

    private static Map<String, Object> spec(String id, String capability, List<Object> steps, List<String> tools,
                                            Map<String, Object> testInput, Map<String, Object> expect) {
        Map<String, Object> text = Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string")),
                "required", List.of("text"));
        Map<String, Object> cap = new LinkedHashMap<>();
        cap.put("name", capability);
        cap.put("description", "test capability");
        cap.put("inputSchema", text);
        cap.put("outputSchema", text);
        cap.put("steps", steps);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("description", "agent " + id);
        s.put("capabilities", List.of(cap));
        s.put("tools", tools);
        s.put("tests", List.of(Map.of("name", "example", "capability", capability, "input", testInput,
                "expect", expect)));
        return s;
    }

    /** {@code text.<id>}: reverses the text with the tool text_reverse and appends {@code suffix}. */
    private static Map<String, Object> reverseSpec(String id, String suffix) {
        return spec(id, "text." + id, List.of(
                        Map.of("id", "r", "call", "text_reverse", "args", Map.of("text", "${/input/text}")),
                        Map.of("id", "o", "template", Map.of("text", "${/r/text}" + suffix))),
                List.of("text_reverse"), Map.of("text", "abc"), Map.of("text", "cba" + suffix));
    }

    private static String source(String id, String body) {
        return "import dev.autonomy.foundation.api.agent.*;\n"
                + "import dev.autonomy.foundation.api.tool.*;\n"
                + "import java.util.*;\n"
                + "public final class Custom implements Agent {\n"
                + "  private final ToolInvoker tools;\n"
                + "  public Custom(ToolInvoker tools) { this.tools = tools; }\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String version() { return \"1.0.0\"; }\n"
                + "  public String description() { return \"client source\"; }\n"
                + "  public List<Capability> capabilities() {\n"
                + "    Map<String, Object> s = Map.of(\"type\", \"object\", \"properties\", Map.of(\"text\","
                + " Map.of(\"type\", \"string\")));\n"
                + "    return List.of(new Capability(\"text." + id + "\", \"d\", s, s));\n"
                + "  }\n"
                + "  public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {\n"
                + body + "\n"
                + "  }\n"
                + "}\n";
    }

    private static Map<String, Object> sourceSpec(String id) {
        return spec(id, "text." + id, List.of(Map.of("id", "o", "template", Map.of("text", "${/input/text}"))),
                List.of(), Map.of("text", "abc"), Map.of("text", "ABC"));
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void aSpecBecomesAServingAgentThatCanBeRemovedAndRolledBack() throws Exception {
        List<dev.autonomy.foundation.api.session.SessionEvent> heard =
                java.util.Collections.synchronizedList(new ArrayList<>());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(dev.autonomy.foundation.api.session.EventHandler.EVENT_TYPES,
                new String[]{"agent_created", "agent_creation_failed"});
        org.osgi.framework.ServiceRegistration<?> listener = context.registerService(
                dev.autonomy.foundation.api.session.EventHandler.class, e -> {
                    heard.add(e);
                    return java.util.Optional.empty();
                }, props);
        try {
            ToolResult failed = create(Map.of("spec", spec("never_built", "text.never_built", List.of(
                    Map.of("id", "o", "template", Map.of("text", "${/input/text}"))), List.of(),
                    Map.of("text", "a"), Map.of("text", "b"))));
            assertTrue(failed.text(), failed.isError());
            ToolResult ok = create(Map.of("spec", reverseSpec("heard", "~")));
            assertFalse(ok.text(), ok.isError());
            Await.until("agent_created and agent_creation_failed published", LIMIT, () -> {
                synchronized (heard) {
                    return heard.stream().anyMatch(e -> e.type().equals("agent_created")
                            && "heard".equals(e.data().get("agentId")))
                            && heard.stream().anyMatch(e -> e.type().equals("agent_creation_failed")
                            && "never_built".equals(e.data().get("agentId")) && "test".equals(e.data().get("stage")));
                }
            });
        } finally {
            listener.unregister();
        }

        ToolResult created = create(Map.of("spec", reverseSpec("rev_bang", "!")));
        assertFalse(created.text(), created.isError());
        Map<String, Object> out = created.structuredContent().orElseThrow();
        assertEquals("created", out.get("status"));
        assertEquals("agent_rev_bang", out.get("tool"));
        assertTrue(out.toString(), ((Map<?, ?>) out.get("stageMillis")).keySet().containsAll(
                List.of("generate", "compile", "check", "weave", "test", "package", "deploy")));

        assertEquals("olleh!", route("text.rev_bang", "hello"));
        ToolResult direct = invoker.invoke("agent_rev_bang", Map.of("capability", "text.rev_bang",
                "input", Map.of("text", "hello")));
        assertTrue(direct.text(), direct.text().contains("olleh!"));

        Bundle bundle = generated("rev_bang");
        assertEquals("text_reverse", bundle.getHeaders().get(ToolInvoker.TOOL_ACCESS_HEADER));
        assertNull("generated bundles export nothing", bundle.getHeaders().get("Export-Package"));
        assertTrue(shell("agent:source rev_bang").contains("public final class Behavior implements Agent"));

        ToolResult removed = invoker.invoke("agent_remove", Map.of("id", "rev_bang"));
        assertFalse(removed.text(), removed.isError());
        Await.until("agent_rev_bang gone", LIMIT, () -> !shell("mcp:tools").contains("agent_rev_bang"));
        assertTrue(invoker.invoke("agent_route", Map.of("capability", "text.rev_bang",
                "input", Map.of("text", "x"))).isError());
        assertNull(generatedOrNull("rev_bang"));

        ToolResult back = invoker.invoke("agent_rollback", Map.of("id", "rev_bang"));
        assertFalse(back.text(), back.isError());
        assertEquals("olleh!", route("text.rev_bang", "hello"));
        assertTrue(shell("agent:history --no-format --id rev_bang").contains("rolled_back"));
    }

    @Test
    public void aNewRevisionReplacesTheOldAndRollbackRestoresIt() throws Exception {
        assertEquals("created", create(Map.of("spec", reverseSpec("versioned", "1"))).structuredContent()
                .orElseThrow().get("status"));
        assertEquals("cba1", route("text.versioned", "abc"));
        ToolResult second = create(Map.of("spec", reverseSpec("versioned", "2")));
        assertEquals(second.text(), 2L, ((Number) second.structuredContent().orElseThrow().get("revision"))
                .longValue());
        assertEquals("cba2", route("text.versioned", "abc"));
        assertEquals("one bundle per id", 1, generatedAll("versioned").size());

        ToolResult back = invoker.invoke("agent_rollback", Map.of("id", "versioned"));
        assertFalse(back.text(), back.isError());
        assertEquals("cba1", route("text.versioned", "abc"));
        assertEquals("autonomy-agent:versioned/r1", generated("versioned").getLocation());
    }

    @Test
    public void aComposableGapIsDesignedQueuedApprovedInTheShellAndServed() throws Exception {
        // nobody offers text.reverse.upper: the router reports a gap, the creator composes text_reverse + text.upper
        ToolResult miss = invoker.invoke("agent_route", Map.of("capability", "text.reverse.upper",
                "input", Map.of("text", "abc")));
        assertTrue(miss.isError());
        assertTrue("the miss carries a creation opportunity: " + miss.meta(),
                miss.meta().toString().contains("creationOpportunity") && miss.meta().toString().contains(
                        "composable=true"));
        String pid = Await.value("a queued proposal for agent:text_reverse_upper", LIMIT,
                () -> governor().pending().stream().filter(a -> a.target().equals("agent:text_reverse_upper"))
                        .map(a -> a.id()).findFirst().orElse(null), p -> p != null);
        assertEquals("agent.create.gap", governor().proposal(pid).orElseThrow().kind());
        assertTrue(governor().proposal(pid).orElseThrow().payload().get("sha256").toString().matches("[0-9a-f]{64}"));
        assertNull("nothing is installed before approval", generatedOrNull("text_reverse_upper"));

        String approved = shell("autonomy:approve " + pid);
        assertTrue(approved, approved.contains("approved"));
        // text.upper is offered by two echo agents (upper, and shout which adds '!'): either may serve
        String composed = route("text.reverse.upper", "abc");
        assertTrue(composed, composed.matches("CBA!?"));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void toolsSeeTheDynamicAgentContext() throws Exception {
        org.osgi.framework.ServiceRegistration<?> reg = context.registerService(
                dev.autonomy.foundation.api.tool.Tool.class, TestTool.of("probe_agent_context",
                        call -> ToolResult.structured(Map.of("ctx", call.context().extension("dynamic_agent_context")
                                .orElse(Map.of())), "ok")), null);
        try {
            assertEquals("created", create(Map.of("spec", reverseSpec("ctx_agent", "?"))).structuredContent()
                    .orElseThrow().get("status"));
            Map<String, Object> ctx = Await.value("the context showing agent ctx_agent", LIMIT, () -> {
                ToolResult r = invoker.invoke("probe_agent_context", Map.of());
                return r.isError() ? Map.<String, Object>of()
                        : (Map<String, Object>) r.structuredContent().orElseThrow().get("ctx");
            }, m -> String.valueOf(m.get("current_agents")).contains("ctx_agent"));
            assertTrue(ctx.toString(), ((Map<String, Object>) ctx.get("capability_coverage")).containsKey("text.upper"));
            assertTrue(ctx.toString(), String.valueOf(ctx.get("current_agents")).contains("generated=true"));
            assertTrue(ctx.toString(), String.valueOf(ctx.get("agent_creation_history")).contains("ctx_agent"));
            assertTrue(ctx.containsKey("creation_opportunities"));
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void aJarChangedAfterItsProposalIsNeverInstalled() throws Exception {
        shell("autonomy:mode agent-creation.agent.create suggest");
        try {
            ToolResult queued = create(Map.of("spec", reverseSpec("tampered", "!")));
            Map<String, Object> out = queued.structuredContent().orElseThrow();
            assertEquals(out.toString(), "queued", out.get("status"));
            java.nio.file.Path jar = java.nio.file.Path.of(context.getProperty("autonomy.data"), "agents",
                    "tampered", "r1", "agent.jar");
            assertTrue(jar.toString(), java.nio.file.Files.isRegularFile(jar));
            java.nio.file.Files.write(jar, new byte[]{1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

            String approved = shell("autonomy:approve " + out.get("proposalId"));
            assertTrue(approved, approved.contains("does not match the approved SHA-256"));
            assertNull("nothing installed", generatedOrNull("tampered"));
            assertTrue(invoker.invoke("agent_route", Map.of("capability", "text.tampered",
                    "input", Map.of("text", "x"))).isError());
        } finally {
            shell("autonomy:mode --reset agent-creation.agent.create");
        }
    }

    @Test
    public void clientSourceIsCompiledCheckedAndServed() throws Exception {
        ToolResult ok = create(Map.of("spec", sourceSpec("src_upper"), "source", source("src_upper",
                "return ToolResult.structured(Map.of(\"text\", ((String) input.get(\"text\")).toUpperCase()),"
                        + " \"ok\");")));
        assertFalse(ok.text(), ok.isError());
        assertEquals("ABC", route("text.src_upper", "abc"));
    }

    @Test
    public void badInputFailsAtItsStageAndLeavesTheContainerAsItWas() throws Exception {
        Set<String> before = bundles();
        List<String[]> cases = List.of(
                // {stage, expected fragment, kind}
                new String[]{"spec", "/id", "badId"},
                new String[]{"spec", "/capabilities/0/steps/0/call", "undeclaredTool"},
                new String[]{"compile", "Custom.java:", "noCompile"},
                new String[]{"check", "java.lang.Thread", "thread"},
                new String[]{"check", "java.io.File", "file"},
                new String[]{"check", "java.lang.System.exit", "exit"},
                new String[]{"test", "expected", "wrongOutput"},
                new String[]{"test", "time limit", "loops"},
                new String[]{"test", "activation failed", "throwsOnActivation"},
                new String[]{"test", "test 'example'", "throwsInCall"},
                new String[]{"design", "served by bundle", "takeover"},
                new String[]{"design", "may not call 'agent_create'", "reservedTool"});
        for (int i = 0; i < 100; i++) {
            String[] c = cases.get(i % cases.size());
            String id = "bad" + i;
            ToolResult r = create(badCase(c[2], id));
            assertTrue(c[2] + ": " + r.text(), r.isError());
            // schema errors come from the foundation's argument validation (text only), the rest from the creator
            Map<String, Object> out = r.structuredContent().orElse(Map.of("stage", "spec", "reason", r.text()));
            assertEquals(c[2] + ": " + out, c[0], out.get("stage"));
            assertTrue(c[2] + " names " + c[1] + ": " + out, (out.get("reason") + " " + out.get("details"))
                    .contains(c[1]));
        }
        assertEquals("the same bundles as before", before, bundles());
        assertTrue("and still serving", route("text.upper", "cba").matches("CBA!?"));
    }

    private Map<String, Object> badCase(String kind, String id) {
        switch (kind) {
            case "badId":
                return Map.of("spec", reverseSpec("bad-" + id, "!"));
            case "undeclaredTool": {
                Map<String, Object> s = new LinkedHashMap<>(reverseSpec(id, "!"));
                s.put("tools", List.of());
                return Map.of("spec", s);
            }
            case "noCompile":
                return Map.of("spec", sourceSpec(id), "source", source(id, "return undefinedVariable;"));
            case "thread":
                return Map.of("spec", sourceSpec(id), "source", source(id,
                        "new Thread(() -> {}).start(); return ToolResult.text(\"x\");"));
            case "file":
                return Map.of("spec", sourceSpec(id), "source", source(id,
                        "return ToolResult.text(String.valueOf(new java.io.File(\"/etc/passwd\").exists()));"));
            case "exit":
                return Map.of("spec", sourceSpec(id), "source", source(id, "System.exit(1); return null;"));
            case "wrongOutput":
                return Map.of("spec", reverseSpec(id, "!").entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getKey().equals("tests")
                                ? List.of(Map.of("name", "example", "capability", "text." + id, "input",
                                Map.of("text", "abc"), "expect", Map.of("text", "nope"))) : e.getValue())));
            case "loops":
                return Map.of("spec", sourceSpec(id), "source", source(id,
                        "long n = 0; while (n >= 0) { n++; } return ToolResult.text(\"\" + n);"));
            case "throwsOnActivation":
                return Map.of("spec", sourceSpec(id), "source", source(id, "return null;").replace(
                        "this.tools = tools; }", "this.tools = tools; throw new IllegalStateException(\"boom\"); }"));
            case "takeover":
                return Map.of("spec", reverseSpec("upper", "!"));
            case "reservedTool": {
                Map<String, Object> s = new LinkedHashMap<>(reverseSpec(id, "!"));
                s.put("tools", List.of("text_reverse", "agent_create"));
                return Map.of("spec", s);
            }
            case "throwsInCall":
                return Map.of("spec", sourceSpec(id), "source", source(id,
                        "throw new IllegalArgumentException(\"broken agent\");"));
            default:
                throw new AssertionError(kind);
        }
    }

    // ------------------------------------------------------------------ helpers

    private ToolResult create(Map<String, Object> args) {
        return invoker.invoke("agent_create", args);
    }

    private String route(String capability, String text) {
        return Await.value("agent_route " + capability, LIMIT, () -> {
            ToolResult r = invoker.invoke("agent_route", Map.of("capability", capability,
                    "input", Map.of("text", text)));
            return r.isError() ? null : String.valueOf(r.structuredContent().orElseThrow().get("text"));
        }, v -> v != null);
    }

    private Bundle generated(String id) {
        Bundle b = generatedOrNull(id);
        assertNotNull("a bundle for agent " + id, b);
        return b;
    }

    private Bundle generatedOrNull(String id) {
        List<Bundle> all = generatedAll(id);
        return all.isEmpty() ? null : all.get(0);
    }

    private List<Bundle> generatedAll(String id) {
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith("autonomy-agent:" + id + "/")) {
                out.add(b);
            }
        }
        return out;
    }

    private Set<String> bundles() {
        Set<String> out = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            out.add(b.getSymbolicName() + " " + b.getVersion() + " " + b.getState());
        }
        return out;
    }

    private void start(File jar) throws Exception {
        Services.start(context, jar);
    }

    private static File example(String name) {
        return Containers.example(name);
    }

    private void update(String pid, Map<String, Object> values) throws Exception {
        new Configurations(configAdmin).update(pid, values);
    }

    private AutonomyGovernor governor() {
        return Services.service(context, AutonomyGovernor.class);
    }

    private String shell(String command) {
        return Shell.call(context, command);
    }
}
