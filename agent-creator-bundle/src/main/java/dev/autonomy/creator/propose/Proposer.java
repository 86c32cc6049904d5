package dev.autonomy.creator.propose;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.creator.build.AgentBuilder;
import dev.autonomy.creator.build.AgentBuilder.BuildReport;
import dev.autonomy.creator.build.AgentBuilder.StageTime;
import dev.autonomy.creator.build.BundlePackager;
import dev.autonomy.creator.deploy.AgentDeployment;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.pipeline.AgentDesign;
import dev.autonomy.creator.pipeline.CreationPipeline;
import dev.autonomy.creator.pipeline.CreatorSettings;
import dev.autonomy.creator.pipeline.Provider;
import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.SpecParse;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Build → propose: a design is built behind the gates (one build at a time), saved under {@code data/} and proposed
 * to the governor, which queues, rejects or applies it (through {@link ChangeExecutor}) at once.
 */
public final class Proposer {

    private static final Logger LOG = LoggerFactory.getLogger(Proposer.class);

    private final Clock clock;
    private final AgentStore store;
    private final AgentBuild builder;
    private final AgentDeployment deployment;
    private final Collaborators services;
    private final Supplier<CreatorSettings> settings;
    private final CreationLedger ledger;
    private final ValidationReports validations;
    /** One build at a time: javac and the class loaders are the heavy part. */
    private final ReentrantLock buildLock = new ReentrantLock();
    private final Set<String> building = ConcurrentHashMap.newKeySet();
    private volatile boolean halted;

    public Proposer(Clock clock, AgentStore store, AgentBuild builder, AgentDeployment deployment,
                    Collaborators services, Supplier<CreatorSettings> settings, CreationLedger ledger,
                    ValidationReports validations) {
        this.clock = clock;
        this.store = store;
        this.builder = builder;
        this.deployment = deployment;
        this.services = services;
        this.settings = settings;
        this.ledger = ledger;
        this.validations = validations;
    }

    public void halt() {
        halted = true;
    }

    public void resume() {
        halted = false;
    }

    public boolean halted() {
        return halted;
    }

    /** Whether agent {@code id} is being built right now. */
    public boolean building(String id) {
        return building.contains(id);
    }

    /** Builds {@code design} and proposes it; {@code savedSpec} is what {@code data/} keeps of the request. */
    public CreateOutcome build(AgentDesign design, Map<String, Object> savedSpec, Actor actor, Progress progress,
                               long start) {
        String id = design.id();
        AutonomyGovernor g = services.governor().get();
        Optional<Refusal> refusal = refusal(design, g);
        if (refusal.isPresent()) {
            return ledger.failed(CreateOutcome.refused(id, refusal.get().stage(), refusal.get().reason(), start),
                    design.origin(), actor);
        }
        if (!building.add(id)) {
            return ledger.failed(CreateOutcome.refused(id, "build", "agent '" + id + "' is being built already",
                    start), design.origin(), actor);
        }
        try {
            if (!buildLock.tryLock(60, TimeUnit.SECONDS)) {
                return ledger.failed(CreateOutcome.refused(id, "build", "another build has been running for a "
                        + "minute; try again later", start), design.origin(), actor);
            }
            BuildReport report;
            int revision;
            try {
                revision = store.nextRevision(id);
                CreatorSettings s = settings.get();
                report = builder.build(design, revision, s.build(), testInvoker(design.specification()),
                        s.testTimeoutMs(), (stage, i, total) -> progress.stage(stage, i, total + 1));
            } finally {
                buildLock.unlock();
            }
            if (!report.success()) {
                return ledger.failed(CreateOutcome.failed(id, report.failedStage(), report.reason(),
                        report.details(), report.stages(), CreateOutcome.microsSince(start)), design.origin(), actor);
            }
            CreateOutcome out = propose(g, design, revision, report, savedSpec, actor, progress, start);
            if (!out.ok()) {
                return ledger.failed(out, design.origin(), actor);
            }
            ledger.history(out.toJson(), design.origin(), actor);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ledger.failed(CreateOutcome.refused(id, "build", "interrupted while waiting for another build",
                    start), design.origin(), actor);
        } catch (IOException | RuntimeException | Error e) { // Error: generated code may throw anything
            LOG.error("Creating agent {} failed", id, e);
            return ledger.failed(CreateOutcome.refused(id, "store", "internal error: "
                    + e.getClass().getSimpleName(), start), design.origin(), actor);
        } finally {
            building.remove(id);
        }
    }

