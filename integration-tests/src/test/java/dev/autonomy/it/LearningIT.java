package dev.autonomy.it;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditJournal;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Configurations;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.container.Services;
import dev.autonomy.testkit.container.Shell;
import dev.autonomy.testkit.traffic.TestTool;
import org.junit.After;
import org.junit.Before;
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
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Plugin 4 in a real Felix with the real governor, agent registry and foundation, a cycle every second: learned
 * routing between two agents of one capability is applied by itself (mode auto), serves all but the holdout, and is
 * kept once the sequential test shows it better; a retry for a transiently failing tool is proposed, applied through
 * the foundation's holdout and kept; a retry that does not help is reverted — each with its evidence in the audit
 * journal. The governor runs with its own runaway limits ({@code noGainLimit}, {@code runawayRollbacks}): an
 * inconclusive experiment is rolled back without counting as a validation without gain. Every test restores the
 * configurations it changes. (Crash safety of the experience store under {@code kill -9} is the store's own unit
 * test.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LearningIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Actor ME = Actor.operator("it");
    private static final String CAPABILITY = "it.learn.route";
    private static final ToolAnnotations IDEMPOTENT = new ToolAnnotations(null, true, false, true, false, false);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ToolInvoker invoker;

    @Configuration
    public Option[] config() {
        return Containers.optionsWithOwnData("learning-it");
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    /** The configurations a test changes, as they were before it (null: there was none). */
    private final Map<String, Dictionary<String, Object>> saved = new java.util.LinkedHashMap<>();

    @Before
    public void setUp() throws Exception {
        for (String pid : List.of("dev.autonomy.governor", "dev.autonomy.agents", "dev.autonomy.learning")) {
            Dictionary<String, Object> d = configAdmin.getConfiguration(pid, "?").getProperties();
            saved.put(pid, d == null ? null : copy(d));
        }
        // learning's own runaway limits stay the governor's defaults: nothing here should trip them
        update("dev.autonomy.governor", Map.of("modes", new String[]{"learning=auto"}, "defaultActionsPerHour", 1000,
                "globalActionsPerHour", 5000, "maxConcurrentExperiments", 50));
        update("dev.autonomy.agents", Map.of("routingSeed", 20_250_601L));
        Await.until("learning in mode auto", LIMIT, () -> governor().mode("learning", "tool.policy") == Mode.AUTO
                && governor().mode("learning", "routing") == Mode.AUTO);
        Await.until("learning's executor bound", LIMIT, () -> invoker.invoke("autonomy_status", Map.of())
                .structuredContent().map(m -> m.get("executors")).map(e -> ((List<?>) e).contains("learning"))
                .orElse(false));
        updateLearning(Map.of("cycleSeconds", 1, "holdoutShare", 0.1, "alpha", 0.05, "maxExperimentUnits", 20_000L,
                "randomSeed", 7L), "learning cycling every second", () -> settled(0.05, 20_000));
    }

    /** Puts back the configurations the test changed. */
    @After
    public void restoreConfigurations() throws Exception {
        for (Map.Entry<String, Dictionary<String, Object>> e : saved.entrySet()) {
            org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(e.getKey(), "?");
            if (e.getValue() == null) {
                if (c.getProperties() != null) {
                    c.delete();
                }
            } else {
                c.update(copy(e.getValue()));
            }
        }
        saved.clear();
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> out = new Hashtable<>();
        for (java.util.Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            out.put(k, d.get(k));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private void update(String pid, Map<String, Object> values) throws Exception {
        new Configurations(configAdmin).update(pid, values);
    }

    /**
     * Updates learning's configuration until {@code applied} holds. Now and then an update that closely follows
     * another (an {@code @After}'s restore, then the next {@code setUp}'s) never reaches the component, while
     * ConfigAdmin holds the new values: then it is written again, with a key nothing reads, so that it counts as a
     * change.
     */
    private void updateLearning(Map<String, Object> values, String what, BooleanSupplier applied) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Map<String, Object> v = values;
        for (int attempt = 1; ; attempt++) {
            update("dev.autonomy.learning", v);
            try {
                Await.until(what, Duration.ofSeconds(5), applied);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            v = new java.util.HashMap<>(values);
            v.put("it.attempt", attempt);
        }
    }

    /** Whether learning runs with a 1 s cycle and these settings. */
    private boolean settled(double alpha, long maxExperimentUnits) {
        Map<String, Object> s = learn("learn_status", Map.of());
        return number(s, "cycleSeconds") == 1 && Double.valueOf(alpha).equals(s.get("alpha"))
                && number(s, "maxExperimentUnits") == maxExperimentUnits;
    }

    private AutonomyGovernor governor() {
        return Services.service(context, AutonomyGovernor.class);
    }

    private String shell(String command) {
        return Shell.call(context, command);
    }

    private Map<String, Object> learn(String tool, Map<String, Object> args) {
        ToolResult r = invoker.invoke(tool, args);
        assertFalse(tool + ": " + r.text(), r.isError());
        return r.structuredContent().orElseThrow();
    }

    private static long number(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number ? ((Number) v).longValue() : -1;
    }

    /** The newest adaptation of {@code kind} on {@code target}, as learn_adaptations shows it. */
    private Optional<Map<?, ?>> adaptation(String kind, String target) {
        for (Object o : (List<?>) learn("learn_adaptations", Map.of("limit", 500)).get("adaptations")) {
            Map<?, ?> a = (Map<?, ?>) o;
            if (kind.equals(a.get("kind")) && target.equals(a.get("target"))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private Map<?, ?> awaitAdaptation(String kind, String target, String status) {
        return Await.value(kind + " on " + target + " " + status, LIMIT, () -> adaptation(kind, target).orElse(null),
                a -> a != null && status.equals(a.get("status")));
    }

    private String status(String kind, String target) {
        return adaptation(kind, target).map(a -> String.valueOf(a.get("status"))).orElse("none");
    }

    /** The journal's entries of a proposal, oldest first. */
    private List<AuditEntry> journal(String proposalId) {
        List<AuditEntry> out = new ArrayList<>(Services.service(context, AuditJournal.class)
                .query(AuditQuery.LATEST.withProposalId(proposalId).withLimit(100)));
        java.util.Collections.reverse(out);
        return out;
    }

    private static Optional<AuditEntry> entry(List<AuditEntry> entries, AuditEntry.Type type) {
        return entries.stream().filter(e -> e.type() == type).findFirst();
    }

    private ToolResult route() {
        return invoker.invoke("agent_route", Map.of("capability", CAPABILITY, "input", Map.of("text", "hi")));
    }

    private static String chosen(ToolResult r) {
        Object m = r.meta().get("dev.autonomy/routing");
        assertNotNull("routing meta of " + r.text(), m);
        return String.valueOf(((Map<?, ?>) m).get("chosen"));
    }

    private static double propensity(ToolResult r) {
        return ((Number) ((Map<?, ?>) r.meta().get("dev.autonomy/routing")).get("propensity")).doubleValue();
    }

    /**
     * Waits until learning has analyzed something (learn_patterns analyses on demand between cycles), then for a
     * cycle that started after that: cycles alone validate experiments and propose.
     */
    private void awaitCycleOver(String what, BooleanSupplier analyzed) {
        Await.until(what + " analyzed", LIMIT, analyzed);
        long after = cycles() + 1; // a cycle running now may have started before
        Await.until("a cycle over " + what, LIMIT, () -> cycles() > after);
    }

    private long cycles() {
        return number(learn("learn_status", Map.of()), "cycles");
    }

    /** Learning's cycles an hour apart: none runs during the test (the change applies at once). */
    private void noCycleDuringTheTest() throws Exception {
        updateLearning(Map.of("cycleSeconds", 3600), "cycles an hour apart",
                () -> number(learn("learn_status", Map.of()), "cycleSeconds") == 3600);
    }

    private void registerTool(String name) {
        context.registerService(Tool.class, new TestTool(name, TestTool.ANY_SCHEMA, IDEMPOTENT,
                call -> ToolResult.text("ok")), new Hashtable<>());
        Await.until(name + " callable", LIMIT, () -> invoker.mayCall(name) && shell("mcp:tools").contains(name));
    }

    /** Routing decisions with an outcome that learning analyzed, for the test's capability. */
    private long analyzedRoutes() {
        for (Object o : (List<?>) learn("learn_patterns", Map.of()).get("routing")) {
            Map<?, ?> r = (Map<?, ?>) o;
            if (CAPABILITY.equals(r.get("capability"))) {
                return number((Map<String, ?>) r, "withOutcome");
            }
        }
        return 0;
    }

    /** Calls of a tool that learning analyzed (on demand, or at its last cycle). */
    private long analyzedCalls(String tool) {
        for (Object o : (List<?>) learn("learn_patterns", Map.of()).get("providers")) {
            Map<?, ?> p = (Map<?, ?>) o;
            if (("tool:" + tool).equals(p.get("provider"))) {
                return number((Map<String, ?>) p, "calls");
            }
        }
        return 0;
    }

    /** Records the variant the foundation gave each call of some tools, and whether it failed. */
    static final class LearningVariants implements EventHandler {
        final Map<String, String[]> byRequest = new ConcurrentHashMap<>();
        final String tool;

        LearningVariants(String tool) {
            this.tool = tool;
        }

        @Override
        public Optional<SessionEvent> handleEvent(SessionEvent e) {
            if (tool.equals(e.data().get(SessionEventTypes.TOOL))) {
                Object variant = e.data().get(SessionEventTypes.VARIANT);
                byRequest.put(e.requestId(), new String[]{variant == null ? "" : variant.toString(),
                        String.valueOf(e.data().get(SessionEventTypes.OUTCOME))});
            }
            return Optional.empty();
        }
    }

    private LearningVariants recordVariants(String tool) {
        LearningVariants v = new LearningVariants(tool);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(EventHandler.EVENT_TYPES, new String[]{SessionEventTypes.REQUEST_COMPLETED,
                SessionEventTypes.REQUEST_FAILED});
        context.registerService(EventHandler.class, v, p);
        return v;
    }

    /** Autonomy's override of a tool, or null. */
    private Dictionary<String, Object> override(String tool) {
        try {
            org.osgi.service.cm.Configuration[] all = configAdmin.listConfigurations("(service.pid="
                    + ToolPolicyKeys.AUTONOMY_FACTORY_PID + "~" + tool + ")");
            return all == null ? null : all[0].getProperties();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String requestId(ToolResult r) {
        return String.valueOf(r.meta().get("dev.autonomy/requestId"));
    }

    // ------------------------------------------------------------------ 1. routing

    @Test
    public void a_routingLearnsTheBetterAgentAndTheSequentialTestKeepsIt() throws Exception {
        AtomicInteger badCalls = new AtomicInteger();
        context.registerService(Agent.class, ProbeAgent.echo("it_good", "1.0.0", CAPABILITY), new Hashtable<>());
        context.registerService(Agent.class, new ProbeAgent("it_bad", "1.0.0", List.of(CAPABILITY), (c, in) -> {
            int n = badCalls.getAndIncrement();
            return n % 10 < 3 ? ToolResult.error("it_bad failed (call " + n + ")")
                    : ToolResult.structured(Map.of("text", "ok"), "ok");
        }), new Hashtable<>());
        AgentRegistry registry = Services.service(context, AgentRegistry.class);
        Await.until("both agents offer " + CAPABILITY, LIMIT, () -> registry.providersOf(CAPABILITY).size() == 2);

        String[] chosen = new String[2001];
        for (int call = 1; call <= 100; call++) {
            chosen[call] = chosen(route());
        }
        Map<?, ?> active = awaitAdaptation("routing", "capability:" + CAPABILITY, "active");
        String id = (String) active.get("id");
        Await.until("the routing advice published", LIMIT, () -> learn("learn_status", Map.of()).get("routingAdvice")
                .toString().contains(id));
        int good = 0;
        for (int call = 101; call <= 300; call++) {
            chosen[call] = chosen(route());
            good += chosen[call].equals("it_good") ? 1 : 0;
        }
        assertTrue("calls 101-300 routed to the good agent: " + good + " of 200", good >= 170);

        int calls = 300;
        while (calls < 2000 && !status("routing", "capability:" + CAPABILITY).equals("kept")) {
            for (int i = 0; i < 200 && calls < 2000; i++) {
                chosen[++calls] = chosen(route());
            }
            int made = calls;
            awaitCycleOver(made + " routed calls", () -> analyzedRoutes() >= made);
        }
        Map<?, ?> kept = adaptation("routing", "capability:" + CAPABILITY).orElseThrow();
        assertEquals("kept within 2000 calls: " + kept, "kept", kept.get("status"));
        Map<?, ?> report = (Map<?, ?>) kept.get("report");
        long units = ((Number) report.get("treatmentUnits")).longValue()
                + ((Number) report.get("holdoutUnits")).longValue();

        List<AuditEntry> entries = journal(id);
        AuditEntry validated = entry(entries, AuditEntry.Type.VALIDATED).orElseThrow(() -> new AssertionError(
                "no VALIDATED entry: " + entries));
        assertEquals(true, validated.data().get("improved"));
        assertEquals("keep", ((Map<?, ?>) validated.data().get("evidence")).get("verdict"));
        assertTrue(entry(entries, AuditEntry.Type.APPLIED).isPresent());
        String evaluation = shell("learn:evaluate --no-format");
        assertTrue(evaluation, evaluation.contains(CAPABILITY + "\tlearned"));
        assertTrue(shell("learn:adaptations --no-format").contains(id + "\trouting\tcapability:" + CAPABILITY
                + "\tkept"));

        // every request's context carries adaptive_learning_context, with the kept adaptation
        context.registerService(Tool.class, new TestTool("it_context", TestTool.ANY_SCHEMA, ToolAnnotations.DEFAULTS,
                call -> ToolResult.structured(Map.of("extension", call.context().extension("adaptive_learning_context")
                        .orElse(Map.of())), "context")), new Hashtable<>());
        Await.until("it_context callable", LIMIT, () -> shell("mcp:tools").contains("it_context"));
        Map<?, ?> extension = (Map<?, ?>) invoker.invoke("it_context", Map.of()).structuredContent().orElseThrow()
                .get("extension");
        assertTrue(extension.keySet().toString(), extension.keySet().containsAll(List.of("learning_history",
                "current_adaptations", "learning_opportunities", "learning_effectiveness")));
        assertTrue(extension.get("current_adaptations").toString(), extension.get("current_adaptations").toString()
                .contains(id));
        assertEquals(1L, ((Map<?, ?>) extension.get("learning_effectiveness")).get("kept"));

        // halted: no routing advice (uniform again), no proposals; resumed: the advice is back
        governor().halt("learning it", ME);
        Await.until("learning halted", LIMIT, () -> Boolean.TRUE.equals(learn("learn_status", Map.of())
                .get("halted")));
        for (int i = 0; i < 20; i++) {
            assertEquals("uniform while halted", 0.5, propensity(route()), 1e-9);
        }
        shell("autonomy:resume");
        Await.until("autonomy resumed", LIMIT, () -> !governor().isHalted());
        Await.until("learning resumed", LIMIT, () -> Boolean.FALSE.equals(learn("learn_status", Map.of())
                .get("halted")));
        boolean advised = false;
        for (int i = 0; i < 20 && !advised; i++) {
            advised = propensity(route()) != 0.5;
        }
        assertTrue("advice after the resume", advised);

        System.out.printf("LearningIT routing: adaptation %s active after 100 calls; calls 101-300: %d of 200 "
                        + "(%.1f %%) to the good agent; kept after %d calls (%d in the experiment): %s%n%s", id, good,
                good / 2.0, calls, units, report.get("reason"), evaluation);
    }

    // ------------------------------------------------------------------ 2. retry

    @Test
    public void b_aTransientlyFailingToolGetsARetryAndClientsSeeFewerFailures() throws Exception {
        AtomicInteger n = new AtomicInteger();
        context.registerService(Tool.class, new TestTool("it_flaky", TestTool.ANY_SCHEMA, IDEMPOTENT, call -> {
            if (n.incrementAndGet() % 3 == 0) {
                throw new IllegalStateException("it_flaky: transient failure");
            }
            return ToolResult.text("ok");
        }), new Hashtable<>());
        LearningVariants variants = recordVariants("it_flaky");
        Await.until("it_flaky callable", LIMIT, () -> invoker.mayCall("it_flaky")
                && shell("mcp:tools").contains("it_flaky"));

        int before = 0;
        for (int i = 0; i < 60; i++) {
            before += invoker.invoke("it_flaky", Map.of()).isError() ? 1 : 0;
        }
        Map<?, ?> active = awaitAdaptation("retry", "tool:it_flaky", "active");
        String id = (String) active.get("id");
        Await.until("the foundation applying the override with its holdout", LIMIT,
                () -> shell("mcp:policy it_flaky").contains("retries=1"));
        Dictionary<String, Object> measured = override("it_flaky");
        assertEquals("the experiment names the keys it changes, so its holdout keeps the rest", "retries",
                measured.get(ToolPolicyKeys.EXPERIMENT_KEYS));
        assertEquals(id, measured.get(ToolPolicyKeys.EXPERIMENT));

        int treatment = 0;
        int treatmentFailed = 0;
        int holdout = 0;
        int holdoutFailed = 0;
        int calls = 0;
        while (calls < 900 && !status("retry", "tool:it_flaky").equals("kept")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ToolResult r = invoker.invoke("it_flaky", Map.of());
                ids.add(requestId(r));
                calls++;
            }
            Await.until("the variants of 60 calls", LIMIT, () -> ids.stream().allMatch(variants.byRequest::containsKey));
            for (String rid : ids) {
                String[] v = variants.byRequest.get(rid);
                boolean failed = !"success".equals(v[1]);
                if ("treatment".equals(v[0])) {
                    treatment++;
                    treatmentFailed += failed ? 1 : 0;
                } else if ("holdout".equals(v[0])) {
                    holdout++;
                    holdoutFailed += failed ? 1 : 0;
                }
            }
            int made = 60 + calls;
            awaitCycleOver("the calls", () -> analyzedCalls("it_flaky") >= made);
        }
        assertEquals("kept: " + adaptation("retry", "tool:it_flaky"), "kept", status("retry", "tool:it_flaky"));
        assertTrue("failures before: " + before + " of 60", before >= 15);
        assertTrue("treatment calls measured", treatment > 0);
        double beforeRate = before / 60.0;
        double treatmentRate = (double) treatmentFailed / treatment;
        assertTrue("the failure rate clients see drops: " + beforeRate + " -> " + treatmentRate,
                treatmentRate < beforeRate / 3);

        List<AuditEntry> entries = journal(id);
        AuditEntry validated = entry(entries, AuditEntry.Type.VALIDATED).orElseThrow();
        assertEquals(true, validated.data().get("improved"));
        assertEquals("keep", ((Map<?, ?>) validated.data().get("evidence")).get("verdict"));
        Await.until("the kept retry serves every call (no holdout any more)", LIMIT, () -> {
            Dictionary<String, Object> p = override("it_flaky");
            return p != null && p.get(ToolPolicyKeys.HOLDOUT_SHARE) == null
                    && Long.valueOf(1).equals(p.get(ToolPolicyKeys.RETRIES));
        });
        System.out.printf("LearningIT retry: %s; failures before %d of 60 (%.1f %%); after, treatment %d of %d "
                        + "(%.1f %%), holdout %d of %d; kept after %d calls: %s%n", id, before, 100 * beforeRate,
                treatmentFailed, treatment, 100 * treatmentRate, holdoutFailed, holdout, calls,
                ((Map<?, ?>) adaptation("retry", "tool:it_flaky").orElseThrow().get("report")).get("reason"));
    }

    // ------------------------------------------------------------------ 3. revert

    @Test
    public void c_aRetryThatDoesNotHelpIsRevertedWithItsEvidence() throws Exception {
        // α 0.01 here: the two arms are equal, so a false "better" (≤ α) would keep it; 150 units decide
        updateLearning(Map.of("alpha", 0.01, "maxExperimentUnits", 150L), "the settings applied",
                () -> settled(0.01, 150));
        try {
            context.registerService(Tool.class, new TestTool("it_broken", TestTool.ANY_SCHEMA, IDEMPOTENT,
                    call -> {
                        if ("bad".equals(call.arguments().get("text"))) {
                            throw new IllegalStateException("it_broken: this input always fails");
                        }
                        return ToolResult.text("ok");
                    }), new Hashtable<>());
            Await.until("it_broken callable", LIMIT, () -> shell("mcp:tools").contains("it_broken"));
            int calls = 0;
            for (; calls < 60; calls++) {
                invoker.invoke("it_broken", Map.of("text", calls % 2 == 0 ? "bad" : "good"));
            }
            Map<?, ?> active = awaitAdaptation("retry", "tool:it_broken", "active");
            String id = (String) active.get("id");
            while (calls < 1200 && !status("retry", "tool:it_broken").equals("reverted")) {
                for (int i = 0; i < 50; i++, calls++) {
                    invoker.invoke("it_broken", Map.of("text", calls % 2 == 0 ? "bad" : "good"));
                }
                int made = calls;
                awaitCycleOver("the calls", () -> analyzedCalls("it_broken") >= made);
            }
            Map<?, ?> reverted = adaptation("retry", "tool:it_broken").orElseThrow();
            assertEquals("reverted: " + reverted, "reverted", reverted.get("status"));

            // equal arms: not shown better within the limit, which is no evidence of harm — rolled back through the
            // governor (audited, with the evidence), but not reported as a validation without gain, which would
            // count towards the governor's no-gain pause of learning
            List<AuditEntry> entries = journal(id);
            assertTrue("no VALIDATED entry for an inconclusive experiment: " + entries,
                    entry(entries, AuditEntry.Type.VALIDATED).isEmpty());
            AuditEntry rolledBack = entry(entries, AuditEntry.Type.ROLLED_BACK).orElseThrow(() -> new AssertionError(
                    "no ROLLED_BACK entry: " + entries));
            assertEquals(Actor.capability("learning"), rolledBack.actor());
            assertTrue(rolledBack.summary(), rolledBack.summary().startsWith("learning: not shown better within "));
            Map<?, ?> evidence = (Map<?, ?>) ((Map<?, ?>) rolledBack.data().get("effect")).get("evidence");
            assertNotNull("the evidence in the rollback entry: " + rolledBack.data(), evidence);
            assertEquals("revert", evidence.get("verdict"));
            assertEquals(false, evidence.get("shownWorse"));
            assertNull("autonomy's override is gone", override("it_broken"));
            Map<?, ?> paused = (Map<?, ?>) invoker.invoke("autonomy_status", Map.of()).structuredContent()
                    .orElseThrow().get("paused");
            assertFalse("learning is not paused by the governor: " + paused, paused.containsKey("learning"));
            System.out.printf("LearningIT revert: %s reverted after %d calls: %s (treatment %s of %s bad, holdout "
                            + "%s of %s)%n", id, calls, evidence.get("reason"), evidence.get("treatmentBad"),
                    evidence.get("treatmentUnits"), evidence.get("holdoutBad"), evidence.get("holdoutUnits"));
        } finally {
            update("dev.autonomy.learning", Map.of("alpha", 0.05, "maxExperimentUnits", 20_000L)); // (and @After)
        }
    }

    // ------------------------------------------------------------------ 4. between cycles, and after a restart

    @Test
    public void d_rightAfterTrafficThePatternsShowItWithoutWaitingForACycle() throws Exception {
        noCycleDuringTheTest();
        registerTool("it_now");
        long cycles = cycles();
        for (int i = 0; i < 5; i++) {
            assertFalse(invoker.invoke("it_now", Map.of()).isError());
        }
        Await.until("learn_patterns showing the 5 calls", LIMIT, () -> analyzedCalls("it_now") == 5);
        Map<String, Object> p = learn("learn_patterns", Map.of("provider", "it_now"));
        assertEquals("no cycle ran: " + p, cycles, number(p, "cycles"));
        assertTrue(p.toString(), ((Number) p.get("experiences")).longValue() >= 5);
        String in = String.valueOf(p.get("nextCycleIn"));
        assertTrue("the next cycle in about an hour: " + in, in.matches("in \\d{4} s"));
        assertTrue(p.toString(), Instant.parse(String.valueOf(p.get("nextCycle")))
                .isAfter(Instant.now().plusSeconds(3000)));
        String shell = shell("learn:patterns --no-format");
        assertTrue(shell, shell.contains("\ntool:it_now\t5\t100.0%"));
        assertTrue(shell, shell.matches("(?s)Experiences analyzed: \\d+ \\(at [^)]+\\); cycles: \\d+, next \\S+ "
                + "\\(in \\d{4} s\\)\n.*"));
        Map<String, Object> status = learn("learn_status", Map.of());
        assertEquals(cycles, number(status, "cycles"));
        assertTrue(status.toString(), String.valueOf(status.get("nextCycleIn")).matches("in \\d{4} s"));
    }

    @Test
    public void e_afterARestartFeedbackByRequestIdWorksAtOnce() throws Exception {
        noCycleDuringTheTest();
        registerTool("it_rated");
        String requestId = requestId(invoker.invoke("it_rated", Map.of()));
        Await.value("the call known to learning (rated once)", LIMIT, () -> invoker.invoke("learn_feedback",
                Map.of("requestId", requestId, "rating", 5)), r -> !r.isError()); // the store keeps it at the stop

        Bundle learning = Arrays.stream(context.getBundles())
                .filter(b -> "learning-bundle".equals(b.getSymbolicName())).findFirst().orElseThrow();
        learning.stop();
        learning.start();
        Await.until("learn_feedback back", LIMIT, () -> shell("mcp:tools").contains("learn_feedback"));
        ToolResult f = invoker.invoke("learn_feedback", Map.of("requestId", requestId, "rating", 4));
        assertFalse(f.text(), f.isError());
        assertEquals("tool:it_rated", f.structuredContent().orElseThrow().get("provider"));
        assertEquals("no cycle since the restart", 0, cycles());
        Await.until("learning's executor bound again", LIMIT, () -> invoker.invoke("autonomy_status", Map.of())
                .structuredContent().map(m -> m.get("executors")).map(e -> ((List<?>) e).contains("learning"))
                .orElse(false));
    }
}
