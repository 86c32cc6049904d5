package dev.autonomy.creator.component;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.creator.build.AgentBuilder;
import dev.autonomy.creator.build.AgentBuilder.BuildReport;
import dev.autonomy.creator.build.AgentBuilder.StageTime;
import dev.autonomy.creator.build.SpecTestRunner;
import dev.autonomy.creator.deploy.AgentDeployer;
import dev.autonomy.creator.deploy.AgentDeployer.DeployException;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.pipeline.AgentDesign;
import dev.autonomy.creator.pipeline.CapabilityGap;
import dev.autonomy.creator.pipeline.CreationPipeline;
import dev.autonomy.creator.pipeline.Provider;
import dev.autonomy.creator.pipeline.TaskRequirements;
import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.SpecParse;
import dev.autonomy.creator.spec.SpecTest;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEvents;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Orchestrates agent creation: spec (or gap, or client source) → design → gated build → governor proposal →
 * deployment by the executor (install, activate, probe, serve) → validation. Everything that changes the container
 * happens in {@link #apply} and {@link #rollback}, which only the governor calls.
 */
public final class Creator {

    /** The capability's name: service property, manifest header, mode and budget key. */
    public static final String CAPABILITY = "agent-creation";
    public static final String KIND_CREATE = "agent.create";
    /** Creations the creator designed by itself from a capability gap; modes can treat them apart. */
    public static final String KIND_CREATE_GAP = "agent.create.gap";
    public static final String KIND_REMOVE = "agent.remove";
    /** Published when an agent starts serving. */
    public static final String AGENT_CREATED = "agent_created";
    /** Published when a creation fails at any stage. */
    public static final String AGENT_CREATION_FAILED = "agent_creation_failed";

    private static final Logger LOG = LoggerFactory.getLogger(Creator.class);
    /** Tools no generated agent may call. */
    static final Set<String> RESERVED_TOOLS = Set.of("agent_create", "agent_remove", "agent_rollback",
            "agent_creation_history", "agent_spec_schema");

    private final BundleContext context;
    private final AgentStore store;
    private final AgentBuilder builder;
    private final AgentDeployer deployer;
    private final ToolInvoker tools;
    private final Supplier<AutonomyGovernor> governor;
    private final Supplier<AgentRegistry> registry;
    private final Supplier<SessionEvents> events;
    private volatile CreatorSettings settings;
    private volatile java.util.function.Function<String, Optional<String>> sourceGate = session -> Optional.empty();
    private final ReentrantLock buildLock = new ReentrantLock();
    private final Map<String, Opportunity> opportunities = new ConcurrentHashMap<>();
    private final Set<String> building = ConcurrentHashMap.newKeySet();
    private final Set<String> validated = ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.concurrent.locks.ReentrantLock> idLocks = new ConcurrentHashMap<>();
    /** Gap designs that failed or were turned down, and when to try again. */
    private final Map<String, Instant> gapRetryAfter = new ConcurrentHashMap<>();
    private final List<Long> sourceAttempts = new ArrayList<>();
    private volatile boolean halted;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();

    /** A capability asked for that nobody offers. */
    public record Opportunity(String capability, Map<String, Object> inputShape, int demand, Instant lastSeen,
                              String status) {
    }

    public Creator(BundleContext context, AgentStore store, AgentBuilder builder, AgentDeployer deployer,
                   ToolInvoker tools, Supplier<AutonomyGovernor> governor, Supplier<AgentRegistry> registry,
                   Supplier<SessionEvents> events, CreatorSettings settings) {
        this.context = context;
        this.store = store;
        this.builder = builder;
        this.deployer = deployer;
        this.tools = tools;
        this.governor = governor;
        this.registry = registry;
        this.events = events;
        this.settings = settings;
    }

    /** Decides per session whether client source is acceptable (a reason when not). */
    void sourceGate(java.util.function.Function<String, Optional<String>> gate) {
        this.sourceGate = gate;
    }

    void settings(CreatorSettings s) {
        this.settings = s;
    }

    public CreatorSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ requests

    /** Builds an agent from a spec and proposes it; {@code progress} hears each stage. */
    public CreateOutcome createFromSpec(Object specJson, String origin, Actor actor, Progress progress) {
        long start = System.nanoTime();
        SpecParse parsed = AgentSpecs.parse(specJson);
        if (parsed.spec().isEmpty()) {
            String id = specJson instanceof Map && ((Map<?, ?>) specJson).get("id") instanceof String
                    ? (String) ((Map<?, ?>) specJson).get("id") : "";
            return finishFailed(CreateOutcome.failed(id, "spec", parsed.errors().size()
                    + " error(s) in the spec; first: " + parsed.errors().get(0), parsed.errors(), List.of(),
                    micros(start)), origin, actor);
        }
        AgentSpec spec = parsed.spec().get();
        return build(CreationPipeline.designFromSpec(spec, origin), AgentSpecs.toJson(spec), actor, progress,
                start);
    }

    /** Builds an agent whose behaviour class a client wrote (origin {@code source} or {@code sampling}). */
    public CreateOutcome createFromSource(String source, Object specJson, String origin, Actor actor,
                                          String sessionId, Progress progress) {
        long start = System.nanoTime();
        String id = specJson instanceof Map && ((Map<?, ?>) specJson).get("id") instanceof String
                ? (String) ((Map<?, ?>) specJson).get("id") : "";
        CreatorSettings s = settings;
        if (!s.allowClientSource()) {
            return finishFailed(CreateOutcome.failed(id, "policy", "client source is disabled on this server "
                    + "(allowClientSource=false in etc/dev.autonomy.agent.creator.cfg)", List.of(), List.of(),
                    micros(start)), origin, actor);
        }
        Optional<String> refusal = sourceGate.apply(sessionId);
        if (refusal.isPresent()) {
            return finishFailed(CreateOutcome.failed(id, "policy", refusal.get(), List.of(), List.of(),
                    micros(start)), origin, actor);
        }
        if (source.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > s.maxSourceBytes()) {
            return finishFailed(CreateOutcome.failed(id, "policy", "the source is larger than "
                    + s.maxSourceBytes() + " bytes", List.of(), List.of(), micros(start)), origin, actor);
        }
        if (!takeSourceAttempt(s.sourceAttemptsPerHour())) {
            return finishFailed(CreateOutcome.failed(id, "policy", "client-source budget used up: "
                    + s.sourceAttemptsPerHour() + " attempts per hour, failures included", List.of(), List.of(),
                    micros(start)), origin, actor);
        }
        SpecParse parsed = AgentSpecs.parse(specJson);
        if (parsed.spec().isEmpty()) {
            return finishFailed(CreateOutcome.failed(id, "spec", parsed.errors().size()
                    + " error(s) in the spec; first: " + parsed.errors().get(0), parsed.errors(), List.of(),
                    micros(start)), origin, actor);
        }
        AgentSpec spec = parsed.spec().get();
        Map<String, Object> saved = new LinkedHashMap<>(AgentSpecs.toJson(spec));
        saved.put("source", source);
        return build(CreationPipeline.designFromSource(spec, source, origin), saved, actor, progress, start);
    }

    /** Designs an agent for {@code capability} from what exists (or a built-in template) and proposes it. */
    public CreateOutcome generate(String capability, Actor actor, Progress progress) {
        long start = System.nanoTime();
        Opportunity o = opportunities.get(capability);
        TaskRequirements req = new TaskRequirements(List.of(new TaskRequirements.Requirement(capability,
                o == null ? Map.of() : o.inputShape(), o == null ? 1 : o.demand())));
        List<Provider> providers = providers();
        List<CapabilityGap> gaps = CreationPipeline.analyzeCapabilityGaps(agents(), req, providers);
        if (gaps.isEmpty()) {
            return finishFailed(CreateOutcome.failed(CreationPipeline.agentIdFor(capability), "analyze",
                    "an agent already offers '" + capability + "'", List.of(), List.of(), micros(start)), "gap",
                    actor);
        }
        Optional<AgentDesign> design = CreationPipeline.designSpecializedAgent(gaps, providers);
        if (design.isEmpty()) {
            record(capability, o == null ? Map.of() : o.inputShape(), 0, "not composable");
            return finishFailed(CreateOutcome.failed(CreationPipeline.agentIdFor(capability), "design",
                    "'" + capability + "' cannot be composed from the tools and agents present (a capability "
                            + "domain.op1.op2 needs a provider of domain.op1, then domain.op2, … with matching "
                            + "fields) and no built-in template matches; recorded as an opportunity",
                    List.of(), List.of(), micros(start)), "gap", actor);
        }
        return build(design.get(), AgentSpecs.toJson(design.get().specification()), actor, progress, start);
    }

    /** Proposes removing agent {@code id}. */
    public Decision remove(String id, Actor actor) throws IOException {
        if (!AgentSpecs.ID_PATTERN.matcher(id).matches()) {
            return Decision.rejected("", "no generated agent '" + id + "'");
        }
        AgentStore.State state = store.state(id);
        if (state.active() == 0) {
            return Decision.rejected("", "no generated agent '" + id + "' is serving");
        }
        AutonomyGovernor g = governor.get();
        if (g == null) {
            return Decision.rejected("", "no governor: nothing changes without one");
        }
        ProposedAction action = new ProposedAction(UUID.randomUUID().toString(), CAPABILITY, KIND_REMOVE,
                "agent:" + id, Map.of("id", id, "revision", state.active()), true,
                "stop serving agent " + id, actor, Instant.now());
        Decision d = count(g.submit(action));
        if (d.applied()) {
            reportValidated(g, action.id(), d.execution().orElseThrow());
        }
        return d;
    }

    /** Undoes the newest applied change to agent {@code id} (a creation or a removal) through the governor. */
    public ExecutionResult rollbackAgent(String id, String reason, Actor actor) throws IOException {
        if (!AgentSpecs.ID_PATTERN.matcher(id).matches()) {
            return ExecutionResult.failed("no generated agent '" + id + "'");
        }
        AgentStore.State state = store.state(id);
        if (state.applied().isEmpty()) {
            return ExecutionResult.failed("nothing to roll back for agent '" + id + "'");
        }
        AutonomyGovernor g = governor.get();
        if (g == null) {
            return ExecutionResult.failed("no governor: nothing changes without one");
        }
        return g.rollback(state.applied().get(state.applied().size() - 1), reason, actor);
    }

    // ------------------------------------------------------------------ build and propose

    /** Hears build stages (for progress notifications and the shell). */
    public interface Progress {
        /** Stage {@code index} (from 0) of {@code total} has started. */
        void stage(String stage, int index, int total);

        Progress NONE = (s, i, t) -> {
        };
    }

    private CreateOutcome build(AgentDesign design, Map<String, Object> savedSpec, Actor actor, Progress progress,
                                long start) {
        String id = design.id();
        if (halted) {
            return finishFailed(CreateOutcome.failed(id, "governor", "agent creation is halted (autonomy:resume "
                    + "lifts it)", List.of(), List.of(), micros(start)), design.origin(), actor);
        }
        AutonomyGovernor g = governor.get();
        if (g == null) {
            return finishFailed(CreateOutcome.failed(id, "governor", "no governor is running: nothing is created "
                    + "without one", List.of(), List.of(), micros(start)), design.origin(), actor);
        }
        for (String tool : design.specification().tools()) {
            if (RESERVED_TOOLS.contains(tool) || tool.startsWith("autonomy_") || tool.startsWith("learn_")) {
                return finishFailed(CreateOutcome.failed(id, "design", "agents may not call '" + tool
                        + "': creating, removing and governing agents is for people and the creator", List.of(),
                        List.of(), micros(start)), design.origin(), actor);
            }
        }
        Optional<String> owner = servedByOthers(id);
        if (owner.isPresent()) {
            return finishFailed(CreateOutcome.failed(id, "design", "agent '" + id + "' is served by bundle "
                    + owner.get() + "; a generated agent may not replace it (choose another id)", List.of(),
                    List.of(), micros(start)), design.origin(), actor);
        }
        if (!building.add(id)) {
            return finishFailed(CreateOutcome.failed(id, "build", "agent '" + id + "' is being built already",
                    List.of(), List.of(), micros(start)), design.origin(), actor);
        }
        try {
            BuildReport report;
            int revision;
            // one build at a time: javac and the class loaders are the heavy part
            if (!buildLock.tryLock(60, java.util.concurrent.TimeUnit.SECONDS)) {
                return finishFailed(CreateOutcome.failed(id, "build", "another build has been running for a "
                        + "minute; try again later", List.of(), List.of(), micros(start)), design.origin(), actor);
            }
            try {
                revision = store.nextRevision(id);
                report = builder.build(design, revision, settings.build(), testInvoker(design.specification()),
                        settings.testTimeoutMs(), (stage, i, total) -> progress.stage(stage, i, total + 1));
            } finally {
                buildLock.unlock();
            }
            if (!report.success()) {
                return finishFailed(CreateOutcome.failed(id, report.failedStage(), report.reason(),
                        report.details(), report.stages(), micros(start)), design.origin(), actor);
            }
            var packaged = report.bundle().orElseThrow();
            ProposedAction action = new ProposedAction(UUID.randomUUID().toString(), CAPABILITY,
                    // a design the creator made by itself is governed apart from one a person or client asked for
                    actor.kind() == Actor.Kind.CAPABILITY ? KIND_CREATE_GAP : KIND_CREATE, "agent:" + id,
                    Map.of("id", id, "revision", revision, "sha256", packaged.sha256(),
                            "version", design.specification().version(), "origin", design.origin(),
                            "capabilities", design.interfaces(), "tools", design.integrationPoints().tools()),
                    true, "serve agent " + id + " offering " + String.join(", ", design.interfaces())
                    + " (built, checked and tested; jar SHA-256 " + packaged.sha256() + ")", actor, Instant.now());
            store.saveRevision(new AgentStore.Revision(id, revision, design.specification().version(),
                    packaged.sha256(), design.origin(), Instant.now().toString(), action.id()), savedSpec,
                    report.code().orElseThrow().sources(), packaged.jar());
            progress.stage("propose", AgentBuilder.STAGES.size(), AgentBuilder.STAGES.size() + 1); // the 7th of 7
            Decision d = count(g.submit(action));
            List<StageTime> stages = new ArrayList<>(report.stages());
            CreateOutcome out;
            switch (d.outcome()) {
                case QUEUED:
                    out = new CreateOutcome("queued", id, revision, action.id(), packaged.sha256(), "", d.reason(),
                            List.of(), stages, micros(start));
                    break;
                case REJECTED:
                    store.deleteRevision(id, revision);
                    out = new CreateOutcome("rejected", id, revision, action.id(), packaged.sha256(), "governor",
                            d.reason(), List.of(), stages, micros(start));
                    break;
                default:
                    ExecutionResult r = d.execution().orElse(ExecutionResult.failed("no execution result"));
                    if (r.success()) {
                        reportValidated(g, action.id(), r);
                        stages.add(new StageTime("deploy", ((Number) r.effect().getOrDefault("deployMicros", 0L))
                                .longValue()));
                        out = new CreateOutcome("created", id, revision, action.id(), packaged.sha256(), "", "",
                                List.of(), stages, micros(start));
                    } else {
                        out = CreateOutcome.failed(id, String.valueOf(r.effect().getOrDefault("stage", "deploy")),
                                r.message(), List.of(), stages, micros(start));
                    }
            }
            if (!out.ok()) {
                return finishFailed(out, design.origin(), actor);
            }
            history(out.toJson(), design.origin(), actor);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finishFailed(CreateOutcome.failed(id, "build", "interrupted while waiting for another build",
                    List.of(), List.of(), micros(start)), design.origin(), actor);
        } catch (IOException | RuntimeException | Error e) { // Error: generated code may throw anything
            LOG.error("Creating agent {} failed", id, e);
            return finishFailed(CreateOutcome.failed(id, "store", "internal error: " + e.getClass().getSimpleName(),
                    List.of(), List.of(), micros(start)), design.origin(), actor);
        } finally {
            building.remove(id);
        }
    }

    /**
     * The probe passed before the agent served: the change is validated and done, which frees its target for the
     * next change (a removal, a new revision). Reported once, by whichever path gets here first: the creation call
     * (mode auto) or the executor's background report (an approval from the shell).
     *
     * @return false if it was reported already
     */
    boolean reportValidated(AutonomyGovernor g, String proposalId, ExecutionResult r) {
        if (!validated.add(proposalId)) {
            return true;
        }
        try {
            g.reportValidation(proposalId, true, Map.of("probe", "passed", "effect", r.effect()), true);
            return true;
        } catch (IllegalArgumentException notYetRecorded) {
            validated.remove(proposalId);
            return false;
        }
    }

    private CreateOutcome finishFailed(CreateOutcome out, String origin, Actor actor) {
        failed.incrementAndGet();
        history(out.toJson(), origin, actor);
        publish(AGENT_CREATION_FAILED, Map.of("agentId", out.id(), "stage", out.failedStage(),
                "reason", out.reason()));
        return out;
    }

    private Decision count(Decision d) {
        switch (d.outcome()) {
            case QUEUED -> queued.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            default -> {
            }
        }
        return d;
    }

    /**
     * The tools an agent's tests may call before approval: the ones its spec declares, and of those only the
     * read-only ones (and {@code agent_route}) — tests must not change anything before a person said yes.
     */
    private ToolInvoker testInvoker(AgentSpec spec) {
        Set<String> declared = new HashSet<>(spec.tools());
        Map<String, Boolean> readOnly = new LinkedHashMap<>();
        for (Provider p : toolProviders()) {
            readOnly.put(p.name(), p.readOnly());
        }
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

    // ------------------------------------------------------------------ executor (called by the governor only)

    public ExecutionResult apply(ProposedAction action) throws IOException {
        String id = String.valueOf(action.payload().get("id"));
        java.util.concurrent.locks.ReentrantLock lock = idLock(id);
        lock.lock(); // one change of an agent at a time: approvals, rollbacks and the start-up reconcile
        try {
            return applyLocked(action, id);
        } finally {
            lock.unlock();
        }
    }

    private java.util.concurrent.locks.ReentrantLock idLock(String id) {
        return idLocks.computeIfAbsent(id, k -> new java.util.concurrent.locks.ReentrantLock());
    }

    private ExecutionResult applyLocked(ProposedAction action, String id) throws IOException {
        if (action.kind().startsWith(KIND_CREATE)) {
            int revision = ((Number) action.payload().get("revision")).intValue();
            String sha = String.valueOf(action.payload().get("sha256"));
            long start = System.nanoTime();
            AgentStore.State before = store.state(id);
            if (revision < before.active()) {
                // approving an old proposal must not silently undo a newer revision
                return fail("verify", "revision " + revision + " of agent " + id + " is older than the serving "
                        + "revision " + before.active() + "; create it again, or use agent_rollback");
            }
            Optional<ExecutionResult> failure = deploy(id, revision, sha, true);
            if (failure.isPresent()) {
                store.deleteRevision(id, revision);
                failed.incrementAndGet();
                publish(AGENT_CREATION_FAILED, Map.of("agentId", id, "stage",
                        failure.get().effect().getOrDefault("stage", "deploy"), "reason", failure.get().message()));
                return failure.get();
            }
            List<String> applied = new ArrayList<>(before.applied());
            applied.add(action.id());
            store.saveState(id, new AgentStore.State(revision, applied));
            created.incrementAndGet();
            publish(AGENT_CREATED, Map.of("agentId", id, "revision", revision, "capabilities",
                    action.payload().getOrDefault("capabilities", List.of())));
            history(Map.of("status", "deployed", "id", id, "revision", revision, "proposalId", action.id()),
                    String.valueOf(action.payload().get("origin")), action.requestedBy());
            return ExecutionResult.ok("agent " + id + " revision " + revision + " serves as agent_" + id,
                    Map.of("id", id, "revision", revision, "previous", before.active(),
                            "deployMicros", micros(start)));
        }
        if (KIND_REMOVE.equals(action.kind())) {
            AgentStore.State before = store.state(id);
            for (Bundle b : deployer.installedOf(id)) {
                deployer.uninstall(b, componentOf(b));
            }
            List<String> applied = new ArrayList<>(before.applied());
            applied.add(action.id());
            store.saveState(id, new AgentStore.State(0, applied));
            history(Map.of("status", "removed", "id", id, "revision", before.active(), "proposalId", action.id()),
                    "operator", action.requestedBy());
            return ExecutionResult.ok("agent " + id + " removed", Map.of("id", id, "revision", before.active()));
        }
        return ExecutionResult.failed("unknown action kind " + action.kind());
    }

    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        String id = String.valueOf(action.payload().get("id"));
        java.util.concurrent.locks.ReentrantLock lock = idLock(id);
        lock.lock();
        try {
            return rollbackLocked(action, applied, id);
        } finally {
            lock.unlock();
        }
    }

    private ExecutionResult rollbackLocked(ProposedAction action, ExecutionResult applied, String id)
            throws IOException {
        AgentStore.State state = store.state(id);
        int restore = action.kind().startsWith(KIND_CREATE)
                ? ((Number) applied.effect().getOrDefault("previous", 0)).intValue()
                : ((Number) applied.effect().getOrDefault("revision", 0)).intValue();
        for (Bundle b : deployer.installedOf(id)) {
            deployer.uninstall(b, componentOf(b));
        }
        if (restore > 0) {
            Optional<AgentStore.Revision> meta = store.revision(id, restore);
            if (meta.isEmpty()) {
                store.saveState(id, new AgentStore.State(0, without(state.applied(), action.id())));
                return ExecutionResult.failed("revision " + restore + " of agent " + id + " is gone from data/");
            }
            Optional<ExecutionResult> failure = deploy(id, restore, meta.get().sha256(), false);
            if (failure.isPresent()) {
                store.saveState(id, new AgentStore.State(0, without(state.applied(), action.id())));
                return failure.get();
            }
        }
        store.saveState(id, new AgentStore.State(restore, without(state.applied(), action.id())));
        rolledBack.incrementAndGet();
        history(Map.of("status", "rolled_back", "id", id, "revision", restore, "proposalId", action.id()),
                "rollback", Actor.SYSTEM);
        return ExecutionResult.ok(restore > 0 ? "agent " + id + " is back at revision " + restore
                : "agent " + id + " no longer serves", Map.of("id", id, "revision", restore));
    }

    /**
     * Installs revision {@code revision} staged, waits for it, probes it with its own tests, then retires every
     * other revision of the id and un-stages it. Empty on success; else the failure (nothing of it stays).
     */
    private Optional<ExecutionResult> deploy(String id, int revision, String sha, boolean probe) throws IOException {
        Optional<byte[]> jar = store.jar(id, revision);
        if (jar.isEmpty() || !dev.autonomy.creator.build.BundlePackager.sha256(jar.get()).equals(sha)) {
            return Optional.of(fail("verify", "the jar of agent " + id + " revision " + revision
                    + " is missing or does not match the approved SHA-256"));
        }
        String component = CreationPipeline.packageFor(id, revision) + ".AgentComponent";
        Bundle bundle;
        try {
            // a bundle left at this location (an earlier attempt) is replaced: only the checked jar may serve
            deployer.installed(id, revision).ifPresent(stale -> deployer.uninstall(stale, component));
            bundle = deployer.install(id, revision, component, jar.get(), settings.activationTimeoutMs());
        } catch (DeployException e) {
            return Optional.of(fail(e.stage, e.getMessage()));
        }
        try {
            if (probe) {
                Optional<String> problem = probe(id, revision, bundle);
                if (problem.isPresent()) {
                    deployer.uninstall(bundle, component);
                    return Optional.of(fail("probe", problem.get()));
                }
            }
            // serve the new revision first, then retire the old: the id never goes without an agent
            deployer.unstage(component);
            if (!deployer.awaitUnstaged(bundle, settings.activationTimeoutMs())) {
                deployer.uninstall(bundle, component);
                return Optional.of(fail("serve", "the agent did not leave its staged state in time"));
            }
            for (Bundle other : deployer.installedOf(id)) {
                if (other.getBundleId() != bundle.getBundleId()) {
                    deployer.uninstall(other, componentOf(other));
                }
            }
            awaitServing(id, settings.activationTimeoutMs());
            return Optional.empty();
        } catch (DeployException e) {
            deployer.uninstall(bundle, component);
            return Optional.of(fail(e.stage, e.getMessage()));
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("Deploying agent {} revision {} failed", id, revision, e);
            deployer.uninstall(bundle, component);
            return Optional.of(fail("deploy", "internal error while deploying: " + e.getClass().getSimpleName()));
        } finally {
            // a request's time limit may have interrupted this thread: the state files must still be written
            Thread.interrupted();
        }
    }

    /** Runs the agent's own tests against the live, staged service and checks its identity. */
    private Optional<String> probe(String id, int revision, Bundle bundle) throws IOException {
        Optional<ServiceReference<Agent>> ref = deployer.agentService(bundle);
        if (ref.isEmpty()) {
            return Optional.of("the agent's service is not registered");
        }
        Agent agent = context.getService(ref.get());
        if (agent == null) {
            return Optional.of("the agent's service could not be obtained");
        }
        try {
            SpecParse spec = AgentSpecs.parse(specJson(id, revision));
            if (spec.spec().isEmpty()) {
                return Optional.of("the saved spec no longer parses");
            }
            AgentDesign design = CreationPipeline.designFromSpec(spec.spec().get(), "probe");
            List<String> failures = new ArrayList<>();
            for (SpecTest t : spec.spec().get().tests()) {
                SpecTestRunner.runOne(agent, t, settings.testTimeoutMs()).ifPresent(failures::add);
            }
            List<String> caps = new ArrayList<>();
            for (Capability c : agent.capabilities()) {
                caps.add(c.name());
            }
            CreationPipeline.PerformanceVerdict v = CreationPipeline.validateAgentPerformance(design, agent.id(),
                    caps, failures);
            return v.healthy() ? Optional.empty() : Optional.of(String.join("; ", v.problems()));
        } catch (IOException | RuntimeException | Error e) {
            return Optional.of("the agent failed its probe: " + e.getClass().getSimpleName());
        } finally {
            try {
                context.ungetService(ref.get());
            } catch (IllegalStateException stopping) {
                // the creator is stopping: the framework releases its services anyway
            }
        }
    }

    private Object specJson(String id, int revision) throws IOException {
        java.nio.file.Path f = store.root().resolve(id).resolve("r" + revision).resolve("spec.json");
        Object json = dev.autonomy.creator.spec.Json.parse(java.nio.file.Files.readString(f));
        if (json instanceof Map && ((Map<?, ?>) json).containsKey("source")) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) json).forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.remove("source");
            return copy;
        }
        return json;
    }

    /** Waits (bounded) until the registry lists the agent, so "created" means a client can call it. */
    private void awaitServing(String id, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() - deadline < 0) {
            AgentRegistry r = registry.get();
            if (r == null || r.agent(id).isPresent()) {
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ start-up: data/ fills gaps

    /**
     * After a restart the framework's bundle cache wins: an installed revision is left alone. Only an active
     * revision with no bundle (e.g. a fresh framework cache) is installed again from {@code data/}, hash-checked.
     */
    public void reconcile() {
        try {
            for (String id : store.ids()) {
                java.util.concurrent.locks.ReentrantLock lock = idLock(id);
                lock.lock();
                try {
                    reconcile(id);
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not restore generated agents from data/: {}", e.toString());
        }
    }

    private void reconcile(String id) throws IOException {
        AgentStore.State state = store.state(id);
        // bundles of other revisions (a crash mid-deploy) go: only the active revision may stay
        for (Bundle b : deployer.installedOf(id)) {
            if (!b.getLocation().equals(AgentDeployer.location(id, state.active()))) {
                deployer.uninstall(b, componentOf(b));
            }
        }
        if (state.active() == 0) {
            return;
        }
        Optional<AgentStore.Revision> meta = store.revision(id, state.active());
        if (meta.isEmpty()) {
            LOG.warn("Agent {}: revision {} is active but its files are gone", id, state.active());
            return;
        }
        Optional<Bundle> installed = deployer.installed(id, state.active());
        if (installed.isPresent()) { // the framework's bundle cache wins
            String component = CreationPipeline.packageFor(id, state.active()) + ".AgentComponent";
            try {
                if (installed.get().getState() != Bundle.ACTIVE) {
                    installed.get().start();
                }
                deployer.unstage(component);
            } catch (Exception e) {
                LOG.warn("Agent {}: could not restart its bundle: {}", id, e.getMessage());
            }
            return;
        }
        Optional<ExecutionResult> failure = deploy(id, state.active(), meta.get().sha256(), false);
        if (failure.isPresent()) {
            LOG.warn("Agent {} revision {} could not be restored from data/: {}", id, state.active(),
                    failure.get().message());
        } else {
            LOG.info("Agent {} revision {} restored from data/", id, state.active());
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
                BuildReport r = builder.build(CreationPipeline.designFromSpec(parsed.spec().get(), "warm-up"), 0,
                        settings.build(), testInvoker(parsed.spec().get()), settings.testTimeoutMs(), null);
                LOG.debug("Creator warmed up in {} ms ({})", micros(start) / 1000,
                        r.success() ? "ok" : r.failedStage() + ": " + r.reason());
            } finally {
                buildLock.unlock();
            }
        } catch (RuntimeException e) {
            LOG.debug("Creator warm-up failed: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ gaps, opportunities, context

    /** A {@code capability_gap}: record it, and (if enabled) design an agent for it when it is composable. */
    public Optional<Runnable> onGap(String capability, Map<String, Object> inputShape) {
        Opportunity o = record(capability, inputShape, 1, "seen");
        if (!settings.designFromGaps() || halted || governor.get() == null) {
            return Optional.empty();
        }
        String id = CreationPipeline.agentIdFor(capability);
        try {
            if (store.state(id).active() > 0 || building.contains(id) || pendingFor(id)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if ("not composable".equals(o.status()) && o.demand() > 1) {
            return Optional.empty();
        }
        Instant retry = gapRetryAfter.get(capability);
        if (retry != null && Instant.now().isBefore(retry)) {
            return Optional.empty(); // turned down or failed lately: no rebuild on every request
        }
        return Optional.of(() -> {
            CreateOutcome out = generate(capability, Actor.capability(CAPABILITY), Progress.NONE);
            if (!out.ok()) {
                gapRetryAfter.put(capability, Instant.now().plusSeconds(600));
            }
            record(capability, inputShape, 0, out.status() + (out.ok() ? "" : " (" + out.failedStage() + ")"));
            LOG.info("Capability gap '{}': {}", capability, out.summary());
        });
    }

    private boolean pendingFor(String id) {
        AutonomyGovernor g = governor.get();
        if (g == null) {
            return false;
        }
        for (ProposedAction a : g.pending()) {
            if (CAPABILITY.equals(a.capability()) && ("agent:" + id).equals(a.target())) {
                return true;
            }
        }
        return false;
    }

    private Opportunity record(String capability, Map<String, Object> shape, int add, String status) {
        return opportunities.compute(capability, (k, old) -> new Opportunity(capability,
                shape.isEmpty() && old != null ? old.inputShape() : shape,
                (old == null ? 0 : old.demand()) + add, Instant.now(),
                old != null && add > 0 && !"seen".equals(status) ? old.status()
                        : add > 0 && old != null ? old.status() : status));
    }

    public List<Opportunity> opportunities() {
        List<Opportunity> list = new ArrayList<>(opportunities.values());
        list.removeIf(o -> covered(o.capability()));
        list.sort((a, b) -> Integer.compare(b.demand(), a.demand()));
        return list;
    }

    public boolean covered(String capability) {
        AgentRegistry r = registry.get();
        return r != null && !r.providersOf(capability).isEmpty();
    }

    /** Whether a design exists for {@code capability} right now (a built-in template or a composition). */
    public boolean composable(String capability) {
        return CreationPipeline.specFor(new CapabilityGap(capability, Map.of(), 1, 1), providers()).isPresent();
    }

    /** The extension {@code dynamic_agent_context}. */
    public Map<String, Object> contextExtension() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> current = new ArrayList<>();
        Map<String, Object> coverage = new java.util.TreeMap<>();
        for (AgentRegistry.AgentInfo a : agents()) {
            List<String> caps = new ArrayList<>();
            a.capabilities().forEach(c -> {
                caps.add(c.name());
                coverage.merge(c.name(), 1L, (x, y) -> ((Long) x) + 1L);
            });
            current.add(Map.of("id", a.id(), "version", a.version(), "capabilities", caps,
                    "generated", generatedIds().contains(a.id())));
        }
        List<Object> opp = new ArrayList<>();
        for (Opportunity o : opportunities()) {
            opp.add(Map.of("capability", o.capability(), "demand", o.demand(), "status", o.status()));
        }
        m.put("current_agents", current);
        m.put("capability_coverage", coverage);
        m.put("creation_opportunities", opp);
        m.put("agent_creation_history", history(10));
        return m;
    }

    private Set<String> generatedIds() {
        Set<String> ids = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            String loc = b.getLocation();
            if (loc.startsWith(AgentDeployer.LOCATION_PREFIX)) {
                String rest = loc.substring(AgentDeployer.LOCATION_PREFIX.length());
                ids.add(rest.substring(0, rest.indexOf('/')));
            }
        }
        return ids;
    }

    /** The bundle serving agent {@code id}, when that is not one of the creator's. */
    private Optional<String> servedByOthers(String id) {
        AgentRegistry r = registry.get();
        if (r == null) {
            return Optional.empty();
        }
        Optional<AgentRegistry.AgentInfo> info = r.agent(id);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Bundle b = context.getBundle(info.get().bundleId());
        if (b == null || b.getLocation().startsWith(AgentDeployer.LOCATION_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(b.getSymbolicName());
    }

    // ------------------------------------------------------------------ views

    public List<Map<String, Object>> history(int limit) {
        try {
            return store.history(limit);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The sources of the serving (or newest) revision of {@code id}, by file name. */
    public Map<String, String> source(String id) throws IOException {
        if (!AgentSpecs.ID_PATTERN.matcher(id).matches()) {
            return Map.of();
        }
        int rev = store.state(id).active();
        if (rev == 0) {
            rev = store.nextRevision(id) - 1;
        }
        return rev <= 0 ? Map.of() : store.sources(id, rev);
    }

    public AgentStore store() {
        return store;
    }

    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halted", halted);
        m.put("created", created.get());
        m.put("queued", queued.get());
        m.put("rejected", rejected.get());
        m.put("failed", failed.get());
        m.put("rolledBack", rolledBack.get());
        m.put("opportunities", opportunities.size());
        m.put("clientSource", settings.allowClientSource());
        return m;
    }

    void halt() {
        halted = true;
    }

    void resume() {
        halted = false;
    }

    public boolean halted() {
        return halted;
    }

    // ------------------------------------------------------------------ helpers

    List<Provider> providers() {
        List<Provider> out = new ArrayList<>(toolProviders());
        for (AgentRegistry.AgentInfo a : agents()) {
            for (Capability c : a.capabilities()) {
                out.add(new Provider(Provider.AGENT, c.name(), Set.of(c.name().split("\\.")), c.inputSchema(),
                        c.outputSchema(), false));
            }
        }
        return out;
    }

    private List<Provider> toolProviders() {
        List<Provider> out = new ArrayList<>();
        ServiceReference<Tool>[] refs = null;
        try {
            @SuppressWarnings("unchecked")
            ServiceReference<Tool>[] r = (ServiceReference<Tool>[]) context.getServiceReferences(
                    Tool.class.getName(), null);
            refs = r;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return out;
        }
        if (refs == null) {
            return out;
        }
        for (ServiceReference<Tool> ref : refs) {
            if (ref.getBundle() == null || ref.getBundle().getBundleId() == context.getBundle().getBundleId()) {
                continue;
            }
            Tool t = context.getService(ref);
            if (t == null) {
                continue;
            }
            try {
                if (t.name().startsWith("agent_") || t.name().startsWith("autonomy_")) {
                    continue; // agents are providers through their capabilities; autonomy tools are not building blocks
                }
                out.add(new Provider(Provider.TOOL, t.name(), t.capabilities(), t.inputSchema(),
                        t.outputSchema().orElse(Map.of()), t.annotations().readOnlyHint()));
            } catch (RuntimeException e) {
                // a misbehaving tool is simply not a building block
            } finally {
                context.ungetService(ref);
            }
        }
        return out;
    }

    private List<AgentRegistry.AgentInfo> agents() {
        AgentRegistry r = registry.get();
        return r == null ? List.of() : r.agents();
    }

    private synchronized boolean takeSourceAttempt(int perHour) {
        long now = System.currentTimeMillis();
        sourceAttempts.removeIf(t -> now - t > 3_600_000L);
        if (sourceAttempts.size() >= perHour) {
            return false;
        }
        sourceAttempts.add(now);
        return true;
    }

    private void history(Map<String, Object> entry, String origin, Actor actor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Instant.now().toString());
        m.put("origin", origin);
        m.put("actor", actor.toString());
        entry.forEach((k, v) -> {
            if (!"details".equals(k)) {
                m.put(k, v);
            }
        });
        Object details = entry.get("details");
        if (details instanceof List && !((List<?>) details).isEmpty()) {
            m.put("details", ((List<?>) details).subList(0, Math.min(5, ((List<?>) details).size())));
        }
        try {
            store.appendHistory(m);
        } catch (IOException e) {
            LOG.warn("Could not write the agent creation history: {}", e.toString());
        }
    }

    private void publish(String type, Map<String, Object> data) {
        SessionEvents e = events.get();
        if (e != null) {
            e.publish(SessionEvent.of(type, "", Instant.now(), data));
        }
    }

    private static String componentOf(Bundle b) {
        String loc = b.getLocation().substring(AgentDeployer.LOCATION_PREFIX.length());
        String id = loc.substring(0, loc.indexOf('/'));
        int rev = Integer.parseInt(loc.substring(loc.indexOf("/r") + 2));
        return CreationPipeline.packageFor(id, rev) + ".AgentComponent";
    }

    private static ExecutionResult fail(String stage, String message) {
        return new ExecutionResult(false, message, Map.of("stage", stage));
    }

    private static List<String> without(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.remove(item);
        return out;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