    private record Refusal(String stage, String reason) {
    }

    /** Why {@code design} is not built at all: halted, no governor, a reserved tool, an id another bundle serves. */
    private Optional<Refusal> refusal(AgentDesign design, AutonomyGovernor g) {
        if (halted) {
            return Optional.of(new Refusal("governor", "agent creation is halted (autonomy:resume lifts it)"));
        }
        if (g == null) {
            return Optional.of(new Refusal("governor", "no governor is running: nothing is created without one"));
        }
        for (String tool : design.specification().tools()) {
            if (CreationActions.RESERVED_TOOLS.contains(tool) || tool.startsWith("autonomy_")
                    || tool.startsWith("learn_")) {
                return Optional.of(new Refusal("design", "agents may not call '" + tool + "': creating, "
                        + "removing and governing agents is for people and the creator"));
            }
        }
        return deployment.servedByOthers(design.id()).map(owner -> new Refusal("design", "agent '" + design.id()
                + "' is served by bundle " + owner + "; a generated agent may not replace it (choose another id)"));
    }

    /** Saves the built revision and submits it: queued, rejected (its files go), or applied at once. */
    private CreateOutcome propose(AutonomyGovernor g, AgentDesign design, int revision, BuildReport report,
                                  Map<String, Object> savedSpec, Actor actor, Progress progress, long start)
            throws IOException {
        String id = design.id();
        BundlePackager.Packaged packaged = report.bundle().orElseThrow();
        ProposedAction action = new ProposedAction(UUID.randomUUID().toString(), CreationActions.CAPABILITY,
                // a design the creator made by itself is governed apart from one a person or client asked for
                actor.kind() == Actor.Kind.CAPABILITY ? CreationActions.KIND_CREATE_GAP
                        : CreationActions.KIND_CREATE, CreationActions.target(id),
                Map.of("id", id, "revision", revision, "sha256", packaged.sha256(),
                        "version", design.specification().version(), "origin", design.origin(),
                        "capabilities", design.interfaces(), "tools", design.integrationPoints().tools()),
                true, "serve agent " + id + " offering " + String.join(", ", design.interfaces())
                + " (built, checked and tested; jar SHA-256 " + packaged.sha256() + ")", actor, clock.instant());
        store.saveRevision(new AgentStore.Revision(id, revision, design.specification().version(),
                packaged.sha256(), design.origin(), clock.instant().toString(), action.id()), savedSpec,
                report.code().orElseThrow().sources(), packaged.jar());
        progress.stage("propose", AgentBuilder.STAGES.size(), AgentBuilder.STAGES.size() + 1); // the 7th of 7
        Decision d = ledger.count(g.submit(action));
        List<StageTime> stages = new ArrayList<>(report.stages());
        switch (d.outcome()) {
            case QUEUED:
                return new CreateOutcome(CreateOutcome.Status.QUEUED, id, revision, action.id(), packaged.sha256(),
                        "", d.reason(), List.of(), stages, CreateOutcome.microsSince(start));
            case REJECTED:
                store.deleteRevision(id, revision);
                return new CreateOutcome(CreateOutcome.Status.REJECTED, id, revision, action.id(), packaged.sha256(),
                        "governor", d.reason(), List.of(), stages, CreateOutcome.microsSince(start));
            default:
                ExecutionResult r = d.execution().orElse(ExecutionResult.failed("no execution result"));
                if (!r.success()) {
                    return CreateOutcome.failed(id, String.valueOf(r.effect().getOrDefault("stage", "deploy")),
                            r.message(), List.of(), stages, CreateOutcome.microsSince(start));
                }
                validations.report(g, action.id(), r);
                stages.add(new StageTime("deploy", ((Number) r.effect().getOrDefault("deployMicros", 0L))
                        .longValue()));
                return new CreateOutcome(CreateOutcome.Status.CREATED, id, revision, action.id(), packaged.sha256(),
                        "", "", List.of(), stages, CreateOutcome.microsSince(start));
        }
    }

