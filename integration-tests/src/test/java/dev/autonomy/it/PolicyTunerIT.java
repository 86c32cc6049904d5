package dev.autonomy.it;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.config.ConfigChange;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Configurations;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.container.Services;
import dev.autonomy.testkit.container.Shell;
import dev.autonomy.testkit.scenario.ContainerTarget;
import dev.autonomy.testkit.scenario.Scenario;
import dev.autonomy.testkit.scenario.ScenarioReport;
import dev.autonomy.testkit.scenario.ScenarioRunner;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The example capability {@code policy-tuner} (from the distribution's {@code examples/}) in a real Felix with the
 * governor: its executor writes and rolls back autonomy's tool policy overrides through the real ConfigAdmin, the
 * foundation applies them, and its tool fails closed without a governor.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PolicyTunerIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Actor ME = Actor.operator("it");
    private static final String TOOL = "text_word_count";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ToolInvoker invoker;

    @Configuration
    public Option[] config() {
        return Containers.optionsWithOwnData("tuner-it");
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    @Before
    public void setUp() throws Exception {
        Services.start(context, Containers.exampleJar());
        Services.start(context, Containers.example("policy-tuner-bundle"));
        // these tests roll back one target often; that must not pause the tuner
        new Configurations(configAdmin).replace("dev.autonomy.governor", Map.of("modes",
                new String[]{"policy-tuner=auto"}, "runawayRollbacks", 100));
        Await.until("policy-tuner in mode auto", LIMIT, () -> governor().mode("policy-tuner", "tool.policy")
                == Mode.AUTO);
        Await.until("the executor of policy-tuner bound", LIMIT, () -> invoker.invoke("autonomy_status", Map.of())
                .structuredContent().map(m -> m.get("executors")).map(e -> ((List<?>) e).contains("policy-tuner"))
                .orElse(false));
        Await.until(TOOL + " and tuner_propose callable", LIMIT,
                () -> !invoker.invoke(TOOL, Map.of("text", "a")).isError() && shell("mcp:tools").contains(
                        "tuner_propose"));
    }

    private AutonomyGovernor governor() {
        return Services.service(context, AutonomyGovernor.class);
    }

    private String shell(String command) {
        return Shell.call(context, command);
    }

    private static ProposedAction action(Map<String, ?> settings) {
        return new ProposedAction(UUID.randomUUID().toString(), "policy-tuner", "tool.policy", "tool:" + TOOL,
                Map.of("tool", TOOL, "settings", settings), true, "test", Actor.client("it"), Instant.now());
    }

    /** Autonomy's override of the tool, without ConfigAdmin's bookkeeping; empty if there is none. */
    private Optional<Map<String, Object>> override() throws Exception {
        org.osgi.service.cm.Configuration[] all = configAdmin.listConfigurations("(service.pid="
                + ToolPolicyKeys.AUTONOMY_FACTORY_PID + "~" + TOOL + ")");
        return all == null ? Optional.empty() : Optional.of(Configurations.withoutServiceKeys(all[0].getProperties()));
    }

    /** One of the capability's figures, as {@code autonomy:capabilities} shows them. */
    private long figure(String name) {
        String table = shell("autonomy:capabilities --no-format");
        Matcher m = Pattern.compile("policy-tuner\t.*\\b" + name + "=(\\d+)")
                .matcher(table);
        assertTrue(table, m.find());
        return Long.parseLong(m.group(1));
    }

    private void awaitPolicy(String expected) {
        Await.until("mcp:policy " + TOOL + " showing " + expected, LIMIT,
                () -> shell("mcp:policy " + TOOL).contains(expected));
    }

    @Test
    public void appliesAndRollsBackThroughTheGovernorAndTheFoundationFollows() throws Exception {
        assertEquals(Optional.empty(), override());
        long rolledBack = figure("rolledBack");

        ProposedAction first = action(Map.of("timeoutMs", 1234));
        Decision d1 = governor().submit(first);
        assertTrue(d1.reason(), d1.applied());
        assertEquals(Boolean.TRUE, d1.execution().orElseThrow().effect().get("created"));
        assertEquals(Optional.of(Map.of("tool", TOOL, "timeoutMs", 1234L)), override());
        awaitPolicy("timeoutMs=1234,");
        governor().release(first.id()); // the lease on tool:text_word_count ends: the next change may come

        ProposedAction second = action(Map.of("retries", 2));
        Decision d2 = governor().submit(second);
        assertTrue(d2.reason(), d2.applied());
        // the effect is the rollback recipe: what was there before, with each value's type
        assertEquals(Optional.of(Map.of("tool", TOOL, "timeoutMs", 1234L)),
                ConfigChange.fromEffect(d2.execution().orElseThrow().effect()).before());
        assertEquals(Optional.of(Map.of("tool", TOOL, "timeoutMs", 1234L, "retries", 2L)), override());
        awaitPolicy("retries=2,");

        ExecutionResult back = governor().rollback(second.id(), "test", ME);
        assertTrue(back.message(), back.success());
        assertEquals(Optional.of(Map.of("tool", TOOL, "timeoutMs", 1234L)), override());
        awaitPolicy("timeoutMs=1234, maxConcurrency=0, cacheTtlMs=0, cacheMaxEntries=256, retries=0,");

        ExecutionResult gone = governor().rollback(first.id(), "test", ME);
        assertTrue(gone.message(), gone.success());
        assertEquals(TOOL + ": autonomy's override removed; the operator's policy applies", gone.message());
        assertEquals(Optional.empty(), override());
        awaitPolicy("timeoutMs=30000,");
        assertEquals("rollbacks counted in the capability's status", rolledBack + 2, figure("rolledBack"));
    }

    @Test
    public void aPayloadOutOfRangeFailsAndChangesNothing() throws Exception {
        Decision d = governor().submit(action(Map.of("timeoutMs", 0)));
        assertTrue(d.approved());
        assertFalse(d.applied());
        assertEquals("payload rejected: timeoutMs must be 1..3600000, was 0", d.execution().orElseThrow().message());
        assertEquals(Optional.empty(), override());
    }

    @Test
    public void withoutAGovernorTheToolProposesNothing() throws Exception {
        Bundle control = Arrays.stream(context.getBundles())
                .filter(b -> "autonomy-control-bundle".equals(b.getSymbolicName())).findFirst().orElseThrow();
        control.stop();
        try {
            ToolResult off = Await.value("tuner_propose answering 'off'", LIMIT,
                    () -> invoker.invoke("tuner_propose", Map.of("tool", TOOL, "timeoutMs", 999)),
                    r -> r.structuredContent().map(m -> "off".equals(m.get("outcome"))).orElse(false));
            assertFalse(off.text(), off.isError());
            assertEquals(Optional.empty(), override());
        } finally {
            control.start();
        }
        ToolResult back = Await.value("tuner_propose deciding again", LIMIT,
                () -> invoker.invoke("tuner_propose", Map.of("tool", TOOL, "timeoutMs", 999)),
                r -> r.structuredContent().map(m -> !"off".equals(m.get("outcome"))).orElse(false));
        assertEquals(back.text(), "approved", back.structuredContent().orElseThrow().get("outcome"));
        assertEquals(999L, override().orElseThrow().get("timeoutMs"));
        String id = (String) back.structuredContent().orElseThrow().get("proposalId");
        assertTrue(governor().rollback(id, "clean up", ME).success());
    }

    @Test
    public void aScenarioDrivesCallsAndTheOperatorRollsTheChangeBack() throws Exception {
        ScenarioReport r = new ScenarioRunner(new ContainerTarget(context)).run(
                Scenario.named("policy-tuner: a change applied, then rolled back by the operator")
                        .deploy(Containers.example("policy-tuner-bundle").toPath())
                        .awaitTool("tuner_propose")
                        .drive(TOOL, i -> Map.of("text", "call number " + i), 50)
                        .propose("tuner_propose", Map.of("tool", TOOL, "timeoutMs", 4321))
                        .expect(ActionState.APPLIED_LEASED)
                        .operator("rolls it back", (operator, id) -> operator.rollback(id, "scenario over"))
                        .expectRolledBack());
        assertEquals(r.toString(), 50, r.traffic().get(0).calls());
        assertEquals(r.toString(), 0, r.traffic().get(0).unsuccessful());
        assertEquals(r.toString(), Optional.of(ActionState.ROLLED_BACK), r.finalState());
        assertEquals(Optional.empty(), override());
    }
}
