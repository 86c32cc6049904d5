package dev.autonomy.creator.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.creator.build.AgentBuilder.BuildReport;
import dev.autonomy.creator.build.AgentBuilder.StageTime;
import dev.autonomy.creator.build.BundlePackager;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.gap.Opportunity;
import dev.autonomy.creator.gap.OpportunityStatus;
import dev.autonomy.creator.pipeline.AgentCodeBase;
import dev.autonomy.creator.pipeline.CreatorSettings;
import dev.autonomy.creator.propose.Collaborators;
import dev.autonomy.creator.propose.CreateOutcome;
import dev.autonomy.creator.propose.CreationActions;
import dev.autonomy.creator.propose.Progress;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.testkit.MutableClock;
import dev.autonomy.testkit.TestGovernor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The creator outside OSGi: a governor, a container and a build in memory, a clock moved by hand. Requests flow
 * build → propose → applied (or queued, rejected, failed); rollbacks and removals go through the governor; capability
 * gaps become opportunities whose status follows their designs.
 */
class CreatorTest {

    private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
    private static final Actor OPERATOR = Actor.operator("ops");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    /** The real governor in memory, on the creator's clock; every mode suggest unless a test sets one. */
    private final TestGovernor governor = new TestGovernor(clock, GovernorSettings.DEFAULTS);
    private final List<SessionEvent> events = new ArrayList<>();
    private final List<String> builds = new ArrayList<>();
    private boolean governorPresent = true;
    /** When set, every build fails at {@code compile} with this reason. */
    private String buildFailure;
    private AgentStore store;
    private FakeDeployment container;
    private Creator creator;

    @BeforeEach
    void setUp() throws IOException {
        store = new AgentStore(dir);
        container = new FakeDeployment(store);
        creator = creator(CreatorSettings.DEFAULTS);
    }

    private Creator creator(CreatorSettings settings) {
        Collaborators services = new Collaborators(() -> governorPresent ? governor : null, () -> null,
                () -> events::add, List::of, NO_TOOLS);
        Creator c = new Creator(clock, store, this::build, container, services, settings);
        // as CreatorComponent, its executor (whose asynchronous validation report the tests make by hand, or the
        // creator makes itself in mode auto)
        governor.executor(CreationActions.CAPABILITY, c::apply, c::rollback);
        return c;
    }

    /** The proposals the governor journaled, oldest first. */
    private List<AuditEntry> submitted() {
        return governor.entries(AuditEntry.Type.PROPOSED);
    }

    /** The ids of the proposals the governor journaled validations of, oldest first. */
    private List<String> validations() {
        return governor.entries(AuditEntry.Type.VALIDATED).stream().map(AuditEntry::proposalId).toList();
    }

    private BuildReport build(dev.autonomy.creator.pipeline.AgentDesign design, int revision,
                              dev.autonomy.creator.pipeline.BuildSettings settings, ToolInvoker testTools,
                              long testTimeoutMs, dev.autonomy.creator.build.AgentBuilder.StageListener listener) {
        builds.add(design.id() + " r" + revision);
        List<StageTime> stages = List.of(new StageTime("generate", 10), new StageTime("compile", 20));
        if (buildFailure != null) {
            return new BuildReport(false, "compile", buildFailure, List.of("Behavior.java:3: error"), stages,
                    Optional.empty(), Optional.empty());
        }
        byte[] jar = ("jar of " + design.id() + " r" + revision).getBytes(StandardCharsets.UTF_8);
        String pkg = "dev.autonomy.generated." + design.id() + ".r" + revision;
        return new BuildReport(true, "", "", List.of(), stages,
                Optional.of(new BundlePackager.Packaged(jar, BundlePackager.sha256(jar), pkg, "1.0.0")),
                Optional.of(new AgentCodeBase(design.id(), revision, pkg,
                        Map.of(pkg + ".AgentComponent", "class AgentComponent {}"), Map.of(), Map.of(), "<xml/>",
                        List.of(), List.of())));
    }

