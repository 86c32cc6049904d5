package dev.autonomy.creator.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.creator.deploy.AgentDeployment;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.gap.Opportunities;
import dev.autonomy.creator.gap.Opportunity;
import dev.autonomy.creator.pipeline.CapabilityGap;
import dev.autonomy.creator.pipeline.CreationPipeline;
import dev.autonomy.creator.pipeline.CreatorSettings;
import dev.autonomy.creator.propose.AgentBuild;
import dev.autonomy.creator.propose.ChangeExecutor;
import dev.autonomy.creator.propose.Collaborators;
import dev.autonomy.creator.propose.CreateOutcome;
import dev.autonomy.creator.propose.CreationLedger;
import dev.autonomy.creator.propose.Progress;
import dev.autonomy.creator.propose.Proposer;
import dev.autonomy.creator.propose.ValidationReports;
import dev.autonomy.creator.request.Requests;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.foundation.api.agent.AgentRegistry;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Agent creation behind one facade: requests ({@link Requests}) → build → propose ({@link Proposer}) → the
 * governor → apply and roll back ({@link ChangeExecutor}) through an {@link AgentDeployment}. Everything that
 * changes the container happens in {@link #apply} and {@link #rollback}, which only the governor calls. Plain Java:
 * time comes from the clock, the container through the deployment and the collaborators' suppliers.
 */
public final class Creator {

    private final AgentStore store;
    private final AgentDeployment deployment;
    private final Collaborators services;
    private final CreationLedger ledger;
    private final Opportunities opportunities;
    private final ValidationReports validations = new ValidationReports();
    private final Proposer proposer;
    private final ChangeExecutor executor;
    private final Requests requests;
    private volatile CreatorSettings settings;

    public Creator(Clock clock, AgentStore store, AgentBuild builder, AgentDeployment deployment,
                   Collaborators services, CreatorSettings settings) {
        this.store = store;
        this.deployment = deployment;
        this.services = services;
        this.settings = settings;
        this.ledger = new CreationLedger(store, services.events(), clock);
        this.opportunities = new Opportunities(clock);
        this.proposer = new Proposer(clock, store, builder, deployment, services, this::settings, ledger,
                validations);
        this.executor = new ChangeExecutor(store, deployment, ledger, this::settings);
        this.requests = new Requests(clock, store, proposer, ledger, services, this::settings, opportunities,
                validations);
    }

    /** Decides per session whether client source is acceptable (a reason when not). */
    void sourceGate(Function<String, Optional<String>> gate) {
        requests.sourceGate(gate);
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
        return requests.createFromSpec(specJson, origin, actor, progress);
    }

    /** Builds an agent whose behaviour class a client wrote (origin {@code source} or {@code sampling}). */
    public CreateOutcome createFromSource(String source, Object specJson, String origin, Actor actor,
                                          String sessionId, Progress progress) {
        return requests.createFromSource(source, specJson, origin, actor, sessionId, progress);
    }

    /** Designs an agent for {@code capability} from what exists (or a built-in template) and proposes it. */
    public CreateOutcome generate(String capability, Actor actor, Progress progress) {
        return requests.generate(capability, actor, progress);
    }

    /** Proposes removing agent {@code id}. */
    public Decision remove(String id, Actor actor) throws IOException {
        return requests.remove(id, actor);
    }

    /** Undoes the newest applied change to agent {@code id} (a creation or a removal) through the governor. */
    public ExecutionResult rollbackAgent(String id, String reason, Actor actor) throws IOException {
        return requests.rollbackAgent(id, reason, actor);
    }

    /** A {@code capability_gap}: record it, and (if enabled) design an agent for it when it is composable. */
    public Optional<Runnable> onGap(String capability, Map<String, Object> inputShape) {
        return requests.onGap(capability, inputShape);
    }

    /**
     * Tells the governor that an applied creation is validated (its probe passed), once.
     *
     * @return false if the governor has not recorded the application yet
     */
    boolean reportValidated(AutonomyGovernor g, String proposalId, ExecutionResult r) {
        return validations.report(g, proposalId, r);
    }

    // ------------------------------------------------------------------ executor (called by the governor only)

    public ExecutionResult apply(ProposedAction action) throws IOException {
        return executor.apply(action);
    }

    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        return executor.rollback(action, applied);
    }

    /** Start-up: {@code data/} fills the gaps of the framework's bundle cache. */
    public void reconcile() {
        executor.reconcile();
    }

    /** Builds a throwaway agent once, so that the first real creation does not pay for warming the tools. */
    public void warmUp() {
        proposer.warmUp();
    }

    // ------------------------------------------------------------------ opportunities, context, views

    /** The opportunities no agent covers yet, most asked for first. */
    public List<Opportunity> opportunities() {
        List<Opportunity> list = opportunities.all();
        list.removeIf(o -> covered(o.capability()));
        list.sort((a, b) -> Integer.compare(b.demand(), a.demand()));
        return list;
    }

    public boolean covered(String capability) {
        AgentRegistry r = services.registry().get();
        return r != null && !r.providersOf(capability).isEmpty();
    }

    /** Whether a design exists for {@code capability} right now (a built-in template or a composition). */
    public boolean composable(String capability) {
        return CreationPipeline.specFor(new CapabilityGap(capability, Map.of(), 1, 1), services.providers())
                .isPresent();
    }

    /** The extension {@code dynamic_agent_context}. */
    public Map<String, Object> contextExtension() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> current = new ArrayList<>();
        Map<String, Object> coverage = new TreeMap<>();
        Set<String> generated = deployment.generatedIds();
        for (AgentRegistry.AgentInfo a : services.agents()) {
            List<String> caps = new ArrayList<>();
            a.capabilities().forEach(c -> {
                caps.add(c.name());
                coverage.merge(c.name(), 1L, (x, y) -> ((Long) x) + 1L);
            });
            current.add(Map.of("id", a.id(), "version", a.version(), "capabilities", caps,
                    "generated", generated.contains(a.id())));
        }
        List<Object> opp = new ArrayList<>();
        for (Opportunity o : opportunities()) {
            opp.add(Map.of("capability", o.capability(), "demand", o.demand(), "status", o.statusText()));
        }
        m.put("current_agents", current);
        m.put("capability_coverage", coverage);
        m.put("creation_opportunities", opp);
        m.put("agent_creation_history", history(10));
        return m;
    }

    public List<Map<String, Object>> history(int limit) {
        return ledger.history(limit);
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
        m.put("halted", proposer.halted());
        ledger.putCounts(m);
        m.put("opportunities", opportunities.size());
        m.put("clientSource", settings.allowClientSource());
        return m;
    }

    void halt() {
        proposer.halt();
    }

    void resume() {
        proposer.resume();
    }

    public boolean halted() {
        return proposer.halted();
    }
}
