package dev.autonomy.creator.request;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.gap.Opportunities;
import dev.autonomy.creator.gap.Opportunity;
import dev.autonomy.creator.gap.OpportunityStatus;
import dev.autonomy.creator.pipeline.AgentDesign;
import dev.autonomy.creator.pipeline.CapabilityGap;
import dev.autonomy.creator.pipeline.CreationPipeline;
import dev.autonomy.creator.pipeline.CreatorSettings;
import dev.autonomy.creator.pipeline.Provider;
import dev.autonomy.creator.pipeline.TaskRequirements;
import dev.autonomy.creator.propose.Collaborators;
import dev.autonomy.creator.propose.CreateOutcome;
import dev.autonomy.creator.propose.CreationActions;
import dev.autonomy.creator.propose.CreationLedger;
import dev.autonomy.creator.propose.Progress;
import dev.autonomy.creator.propose.Proposer;
import dev.autonomy.creator.propose.ValidationReports;
import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.SpecParse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The creator's requests: create from a spec, from a client's source, for a capability (asked for or seen as a
 * gap); remove an agent; roll one back. Each is checked here, then built and proposed by the {@link Proposer} or
 * handed to the governor.
 */
public final class Requests {

    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

    private final Clock clock;
    private final AgentStore store;
    private final Proposer proposer;
    private final CreationLedger ledger;
    private final Collaborators services;
    private final Supplier<CreatorSettings> settings;
    private final Opportunities opportunities;
    private final ValidationReports validations;
    private final SourceBudget sourceBudget;
    private volatile Function<String, Optional<String>> sourceGate = session -> Optional.empty();

    public Requests(Clock clock, AgentStore store, Proposer proposer, CreationLedger ledger, Collaborators services,
                    Supplier<CreatorSettings> settings, Opportunities opportunities, ValidationReports validations) {
        this.clock = clock;
        this.store = store;
        this.proposer = proposer;
        this.ledger = ledger;
        this.services = services;
        this.settings = settings;
        this.opportunities = opportunities;
        this.validations = validations;
        this.sourceBudget = new SourceBudget(clock);
    }

    /** Decides per session whether client source is acceptable (a reason when not). */
    public void sourceGate(Function<String, Optional<String>> gate) {
        this.sourceGate = gate;
    }

    /** Builds an agent from a spec and proposes it; {@code progress} hears each stage. */
    public CreateOutcome createFromSpec(Object specJson, String origin, Actor actor, Progress progress) {
        long start = System.nanoTime();
        SpecParse parsed = AgentSpecs.parse(specJson);
        if (parsed.spec().isEmpty()) {
            return ledger.failed(specErrors(idOf(specJson), parsed, start), origin, actor);
        }
        AgentSpec spec = parsed.spec().get();
        return proposer.build(CreationPipeline.designFromSpec(spec, origin), AgentSpecs.toJson(spec), actor,
                progress, start);
    }

    /** Builds an agent whose behaviour class a client wrote (origin {@code source} or {@code sampling}). */
    public CreateOutcome createFromSource(String source, Object specJson, String origin, Actor actor,
                                          String sessionId, Progress progress) {
        long start = System.nanoTime();
        String id = idOf(specJson);
        Optional<String> refusal = sourceRefusal(source, sessionId);
        if (refusal.isPresent()) {
            return ledger.failed(CreateOutcome.refused(id, "policy", refusal.get(), start), origin, actor);
        }
        SpecParse parsed = AgentSpecs.parse(specJson);
        if (parsed.spec().isEmpty()) {
            return ledger.failed(specErrors(id, parsed, start), origin, actor);
        }
        AgentSpec spec = parsed.spec().get();
        Map<String, Object> saved = new LinkedHashMap<>(AgentSpecs.toJson(spec));
        saved.put("source", source);
        return proposer.build(CreationPipeline.designFromSource(spec, source, origin), saved, actor, progress,
                start);
    }

    /** Why client source is not accepted: off, refused for the session, too large, or over its hourly budget. */
    private Optional<String> sourceRefusal(String source, String sessionId) {
        CreatorSettings s = settings.get();
        if (!s.allowClientSource()) {
            return Optional.of("client source is disabled on this server "
                    + "(allowClientSource=false in etc/dev.autonomy.agent.creator.cfg)");
        }
        Optional<String> refusal = sourceGate.apply(sessionId);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (source.getBytes(StandardCharsets.UTF_8).length > s.maxSourceBytes()) {
            return Optional.of("the source is larger than " + s.maxSourceBytes() + " bytes");
        }
        if (!sourceBudget.take(s.sourceAttemptsPerHour())) {
            return Optional.of("client-source budget used up: " + s.sourceAttemptsPerHour()
                    + " attempts per hour, failures included");
        }
        return Optional.empty();
    }

