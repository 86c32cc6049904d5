package dev.autonomy.it;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.traffic.TestTool;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The agents bundle in a real Felix with the distribution's bundles: agents come and go as tools, one version per
 * id, refused ids, routing by seeded advice with its events, capability gaps, hidden agent tools, workflows.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgentsIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final String PID = "dev.autonomy.agents";

    @Inject
    private BundleContext context;

    @Inject
    private ToolInvoker invoker;

    @Inject
    private AgentRegistry registry;

    @Inject
    private ConfigurationAdmin configAdmin;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return Containers.options();
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    @After
    public void cleanUp() throws Exception {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test itself
            }
        }
        Configuration c = configAdmin.getConfiguration(PID, "?");
        if (c.getProperties() != null) {
            c.delete();
            Await.until("agents configuration back to defaults", LIMIT,
                    // the registry reads its configuration as a map: an absent key is its default
                    () -> registryProperty("exposeAsTools") == null && registryProperty("routingSeed") == null);
        }
        Await.until("probe agents gone", LIMIT, () -> registry.agents().stream()
                .noneMatch(a -> a.id().startsWith("probe")));
    }

    // ------------------------------------------------------------------ helpers

    private <T> ServiceRegistration<T> register(Class<T> type, T service, Object... props) {
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < props.length; i += 2) {
            d.put((String) props[i], props[i + 1]);
        }
        ServiceRegistration<T> r = context.registerService(type, service, d);
        registrations.add(r);
        return r;
    }

    private ServiceRegistration<Agent> register(ProbeAgent agent) {
        return register(Agent.class, agent);
    }

    /** Collects agent events from now on. */
    private void listen() {
        register(EventHandler.class, (EventHandler) event -> {
            events.add(event);
            return Optional.empty();
        }, EventHandler.EVENT_TYPES, new String[]{SessionEventTypes.AGENT_REGISTERED,
                SessionEventTypes.AGENT_UNREGISTERED, SessionEventTypes.AGENT_ROUTED,
                SessionEventTypes.CAPABILITY_GAP});
    }

    private List<SessionEvent> events(String type, String key, Object value) {
        return events.stream().filter(e -> e.type().equals(type) && Objects.equals(value, e.data().get(key)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> statusTool(String name) {
        ToolResult status = invoker.invoke("server_status", Map.of());
        assertFalse(status.text(), status.isError());
        return ((List<Map<String, Object>>) status.structuredContent().orElseThrow().get("tools")).stream()
                .filter(t -> name.equals(t.get("name"))).findFirst();
    }

    /** Served: listed to clients (server_status) or registered hidden. */
    private boolean served(String tool) {
        return statusTool(tool).isPresent() || hidden(tool);
    }

    /** Hidden: a Tool service of that name with tool.hidden=true, which clients do not see. */
    private boolean hidden(String tool) {
        try {
            var refs = context.getServiceReferences(Tool.class, "(" + Tool.HIDDEN + "=true)");
            for (ServiceReference<Tool> r : refs) {
                Tool t = context.getService(r);
                try {
                    if (t != null && tool.equals(t.name())) {
                        return statusTool(tool).isEmpty();
                    }
                } finally {
                    context.ungetService(r);
                }
            }
            return false;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Object registryProperty(String key) {
        ServiceReference<AgentRegistry> ref = context.getServiceReference(AgentRegistry.class);
        return ref == null ? null : ref.getProperty(key);
    }

    private void configure(Object... keyValues) throws Exception {
        Configuration c = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        c.update(d);
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object value = keyValues[i + 1];
            Await.until("configuration " + key + "=" + value + " applied", LIMIT,
                    () -> value.equals(registryProperty(key)));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> refused() {
        ToolResult list = invoker.invoke("agent_list", Map.of());
        assertFalse(list.text(), list.isError());
        return (List<Map<String, Object>>) list.structuredContent().orElseThrow().get("refused");
    }

    private ToolResult route(String capability, Map<String, Object> input) {
        return invoker.invoke("agent_route", Map.of("capability", capability, "input", input));
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void agentsComeAndGoAsToolsWithEvents() {
        listen();
        ProbeAgent agent = ProbeAgent.echo("probe_come", "1.0.0", "probe.come");
        ServiceRegistration<Agent> reg = register(agent);
        // The tool is registered first, then the registry shows the agent: the router never picks a missing tool.
        Await.until("agent_probe_come served and known", LIMIT, () -> served("agent_probe_come")
                && registry.agent("probe_come").isPresent());
        assertEquals("1.0.0", registry.agent("probe_come").orElseThrow().version());
        assertEquals(List.of("probe_come"), registry.providersOf("probe.come").stream()
                .map(AgentRegistry.AgentInfo::id).toList());
        Await.until("agent_registered", LIMIT, () -> !events(SessionEventTypes.AGENT_REGISTERED,
                SessionEventTypes.AGENT_ID, "probe_come").isEmpty());
        SessionEvent registered = events(SessionEventTypes.AGENT_REGISTERED, SessionEventTypes.AGENT_ID,
                "probe_come").get(0);
        assertEquals("1.0.0", registered.data().get(SessionEventTypes.VERSION));
        assertEquals(List.of("probe.come"), registered.data().get(SessionEventTypes.CAPABILITIES));

        ToolResult r = invoker.invoke("agent_probe_come", Map.of("capability", "probe.come", "input",
                Map.of("text", "hi")));
        assertFalse(r.text(), r.isError());
        assertEquals("probe_come 1.0.0: hi", r.text());
        ToolResult invalid = invoker.invoke("agent_probe_come", Map.of("capability", "probe.come", "input",
                Map.of("text", 5)));
        assertTrue(invalid.text(), invalid.isError() && invalid.text().startsWith("Invalid arguments"));
        assertEquals("invalid input never reaches the agent", 1, agent.calls.get());
        assertEquals(1L, registry.agent("probe_come").orElseThrow().statistics().get("calls"));

        reg.unregister();
        Await.until("agent_probe_come gone", LIMIT, () -> !served("agent_probe_come"));
        assertTrue(registry.agent("probe_come").isEmpty());
        Await.until("agent_unregistered", LIMIT, () -> !events(SessionEventTypes.AGENT_UNREGISTERED,
                SessionEventTypes.AGENT_ID, "probe_come").isEmpty());
    }

    @Test
    public void aHigherVersionReplacesALowerOneOfTheSameId() {
        register(ProbeAgent.echo("probe_ver", "1.0.0", "probe.ver"));
        Await.until("1.0.0 serves", LIMIT, () -> registry.agent("probe_ver").map(a -> a.version().equals("1.0.0"))
                .orElse(false));
        ServiceRegistration<Agent> newer = register(ProbeAgent.echo("probe_ver", "1.10.0", "probe.ver"));
        register(ProbeAgent.echo("probe_ver", "1.9.0", "probe.ver"));
        Await.until("1.10.0 serves", LIMIT, () -> registry.agent("probe_ver").map(a -> a.version()
                .equals("1.10.0")).orElse(false));
        Await.until("the tool calls 1.10.0", LIMIT, () -> invoker.invoke("agent_probe_ver", Map.of("capability",
                "probe.ver", "input", Map.of("text", "x"))).text().equals("probe_ver 1.10.0: x"));
        assertEquals(1, registry.providersOf("probe.ver").size());
        newer.unregister();
        Await.until("1.9.0 takes over", LIMIT, () -> registry.agent("probe_ver").map(a -> a.version()
                .equals("1.9.0")).orElse(false));
        assertTrue(served("agent_probe_ver"));
    }

    @Test
    public void collidingIdsAreRefused() {
        register(ProbeAgent.echo("list", "1.0.0", "probe.collide"));
        register(ProbeAgent.echo("probe-dash", "1.0.0", "probe.collide"));
        register(Tool.class, TestTool.of("agent_probe_taken", call -> ToolResult.text("the other bundle's")));
        Await.until("agent_probe_taken served", LIMIT, () -> served("agent_probe_taken"));
        register(ProbeAgent.echo("probe_taken", "1.0.0", "probe.collide"));
        Await.until("three refusals", LIMIT, () -> refused().size() == 3);
        Map<String, String> reasons = new java.util.HashMap<>();
        refused().forEach(r -> reasons.put((String) r.get("id"), (String) r.get("reason")));
        assertTrue(reasons.get("list"), reasons.get("list").contains("built-in tool"));
        assertTrue(reasons.get("probe-dash"), reasons.get("probe-dash").contains("'_'"));
        assertTrue(reasons.get("probe_taken"), reasons.get("probe_taken").contains("already registered"));
        assertTrue(registry.providersOf("probe.collide").isEmpty());
        assertEquals("the other bundle's", invoker.invoke("agent_probe_taken", Map.of()).text());
        assertFalse("agent_list is still the built-in", invoker.invoke("agent_list", Map.of()).isError());
    }

    @Test
    public void routingFollowsSeededAdviceAndLogsPropensities() throws Exception {
        listen();
        register(ProbeAgent.echo("probe_a", "1.0.0", "probe.route"));
        register(ProbeAgent.echo("probe_b", "1.0.0", "probe.route"));
        register(Plugin.class, request -> Optional.of(new Enhancement("probe-router", Map.of(), Optional.of(
                new RoutingAdvice("probe.route", Map.of("probe_a", 9.0, "probe_b", 1.0))))), Plugin.NAME,
                "probe-router");
        configure("routingSeed", 42L);
        Await.until("both agents serve", LIMIT, () -> registry.providersOf("probe.route").size() == 2);
        int toA = 0;
        for (int i = 0; i < 200; i++) {
            ToolResult r = route("probe.route", Map.of("text", "n" + i));
            assertFalse(r.text(), r.isError());
            if (r.text().startsWith("probe_a ")) {
                toA++;
            }
        }
        assertTrue("80..98 % to probe_a, was " + toA + " of 200", toA >= 160 && toA <= 196);
        Await.until("200 agent_routed events", LIMIT, () -> events(SessionEventTypes.AGENT_ROUTED,
                SessionEventTypes.CAPABILITY, "probe.route").size() == 200);
        long routedToA = 0;
        for (SessionEvent e : events(SessionEventTypes.AGENT_ROUTED, SessionEventTypes.CAPABILITY, "probe.route")) {
            String chosen = (String) e.data().get(SessionEventTypes.CHOSEN);
            double propensity = ((Number) e.data().get(SessionEventTypes.PROPENSITY)).doubleValue();
            assertEquals(chosen, chosen.equals("probe_a") ? 0.9 : 0.1, propensity, 1e-9);
            assertEquals(List.of("probe_a", "probe_b"), e.data().get(SessionEventTypes.CANDIDATES));
            assertEquals(e.sessionId(), e.data().get(SessionEventTypes.SESSION_ID));
            routedToA += chosen.equals("probe_a") ? 1 : 0;
        }
        assertEquals(toA, routedToA);
    }

    @Test
    public void theSameSeedRoutesTheSameWay() throws Exception {
        register(ProbeAgent.echo("probe_x", "1.0.0", "probe.seed"));
        register(ProbeAgent.echo("probe_y", "1.0.0", "probe.seed"));
        Await.until("both agents serve", LIMIT, () -> registry.providersOf("probe.seed").size() == 2);
        configure("routingSeed", 7L);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(route("probe.seed", Map.of("text", "")).text());
        }
        configure("routingSeed", 8L);
        configure("routingSeed", 7L);
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            second.add(route("probe.seed", Map.of("text", "")).text());
        }
        assertEquals(first, second);
        assertTrue("both agents chosen at some point", first.stream().distinct().count() == 2);
    }

    @Test
    public void noProviderIsAnErrorNamingTheCapabilityAndACapabilityGap() {
        listen();
        ToolResult r = route("probe.nobody", Map.of("text", "private words", "count", 3));
        assertTrue(r.isError());
        assertTrue(r.text(), r.text().contains("'probe.nobody'"));
        Await.until("capability_gap", LIMIT, () -> !events(SessionEventTypes.CAPABILITY_GAP,
                SessionEventTypes.CAPABILITY, "probe.nobody").isEmpty());
        SessionEvent gap = events(SessionEventTypes.CAPABILITY_GAP, SessionEventTypes.CAPABILITY, "probe.nobody")
                .get(0);
        assertEquals(Map.of("text", "string", "count", "integer"), gap.data().get(SessionEventTypes.INPUT_SHAPE));
        assertTrue(String.valueOf(gap.data()), ((String) gap.data().get(SessionEventTypes.SESSION_ID))
                .startsWith("internal:"));
        assertFalse("no values in the event", gap.data().toString().contains("private words"));
    }

    @Test
    public void hiddenAgentToolsAreStillRouted() throws Exception {
        register(ProbeAgent.echo("probe_shown", "1.0.0", "probe.hidden"));
        Await.until("agent_probe_shown served, listed", LIMIT, () -> served("agent_probe_shown")
                && !hidden("agent_probe_shown"));
        configure("exposeAsTools", false);
        Await.until("agent_probe_shown hidden", LIMIT, () -> hidden("agent_probe_shown"));
        register(ProbeAgent.echo("probe_hid", "1.0.0", "probe.hidden2"));
        Await.until("agent_probe_hid served hidden", LIMIT, () -> hidden("agent_probe_hid")
                && registry.agent("probe_hid").isPresent());
        assertFalse("the built-in tools stay listed", hidden("agent_route"));
        ToolResult r = route("probe.hidden2", Map.of("text", "psst"));
        assertFalse(r.text(), r.isError());
        assertEquals("probe_hid 1.0.0: psst", r.text());
        configure("exposeAsTools", true);
        Await.until("agent tools listed again", LIMIT, () -> served("agent_probe_hid") && !hidden("agent_probe_hid")
                && !hidden("agent_probe_shown"));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aWorkflowPassesEachOutputOn() {
        register(new ProbeAgent("probe_up", "1.0.0", List.of("probe.wf.upper"), (c, in) -> ToolResult.structured(
                Map.of("text", ((String) in.get("text")).toUpperCase()), "upper")));
        register(new ProbeAgent("probe_wrap", "1.0.0", List.of("probe.wf.wrap"), (c, in) -> ToolResult.text(
                in.get("prefix") + "[" + in.get("text") + "]")));
        Await.until("both agents serve", LIMIT, () -> registry.agent("probe_up").isPresent()
                && registry.agent("probe_wrap").isPresent());
        ToolResult r = invoker.invoke("agent_workflow", Map.of("steps", List.of(
                Map.of("capability", "probe.wf.upper", "input", Map.of("text", "hi")),
                Map.of("capability", "probe.wf.wrap", "input", Map.of("prefix", ">"), "map", Map.of("text",
                        "/text")))));
        assertFalse(r.text(), r.isError());
        Map<String, Object> out = r.structuredContent().orElseThrow();
        assertEquals(Map.of("text", ">[HI]"), out.get("output"));
        assertEquals(2, ((Number) out.get("completed")).intValue());
        List<Map<String, Object>> steps = (List<Map<String, Object>>) out.get("steps");
        assertEquals("probe_up", steps.get(0).get("agent"));
        assertEquals(Map.of("text", "HI"), steps.get(0).get("output"));
        assertEquals("probe_wrap", steps.get(1).get("agent"));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aFailingStepStopsTheWorkflowNamingIt() {
        register(ProbeAgent.echo("probe_ok", "1.0.0", "probe.wf.ok"));
        register(new ProbeAgent("probe_fail", "1.0.0", List.of("probe.wf.fail"), (c, in) ->
                ToolResult.error("boom")));
        ProbeAgent never = ProbeAgent.echo("probe_never", "1.0.0", "probe.wf.never");
        register(never);
        Await.until("three agents serve", LIMIT, () -> registry.agent("probe_ok").isPresent()
                && registry.agent("probe_fail").isPresent() && registry.agent("probe_never").isPresent());
        ToolResult r = invoker.invoke("agent_workflow", Map.of("steps", List.of(
                Map.of("capability", "probe.wf.ok", "input", Map.of("text", "a")),
                Map.of("capability", "probe.wf.fail", "map", Map.of("text", "/text")),
                Map.of("capability", "probe.wf.never", "map", Map.of("text", "/text")))));
        assertTrue(r.isError());
        assertTrue(r.text(), r.text().contains("step 2 (probe.wf.fail) failed: boom"));
        Map<String, Object> out = r.structuredContent().orElseThrow();
        assertEquals(2, ((List<Object>) out.get("steps")).size());
        assertEquals(0, never.calls.get());

        ToolResult badMap = invoker.invoke("agent_workflow", Map.of("steps", List.of(
                Map.of("capability", "probe.wf.ok", "input", Map.of("text", "a")),
                Map.of("capability", "probe.wf.never", "map", Map.of("text", "/missing")))));
        assertTrue(badMap.isError());
        assertTrue(badMap.text(), badMap.text().contains("step 2 (probe.wf.never): cannot map 'text'"));
        assertEquals(0, never.calls.get());

        ToolResult gap = invoker.invoke("agent_workflow", Map.of("steps", List.of(
                Map.of("capability", "probe.wf.nobody", "input", Map.of("text", "a")))));
        assertTrue(gap.text(), gap.isError() && gap.text().contains("step 1 (probe.wf.nobody) failed")
                && gap.text().contains("'probe.wf.nobody'"));
    }
}
