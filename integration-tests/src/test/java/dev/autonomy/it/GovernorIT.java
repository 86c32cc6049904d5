package dev.autonomy.it;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditJournal;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.CountingCapability;
import dev.autonomy.testkit.RecordingExecutor;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.container.Configurations;
import dev.autonomy.testkit.container.Containers;
import dev.autonomy.testkit.container.GeneratedBundle;
import dev.autonomy.testkit.container.Registrations;
import dev.autonomy.testkit.container.Services;
import dev.autonomy.testkit.container.Shell;
import org.junit.After;
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
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The governor in a real Felix with the distribution's bundles: modes and key precedence, budgets, leases and their
 * expiry, runaway detection, halt and resume, the operator's shell, approvals carried out after the control bundle
 * restarted, and the journal kept across that restart. Test executors and capabilities come from this probe.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GovernorIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final String CONTROL = "autonomy-control-bundle";
    private static final Actor ME = Actor.operator("it");

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ToolInvoker invoker;

    private Registrations registrations;

    @Configuration
    public Option[] config() {
        return Containers.optionsWithOwnData("governor-it");
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(ToolInvoker.TOOL_ACCESS_HEADER, "*");
        return probe;
    }

    @Before
    public void configure() throws Exception {
        registrations = new Registrations(context);
        new Configurations(configAdmin).replace("dev.autonomy.governor", Map.of("defaultMode", "suggest",
                "modes", new String[]{"modes=suggest", "modes.fast=auto", "modes.fast.careful=suggest",
                        "modes.never=off", "budget=auto", "lease=auto", "runaway=auto", "halt=auto",
                        "restart=suggest"},
                "actionsPerHour", new String[]{"budget.limited=2"}, "leaseSeconds", 1L));
        Await.until("the governor configured", LIMIT, () -> governor().mode("modes", "fast") == Mode.AUTO);
    }

    @After
    public void cleanUp() throws Exception {
        registrations.unregisterAll();
        if (governor().isHalted()) {
            shell("autonomy:resume"); // resuming is the operator's: only the shell can
        }
    }

    // ------------------------------------------------------------------ helpers

    private AutonomyGovernor governor() {
        return Services.service(context, AutonomyGovernor.class);
    }

    private AuditJournal journal() {
        return Services.service(context, AuditJournal.class);
    }

    private String shell(String command) throws Exception {
        return Shell.run(context, command);
    }

    private RecordingExecutor executor(String capability) {
        RecordingExecutor e = new RecordingExecutor();
        registrations.register(ActionExecutor.class, e, ActionExecutor.CAPABILITY, capability);
        return e;
    }

    private CountingCapability capability(String name) {
        CountingCapability c = new CountingCapability(name);
        registrations.register(AutonomousCapability.class, c, AutonomousCapability.NAME, name);
        return c;
    }

    private static ProposedAction action(String capability, String kind, String target, boolean reversible) {
        return ProposedAction.of(capability, kind, target, Map.of("value", 2), reversible, "test", Instant.now());
    }

    private Decision submit(ProposedAction a) {
        return governor().submit(a);
    }

    private Decision submitWhenExecutorKnown(ProposedAction a) {
        awaitExecutor(a.capability());
        return submit(a);
    }

    /** Waits until the governor lists an executor for the capability ({@code autonomy_status}). */
    private void awaitExecutor(String capability) {
        Await.until("the executor of " + capability + " bound", LIMIT, () -> {
            ToolResult r = invoker.invoke("autonomy_status", Map.of());
            Object executors = r.structuredContent().map(m -> m.get("executors")).orElse(List.of());
            return executors instanceof List && ((List<?>) executors).contains(capability);
        });
    }

    private List<AuditEntry.Type> journalTypes(String proposalId) {
        return journal().query(AuditQuery.LATEST.withProposalId(proposalId)).stream().map(AuditEntry::type)
                .toList();
    }

    private Bundle control() {
        return Arrays.stream(context.getBundles()).filter(b -> CONTROL.equals(b.getSymbolicName())).findFirst()
                .orElseThrow();
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void eachModeAndTheMostSpecificKeyDecide() throws Exception {
        RecordingExecutor exec = executor("modes");
        ProposedAction fast = action("modes", "fast", "t:fast", false);
        Decision auto = submitWhenExecutorKnown(fast);
        assertTrue(auto.reason(), auto.applied());
        assertTrue(exec.applied().contains(fast.id()));
        assertEquals(Decision.Outcome.QUEUED, submit(action("modes", "fast.careful", "t:c", false)).outcome());
        assertEquals(Decision.Outcome.QUEUED, submit(action("modes", "other", "t:o", false)).outcome());
        Decision off = submit(action("modes", "never", "t:n", false));
        assertEquals(Decision.Outcome.REJECTED, off.outcome());
        assertEquals("mode of modes.never is off (key modes.never)", off.reason());

        // the operator's mode, from the shell, over the configured one
        String set = shell("autonomy:mode modes.never auto");
        assertTrue(set, set.contains("modes.never: auto"));
        assertTrue(submit(action("modes", "never", "t:n2", false)).applied());
        assertTrue(shell("autonomy:mode").contains("modes.never"));
        shell("autonomy:mode --reset modes.never");
        assertEquals(Decision.Outcome.REJECTED, submit(action("modes", "never", "t:n3", false)).outcome());
        assertTrue(journal().query(AuditQuery.LATEST.withCapability("modes")).stream()
                .anyMatch(e -> e.type() == AuditEntry.Type.MODE_CHANGED && e.actor().kind() == Actor.Kind.OPERATOR));
    }

    @Test
    public void theThirdActionOverABudgetOfTwoIsRejectedNamingTheBudget() throws Exception {
        executor("budget");
        assertTrue(submitWhenExecutorKnown(action("budget", "limited", "t:b1", false)).applied());
        assertTrue(submit(action("budget", "limited.more", "t:b2", false)).applied());
        Decision third = submit(action("budget", "limited", "t:b3", false));
        assertEquals(Decision.Outcome.REJECTED, third.outcome());
        assertTrue(third.reason(), third.reason().startsWith("budget actionsPerHour[budget.limited] exhausted: "
                + "2 per hour; room again at "));
        String budgets = shell("autonomy:budget --no-format");
        assertTrue(budgets, budgets.contains("actionsPerHour[budget.limited]\t2\t2\t"));
    }

    @Test
    public void aLeasedTargetRejectsOthersNamingTheHolderUntilTheLeaseExpires() {
        executor("lease");
        executor("runaway");
        ProposedAction first = action("lease", "tune", "tool:leased", true);
        assertTrue(submitWhenExecutorKnown(first).applied());
        Decision conflict = submit(action("runaway", "tune", "tool:leased", true));
        assertEquals(Decision.Outcome.REJECTED, conflict.outcome());
        assertTrue(conflict.reason(), conflict.reason().startsWith("target tool:leased is leased by capability "
                + "lease (proposal " + first.id() + ") until "));
        // leaseSeconds=1: the lease ends by itself, audited
        Await.until("the lease expired", LIMIT, () -> journalTypes(first.id()).contains(AuditEntry.Type.EXPIRED));
        assertTrue(submit(action("runaway", "tune", "tool:leased", true)).applied());
    }

    @Test
    public void threeRollbacksOfOneTargetPauseTheCapabilityUntilTheOperatorResumesIt() throws Exception {
        RecordingExecutor exec = executor("runaway");
        for (int i = 0; i < 3; i++) {
            ProposedAction a = action("runaway", "tweak", "t:runaway", true);
            Decision d = i == 0 ? submitWhenExecutorKnown(a) : submit(a);
            assertTrue(d.reason(), d.applied());
            assertTrue(governor().rollback(a.id(), "made it worse", Actor.capability("runaway")).success());
        }
        assertEquals(3, exec.rolledBack().size());
        Decision paused = submit(action("runaway", "tweak", "t:other", true));
        assertEquals("capability runaway is paused (3 rollbacks of t:runaway within 60 min); the operator resumes "
                + "it with autonomy:resume runaway", paused.reason());
        assertTrue(journal().query(AuditQuery.LATEST.withCapability("runaway")).stream()
                .anyMatch(e -> e.type() == AuditEntry.Type.PAUSED));
        assertTrue(shell("autonomy:status").contains("runaway: 3 rollbacks of t:runaway"));
        shell("autonomy:resume runaway");
        assertTrue(submit(action("runaway", "tweak", "t:other", true)).applied());
    }

    @Test
    public void haltFromAnMcpClientStopsEveryCapabilityUntilTheOperatorResumes() throws Exception {
        CountingCapability cap = capability("halt");
        executor("halt");
        assertTrue(submitWhenExecutorKnown(action("halt", "x", "t:h0", false)).applied());
        Await.until("the capability bound", LIMIT, () -> shell0("autonomy:capabilities").contains("halt"));

        ToolResult r = invoker.invoke("autonomy_halt", Map.of("reason", "incident 7"));
        assertFalse(r.text(), r.isError());
        assertEquals(1, cap.halts());
        assertTrue(governor().isHalted());
        Decision d = submit(action("halt", "x", "t:h1", false));
        assertEquals(Decision.Outcome.REJECTED, d.outcome());
        assertTrue(d.reason(), d.reason().startsWith("autonomy is halted since ") && d.reason().contains(
                "by mcp_client:") && d.reason().contains("(incident 7)"));
        String status = shell("autonomy:status");
        assertTrue(status, status.contains("HALTED") && status.contains("incident 7"));
        ToolResult mcpStatus = invoker.invoke("autonomy_status", Map.of());
        assertEquals(Boolean.TRUE, mcpStatus.structuredContent().orElseThrow().get("halted"));

        // MCP clients may read and halt, never approve, resume or change modes
        String tools = invoker.invoke("server_status", Map.of()).text();
        assertTrue(tools, tools.contains("autonomy_status") && tools.contains("autonomy_proposals")
                && tools.contains("autonomy_audit") && tools.contains("autonomy_halt"));
        assertFalse(tools, tools.contains("autonomy_approve") || tools.contains("autonomy_resume")
                || tools.contains("autonomy_mode"));

        assertTrue(shell("autonomy:resume").contains("running"));
        assertEquals(1, cap.resumes());
        assertTrue(submit(action("halt", "x", "t:h2", false)).applied());
        ToolResult audit = invoker.invoke("autonomy_audit", Map.of("capability", "halt", "limit", 50));
        assertFalse(audit.text(), audit.isError());
        String auditShell = shell("autonomy:audit -n 50");
        assertTrue(auditShell, auditShell.contains("HALTED") && auditShell.contains("RESUMED"));
    }

    private String shell0(String command) {
        try {
            return shell(command);
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    public void anApprovalAfterTheControlBundleRestartedRunsTheExecutorAndTheJournalIsKept() throws Exception {
        RecordingExecutor exec = executor("restart");
        ProposedAction a = action("restart", "change", "t:restart", true);
        Decision queued = submitWhenExecutorKnown(a);
        assertEquals(Decision.Outcome.QUEUED, queued.outcome());
        assertTrue(invoker.invoke("autonomy_proposals", Map.of()).text().contains(a.id()));
        long entriesBefore = journal().size();

        Bundle control = control();
        control.stop();
        control.start();
        Await.until("the governor back", LIMIT, () -> governor().pending().stream()
                .anyMatch(p -> p.id().equals(a.id())));
        assertTrue(journal().size() >= entriesBefore);
        assertTrue(shell("autonomy:proposals").contains(a.id()));

        awaitExecutor("restart");
        String approved = shell("autonomy:approve " + a.id().substring(0, 8));
        assertTrue(approved, approved.contains("approved; applied: applied change to t:restart"));
        assertTrue(exec.applied().contains(a.id()));
        assertEquals(List.of(AuditEntry.Type.APPLIED, AuditEntry.Type.APPROVED, AuditEntry.Type.QUEUED,
                AuditEntry.Type.PROPOSED), journalTypes(a.id()));
        AuditEntry approval = journal().query(AuditQuery.LATEST.withProposalId(a.id())).get(1);
        assertEquals(Actor.Kind.OPERATOR, approval.actor().kind());
    }

    @Test
    public void aCapabilityIsStartedAndStoppedThroughItsBundleHeaderEvenWhileStopped() throws Exception {
        Bundle b = context.installBundle("probe:capability-bundle",
                GeneratedBundle.capabilityBundle("probe-capability-bundle", "probecap").stream());
        try {
            String started = shell("autonomy:start probecap");
            assertTrue(started, started.contains("Active"));
            assertTrue(b.adapt(BundleStartLevel.class).isPersistentlyStarted());
            String stopped = shell("autonomy:stop probecap");
            assertTrue(stopped, stopped.contains("Resolved"));
            assertFalse("stopped persistently: the launcher leaves it stopped at the next start",
                    b.adapt(BundleStartLevel.class).isPersistentlyStarted());
            assertTrue(shell("autonomy:capabilities").contains("probecap"));
            List<AuditEntry.Type> types = journal().query(AuditQuery.LATEST.withCapability("probecap")).stream()
                    .map(AuditEntry::type).toList();
            assertEquals(List.of(AuditEntry.Type.CAPABILITY_STOPPED, AuditEntry.Type.CAPABILITY_STARTED), types);
            try {
                shell("autonomy:start nosuch");
                throw new AssertionError("an unknown capability must be refused");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().matches("(?s).*capabilities: \\[.*probecap.*\\].*"));
            }
        } finally {
            b.uninstall();
        }
    }
}