    /**
     * Builds a throwaway agent once (nothing is kept or installed), so that the first real creation does not pay
     * for loading and warming the compiler, the bytecode tools and bndlib.
     */
    public void warmUp() {
        long start = System.nanoTime();
        try {
            Map<String, Object> text = Map.of("type", "object", "properties", Map.of("text",
                    Map.of("type", "string")), "required", List.of("text"));
            Map<String, Object> json = Map.of("id", "warm_up", "description", "warm-up", "tools", List.of(),
                    "capabilities", List.of(Map.of("name", "warm.up", "description", "warm-up",
                            "inputSchema", text, "outputSchema", text,
                            "steps", List.of(Map.of("id", "t", "template", Map.of("text", "${/input/text}!"))))),
                    "tests", List.of(Map.of("name", "warm", "capability", "warm.up", "input",
                            Map.of("text", "hi"), "expect", Map.of("text", "hi!"))));
            SpecParse parsed = AgentSpecs.parse(json);
            if (parsed.spec().isEmpty()) {
                LOG.debug("Warm-up spec did not parse: {}", parsed.errors());
                return;
            }
            buildLock.lock();
            try {
                CreatorSettings s = settings.get();
                BuildReport r = builder.build(CreationPipeline.designFromSpec(parsed.spec().get(), "warm-up"), 0,
                        s.build(), testInvoker(parsed.spec().get()), s.testTimeoutMs(), null);
                LOG.debug("Creator warmed up in {} ms ({})", CreateOutcome.microsSince(start) / 1000,
                        r.success() ? "ok" : r.failedStage() + ": " + r.reason());
            } finally {
                buildLock.unlock();
            }
        } catch (RuntimeException e) {
            LOG.debug("Creator warm-up failed: {}", e.toString());
        }
    }

    /**
     * The tools an agent's tests may call before approval: the ones its spec declares, and of those only the
     * read-only ones (and {@code agent_route}) — tests must not change anything before a person said yes.
     */
    private ToolInvoker testInvoker(AgentSpec spec) {
        Set<String> declared = new HashSet<>(spec.tools());
        Map<String, Boolean> readOnly = new LinkedHashMap<>();
        for (Provider p : services.tools().get()) {
            readOnly.put(p.name(), p.readOnly());
        }
        ToolInvoker tools = services.invoker();
        return new ToolInvoker() {
            @Override
            public ToolResult invoke(String toolName, Map<String, ?> arguments, ToolCall parent) {
                return invoke(toolName, arguments);
            }

            @Override
            public ToolResult invoke(String toolName, Map<String, ?> arguments) {
                if (!declared.contains(toolName)) {
                    return ToolResult.error("Agent may not call tool '" + toolName + "': its spec does not "
                            + "declare it");
                }
                if (!"agent_route".equals(toolName) && !readOnly.getOrDefault(toolName, false)) {
                    return ToolResult.error("Tests run before approval may call only read-only tools; '"
                            + toolName + "' is not marked read-only");
                }
                return tools.invoke(toolName, arguments);
            }

            @Override
            public boolean mayCall(String toolName) {
                return declared.contains(toolName);
            }
        };
    }
}