    /** Designs an agent for {@code capability} from what exists (or a built-in template) and proposes it. */
    public CreateOutcome generate(String capability, Actor actor, Progress progress) {
        long start = System.nanoTime();
        Optional<Opportunity> o = opportunities.get(capability);
        Map<String, Object> shape = o.map(Opportunity::inputShape).orElse(Map.of());
        TaskRequirements req = new TaskRequirements(List.of(new TaskRequirements.Requirement(capability, shape,
                o.map(Opportunity::demand).orElse(1))));
        List<Provider> providers = services.providers();
        List<CapabilityGap> gaps = CreationPipeline.analyzeCapabilityGaps(services.agents(), req, providers);
        String id = CreationPipeline.agentIdFor(capability);
        if (gaps.isEmpty()) {
            return ledger.failed(CreateOutcome.refused(id, "analyze", "an agent already offers '" + capability
                    + "'", start), "gap", actor);
        }
        Optional<AgentDesign> design = CreationPipeline.designSpecializedAgent(gaps, providers);
        if (design.isEmpty()) {
            opportunities.notComposable(capability, shape);
            return ledger.failed(CreateOutcome.refused(id, "design", "'" + capability + "' cannot be composed "
                    + "from the tools and agents present (a capability domain.op1.op2 needs a provider of "
                    + "domain.op1, then domain.op2, … with matching fields) and no built-in template matches; "
                    + "recorded as an opportunity", start), "gap", actor);
        }
        return proposer.build(design.get(), AgentSpecs.toJson(design.get().specification()), actor, progress,
                start);
    }

    /**
     * A {@code capability_gap}: record it, and (if enabled) return the design of an agent for it, to run in the
     * background, when none serves, is being built or waits for approval, and no design failed lately.
     */
    public Optional<Runnable> onGap(String capability, Map<String, Object> inputShape) {
        Opportunity o = opportunities.seen(capability, inputShape);
        if (!settings.get().designFromGaps() || proposer.halted() || services.governor().get() == null) {
            return Optional.empty();
        }
        String id = CreationPipeline.agentIdFor(capability);
        try {
            if (store.state(id).active() > 0 || proposer.building(id) || pendingFor(id)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (o.status() == OpportunityStatus.NOT_COMPOSABLE && o.demand() > 1) {
            return Optional.empty();
        }
        if (opportunities.waitingToRetry(capability)) {
            return Optional.empty(); // turned down or failed lately: no rebuild on every request
        }
        return Optional.of(() -> {
            CreateOutcome out = generate(capability, Actor.capability(CreationActions.CAPABILITY), Progress.NONE);
            opportunities.designed(capability, inputShape, OpportunityStatus.ofOutcome(out.status()),
                    out.failedStage(), out.ok());
            LOG.info("Capability gap '{}': {}", capability, out.summary());
        });
    }

    private boolean pendingFor(String id) {
        AutonomyGovernor g = services.governor().get();
        if (g == null) {
            return false;
        }
        for (ProposedAction a : g.pending()) {
            if (CreationActions.CAPABILITY.equals(a.capability()) && CreationActions.target(id).equals(a.target())) {
                return true;
            }
        }
        return false;
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
        AutonomyGovernor g = services.governor().get();
        if (g == null) {
            return Decision.rejected("", "no governor: nothing changes without one");
        }
        ProposedAction action = new ProposedAction(UUID.randomUUID().toString(), CreationActions.CAPABILITY,
                CreationActions.KIND_REMOVE, CreationActions.target(id), Map.of("id", id, "revision",
                state.active()), true, "stop serving agent " + id, actor, clock.instant());
        Decision d = ledger.count(g.submit(action));
        if (d.applied()) {
            validations.report(g, action.id(), d.execution().orElseThrow());
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
        AutonomyGovernor g = services.governor().get();
        if (g == null) {
            return ExecutionResult.failed("no governor: nothing changes without one");
        }
        return g.rollback(state.applied().get(state.applied().size() - 1), reason, actor);
    }

    private static CreateOutcome specErrors(String id, SpecParse parsed, long start) {
        return CreateOutcome.failed(id, "spec", parsed.errors().size() + " error(s) in the spec; first: "
                + parsed.errors().get(0), parsed.errors(), List.of(), CreateOutcome.microsSince(start));
    }

    private static String idOf(Object specJson) {
        return specJson instanceof Map && ((Map<?, ?>) specJson).get("id") instanceof String
                ? (String) ((Map<?, ?>) specJson).get("id") : "";
    }
}