    private static final ToolInvoker NO_TOOLS = new ToolInvoker() {
        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments, ToolCall parent) {
            return ToolResult.error("no tools");
        }

        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments) {
            return ToolResult.error("no tools");
        }

        @Override
        public boolean mayCall(String toolName) {
            return false;
        }
    };

    /** A spec with one capability ({@code <id>.shout}) and one test. */
    private static Map<String, Object> spec(String id, List<String> tools) {
        Map<String, Object> text = Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string")),
                "required", List.of("text"));
        return Map.of("id", id, "description", "shouts", "tools", tools,
                "capabilities", List.of(Map.of("name", id + ".shout", "description", "shouts",
                        "inputSchema", text, "outputSchema", text,
                        "steps", List.of(Map.of("id", "t", "template", Map.of("text", "${/input/text}!"))))),
                "tests", List.of(Map.of("name", "shout", "capability", id + ".shout", "input",
                        Map.of("text", "hi"), "expect", Map.of("text", "hi!"))));
    }

    private CreateOutcome create(String id) {
        return creator.createFromSpec(spec(id, List.of()), "spec", OPERATOR, Progress.NONE);
    }

    private void auto() {
        governor.withMode(CreationActions.CAPABILITY, Mode.AUTO);
    }

    private List<String> eventTypes() {
        return events.stream().map(SessionEvent::type).toList();
    }

    // ------------------------------------------------------------------ create

    @Test
    void aCreateRequestIsBuiltProposedAndAppliedInModeAuto() throws IOException {
        auto();
        List<String> stages = new ArrayList<>();

        CreateOutcome out = creator.createFromSpec(spec("echo", List.of()), "spec", OPERATOR,
                (stage, i, total) -> stages.add(stage + " " + (i + 1) + "/" + total));

        assertThat(out.status()).isEqualTo(CreateOutcome.Status.CREATED);
        assertThat(out.revision()).isEqualTo(1);
        assertThat(out.stages()).extracting(StageTime::stage).containsExactly("generate", "compile", "deploy");
        assertThat(stages).containsExactly("propose 7/7");
        assertThat(builds).containsExactly("echo r1");
        ProposedAction action = governor.proposal(submitted().get(0).proposalId()).orElseThrow();
        assertThat(action.kind()).isEqualTo(CreationActions.KIND_CREATE);
        assertThat(action.target()).isEqualTo("agent:echo");
        assertThat(action.proposedAt()).isEqualTo(START);
        assertThat(action.payload()).containsEntry("sha256", out.sha256()).containsEntry("revision", 1);
        assertThat(container.serving).containsExactly(Map.entry("echo", 1));
        assertThat(container.steps).containsExactly("deploy echo r1 probed");
        assertThat(store.state("echo")).isEqualTo(new AgentStore.State(1, List.of(action.id())));
        assertThat(store.revision("echo", 1).orElseThrow().createdAt()).isEqualTo(START.toString());
        assertThat(validations()).containsExactly(action.id()); // reported once, done
        assertThat(eventTypes()).containsExactly(CreationActions.AGENT_CREATED);
        assertThat(events.get(0).time()).isEqualTo(START);
        assertThat(creator.history(10)).extracting(e -> e.get("status")).containsExactly("created", "deployed");
        assertThat(creator.history(10)).allSatisfy(e -> assertThat(e.get("time")).isEqualTo(START.toString()));
        assertThat(creator.status()).containsEntry("created", 1L).containsEntry("failed", 0L);
    }

    @Test
    void inModeSuggestTheBuiltAgentWaitsForApprovalThenServes() throws IOException {
        CreateOutcome out = create("echo");

        assertThat(out.status()).isEqualTo(CreateOutcome.Status.QUEUED);
        assertThat(out.ok()).isTrue();
        assertThat(container.serving).isEmpty();
        assertThat(store.revision("echo", 1)).isPresent(); // kept for the approval, even after a restart
        assertThat(creator.status()).containsEntry("queued", 1L);

        Decision d = governor.approve(out.proposalId());

        assertThat(d.applied()).isTrue();
        assertThat(container.serving).containsExactly(Map.entry("echo", 1));
        assertThat(creator.reportValidated(governor, out.proposalId(), d.execution().orElseThrow())).isTrue();
        assertThat(validations()).containsExactly(out.proposalId());
    }

    @Test
    void anAgentTheGovernorRejectsLeavesNothingInstalledOrKept() throws IOException {
        governor.withMode(CreationActions.CAPABILITY, Mode.OFF);

        CreateOutcome out = create("echo");

        assertThat(out.status()).isEqualTo(CreateOutcome.Status.REJECTED);
        assertThat(out.failedStage()).isEqualTo("governor");
        assertThat(governor.state(out.proposalId())).contains(ActionState.REJECTED);
        assertThat(out.reason()).as("the governor's reason").isEqualTo(governor.entries(AuditEntry.Type.REJECTED)
                .get(0).data().get("reason"));
        assertThat(container.serving).isEmpty();
        assertThat(container.steps).isEmpty();
        assertThat(store.revision("echo", 1)).isEmpty();
        assertThat(creator.status()).containsEntry("rejected", 1L).containsEntry("failed", 1L);
        assertThat(eventTypes()).containsExactly(CreationActions.AGENT_CREATION_FAILED);
    }

    @Test
    void aFailedBuildProposesNothing() throws IOException {
        auto();
        buildFailure = "cannot find symbol";

        CreateOutcome out = create("echo");

        assertThat(out.status()).isEqualTo(CreateOutcome.Status.FAILED);
        assertThat(out.failedStage()).isEqualTo("compile");
        assertThat(out.details()).containsExactly("Behavior.java:3: error");
        assertThat(submitted()).isEmpty();
        assertThat(container.steps).isEmpty();
        assertThat(store.revision("echo", 1)).isEmpty();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("agentId", "echo").containsEntry("stage", "compile"));
    }

    @Test
    void aDeploymentThatFailsItsProbeDropsTheRevision() throws IOException {
        auto();
        container.failNextAt = "probe";

        CreateOutcome out = create("echo");

        assertThat(out.status()).isEqualTo(CreateOutcome.Status.FAILED);
        assertThat(out.failedStage()).isEqualTo("probe");
        assertThat(container.serving).isEmpty();
        assertThat(store.revision("echo", 1)).isEmpty();
        assertThat(store.state("echo").active()).isZero();
        assertThat(validations()).isEmpty();
    }

    @Test
    void nothingIsBuiltWithoutAGovernorWhileHaltedOrWithAReservedTool() {
        governorPresent = false;
        assertThat(create("echo").reason()).isEqualTo("no governor is running: nothing is created without one");
        governorPresent = true;

        creator.halt();
        assertThat(create("echo").reason()).isEqualTo("agent creation is halted (autonomy:resume lifts it)");
        creator.resume();

        CreateOutcome reserved = creator.createFromSpec(spec("echo", List.of("agent_remove")), "spec", OPERATOR,
                Progress.NONE);
        assertThat(reserved.failedStage()).isEqualTo("design");
        assertThat(reserved.reason()).startsWith("agents may not call 'agent_remove'");

        container.foreign.put("echo", "dev.example.echo");
        assertThat(create("echo").reason()).isEqualTo("agent 'echo' is served by bundle dev.example.echo; a "
                + "generated agent may not replace it (choose another id)");
        assertThat(builds).isEmpty();
        assertThat(submitted()).isEmpty();
    }

    @Test
    void anInvalidSpecFailsAtStageSpec() {
        CreateOutcome out = creator.createFromSpec(Map.of("id", "echo"), "spec", OPERATOR, Progress.NONE);

        assertThat(out.failedStage()).isEqualTo("spec");
        assertThat(out.id()).isEqualTo("echo");
        assertThat(builds).isEmpty();
    }

    // ------------------------------------------------------------------ client source

    @Test
    void clientSourceIsBoundedByAnHourlyBudgetOnTheClock() {
        creator = creator(new CreatorSettings(true, true, 65_536, 1, 5_000, 2_000,
                CreatorSettings.DEFAULTS.build()));
        String source = "public class Behavior {}";

        CreateOutcome first = creator.createFromSource(source, spec("echo", List.of()), "source", OPERATOR,
                "s1", Progress.NONE);
        CreateOutcome second = creator.createFromSource(source, spec("echo", List.of()), "source", OPERATOR,
                "s1", Progress.NONE);
        clock.advance(Duration.ofMinutes(61));
        CreateOutcome third = creator.createFromSource(source, spec("echo", List.of()), "source", OPERATOR,
                "s1", Progress.NONE);

        assertThat(first.status()).isEqualTo(CreateOutcome.Status.QUEUED);
        assertThat(second.failedStage()).isEqualTo("policy");
        assertThat(second.reason()).isEqualTo("client-source budget used up: 1 attempts per hour, failures "
                + "included");
        assertThat(third.status()).isEqualTo(CreateOutcome.Status.QUEUED);
    }

    @Test
    void clientSourceIsRefusedWhenDisabledOrRefusedForTheSession() {
        CreateOutcome off = creator.createFromSource("class A {}", spec("echo", List.of()), "source", OPERATOR,
                "s1", Progress.NONE);
        assertThat(off.reason()).startsWith("client source is disabled on this server");

        creator = creator(new CreatorSettings(true, true, 65_536, 5, 5_000, 2_000,
                CreatorSettings.DEFAULTS.build()));
        creator.sourceGate(session -> Optional.of("not over plain HTTP"));
        CreateOutcome refused = creator.createFromSource("class A {}", spec("echo", List.of()), "source",
                OPERATOR, "s1", Progress.NONE);
        assertThat(refused.reason()).isEqualTo("not over plain HTTP");
        assertThat(builds).isEmpty();
    }

    // ------------------------------------------------------------------ rollback and removal

    @Test
    void aRollbackGoesThroughTheGovernorAndRestoresThePreviousRevision() throws IOException {
        auto();
        CreateOutcome r1 = create("echo");
        CreateOutcome r2 = create("echo");
        assertThat(container.serving).containsExactly(Map.entry("echo", 2));

        ExecutionResult r = creator.rollbackAgent("echo", "worse than before", OPERATOR);

        assertThat(r.success()).isTrue();
        assertThat(r.message()).isEqualTo("agent echo is back at revision 1");
        assertThat(governor.entries(AuditEntry.Type.ROLLED_BACK)).singleElement().satisfies(e -> {
            assertThat(e.proposalId()).isEqualTo(r2.proposalId());
            assertThat(e.actor()).isEqualTo(OPERATOR);
            assertThat(e.data()).containsEntry("reason", "worse than before");
        });
        assertThat(container.serving).containsExactly(Map.entry("echo", 1));
        assertThat(store.state("echo")).isEqualTo(new AgentStore.State(1, List.of(r1.proposalId())));
        assertThat(creator.status()).containsEntry("rolledBack", 1L);
    }

    @Test
    void aRemovalGoesThroughTheGovernorAndCanBeRolledBack() throws IOException {
        auto();
        create("echo");

        Decision d = creator.remove("echo", OPERATOR);

        assertThat(d.applied()).isTrue();
        assertThat(submitted()).extracting(AuditEntry::kind)
                .containsExactly(CreationActions.KIND_CREATE, CreationActions.KIND_REMOVE);
        assertThat(validations()).contains(d.proposalId());
        assertThat(container.serving).isEmpty();
        assertThat(store.state("echo").active()).isZero();

        assertThat(creator.rollbackAgent("echo", "still needed", OPERATOR).message())
                .isEqualTo("agent echo is back at revision 1");
        assertThat(container.serving).containsExactly(Map.entry("echo", 1));
    }

    @Test
    void removalAndRollbackOfUnknownAgentsChangeNothing() throws IOException {
        assertThat(creator.remove("Not An Id", OPERATOR).reason()).isEqualTo("no generated agent 'Not An Id'");
        assertThat(creator.remove("echo", OPERATOR).reason()).isEqualTo("no generated agent 'echo' is serving");
        assertThat(creator.rollbackAgent("echo", "x", OPERATOR).message())
                .isEqualTo("nothing to roll back for agent 'echo'");
        assertThat(submitted()).isEmpty();
    }

    @Test
    void aQueuedRemovalLeavesTheAgentServing() throws IOException {
        auto();
        create("echo");
        governor.withMode(CreationActions.CAPABILITY + "." + CreationActions.KIND_REMOVE, Mode.SUGGEST);

        Decision d = creator.remove("echo", OPERATOR);

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.QUEUED);
        assertThat(container.serving).containsExactly(Map.entry("echo", 1));
    }

    // ------------------------------------------------------------------ capability gaps

    @Test
    void aComposableGapIsDesignedAndItsOpportunityFollowsTheOutcome() {
        auto();

        Optional<Runnable> design = creator.onGap("text.trim", Map.of("text", "string"));

        assertThat(creator.opportunities()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OpportunityStatus.SEEN);
            assertThat(o.demand()).isEqualTo(1);
            assertThat(o.lastSeen()).isEqualTo(START);
        });
        assertThat(design).isPresent();
        design.get().run();

        assertThat(submitted()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(CreationActions.KIND_CREATE_GAP);
            assertThat(a.actor()).as("requested by").isEqualTo(Actor.capability(CreationActions.CAPABILITY));
        });
        Opportunity o = creator.opportunities().get(0);
        assertThat(o.status()).isEqualTo(OpportunityStatus.CREATED);
        assertThat(o.statusText()).isEqualTo("created");
        assertThat(creator.onGap("text.trim", Map.of())).isEmpty(); // serving now
        assertThat(creator.opportunities().get(0).status()).isEqualTo(OpportunityStatus.CREATED);
        assertThat(creator.opportunities().get(0).demand()).isEqualTo(2);
    }

    @Test
    void aGapWaitingForApprovalIsNotDesignedAgain() {
        creator.onGap("text.trim", Map.of()).orElseThrow().run();

        assertThat(creator.opportunities().get(0).status()).isEqualTo(OpportunityStatus.QUEUED);
        assertThat(creator.onGap("text.trim", Map.of())).isEmpty();
        assertThat(submitted()).hasSize(1);
    }

    @Test
    void aFailedGapDesignWaitsTenMinutesBeforeTheNextAttempt() {
        auto();
        governor.withMode(CreationActions.CAPABILITY + "." + CreationActions.KIND_CREATE_GAP, Mode.OFF);

        creator.onGap("text.trim", Map.of()).orElseThrow().run();

        Opportunity o = creator.opportunities().get(0);
        assertThat(o.status()).isEqualTo(OpportunityStatus.REJECTED);
        assertThat(o.statusText()).isEqualTo("rejected (governor)");
        assertThat(creator.onGap("text.trim", Map.of())).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(creator.onGap("text.trim", Map.of())).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(creator.onGap("text.trim", Map.of())).isPresent();
    }

    @Test
    void aGapNobodyCanComposeIsRecordedAndNotRetriedOnEveryRequest() {
        auto();
        creator.onGap("weather.forecast", Map.of("city", "string")).orElseThrow().run();

        Opportunity o = creator.opportunities().get(0);
        assertThat(o.status()).isEqualTo(OpportunityStatus.FAILED);
        assertThat(o.statusText()).isEqualTo("failed (design)");
        assertThat(o.inputShape()).containsEntry("city", "string");
        assertThat(submitted()).isEmpty();

        CreateOutcome asked = creator.generate("weather.forecast", OPERATOR, Progress.NONE);
        assertThat(asked.failedStage()).isEqualTo("design");
        assertThat(creator.opportunities().get(0).status()).isEqualTo(OpportunityStatus.NOT_COMPOSABLE);
        clock.advance(Duration.ofHours(1));
        assertThat(creator.onGap("weather.forecast", Map.of())).isEmpty(); // asked for again, still not composable
        assertThat(creator.opportunities().get(0).demand()).isEqualTo(2);
        assertThat(creator.contextExtension().get("creation_opportunities")).isEqualTo(List.of(Map.of(
                "capability", "weather.forecast", "demand", 2, "status", "not composable")));
    }

    @Test
    void gapsAreOnlyRecordedWhenDesigningFromGapsIsOffOrNoGovernorRuns() {
        creator = creator(new CreatorSettings(false, false, 65_536, 5, 5_000, 2_000,
                CreatorSettings.DEFAULTS.build()));
        assertThat(creator.onGap("text.trim", Map.of())).isEmpty();
        creator = creator(CreatorSettings.DEFAULTS);
        governorPresent = false;
        assertThat(creator.onGap("text.trim", Map.of())).isEmpty();
        assertThat(creator.opportunities()).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OpportunityStatus.SEEN));
    }

    @Test
    void reconcileRestoresEveryAgentOfData() {
        auto();
        create("echo");
        create("shout");

        creator.reconcile();

        assertThat(container.steps).contains("reconcile echo", "reconcile shout");
    }

    @Test
    void aValidationTheGovernorHasNotRecordedYetIsReportedAgainLater() {
        AutonomyGovernor g = governor;
        ExecutionResult ok = ExecutionResult.ok("served", Map.of());

        assertThat(creator.reportValidated(g, "p-unknown", ok)).isFalse();
        assertThat(creator.reportValidated(g, "p-unknown", ok)).isFalse(); // not marked as reported
        assertThat(validations()).isEmpty();
    }
}
