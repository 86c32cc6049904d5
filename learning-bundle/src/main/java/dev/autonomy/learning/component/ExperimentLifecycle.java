package dev.autonomy.learning.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.learning.core.ActionableKnowledge;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.AdaptationState;
import dev.autonomy.learning.core.BehaviorAdapter;
import dev.autonomy.learning.core.EffectivenessReport;
import dev.autonomy.learning.core.EffectivenessValidator;
import dev.autonomy.learning.core.Experiments;
import dev.autonomy.learning.core.LearningSettings;
import dev.autonomy.learning.core.SystemFacts;
import dev.autonomy.learning.core.ToolPolicyFacts;
import dev.autonomy.learning.core.Verdicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The experiment lifecycle, through the governor: new adaptations proposed from the knowledge, running experiments
 * validated at every cycle and their verdicts carried out (kept, or reverted), proposals that wait too long expired,
 * and learning's record settled with what the governor holds.
 *
 * <p>Runs on the cycle thread only (under the learner's {@code cycleLock}, except a revert by hand); it holds no lock
 * of its own, and none while the governor is called (which calls back into the {@link AdaptationExecutor}).
 */
final class ExperimentLifecycle {

    /** How long learning's own proposal may wait for a person's approval before learning drops it. */
    static final Duration PROPOSAL_TTL = Duration.ofHours(24);
    static final Actor SELF = Actor.capability(Learner.CAPABILITY);
    private static final String HOLDOUT_FAILED = " (ending the holdout failed; tried again at the next cycle)";
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentLifecycle.class);

    private final AdaptationBook book;
    private final LearningEnvironment env;
    private final PolicyStore policies;
    private final PolicyActions policyActions;
    private final AdaptationExecutor executor;
    private final Publication publication;
    private final BooleanSupplier halted;
    private final AtomicLong proposals = new AtomicLong();

    ExperimentLifecycle(AdaptationBook book, LearningEnvironment env, PolicyStore policies,
                        PolicyActions policyActions, AdaptationExecutor executor, Publication publication,
                        BooleanSupplier halted) {
        this.book = book;
        this.env = env;
        this.policies = policies;
        this.policyActions = policyActions;
        this.executor = executor;
        this.publication = publication;
        this.halted = halted;
    }

    // ------------------------------------------------------------------ validation and verdicts

    /** Validates each running experiment on its arms and carries out the verdict of those that are over. */
    void validate(List<Adaptation> active, List<Experiments.Arms> arms, Instant now, Optional<AutonomyGovernor> g,
                  LearningSettings s) {
        for (int i = 0; i < active.size(); i++) {
            Adaptation a = active.get(i);
            EffectivenessReport r = EffectivenessValidator.validateLearningEffectiveness(a, arms.get(i).treatment(),
                    arms.get(i).holdout(), now, s);
            book.report(a.id(), r.toJson());
            if (r.done()) {
                decide(a, r, g, s);
            }
        }
    }

    /**
     * Carries out the verdict of an experiment that is over (see {@link Verdicts}).
     * <ul>
     *   <li>REVERT, worse with confidence: reported to the governor as a validation without gain (once), and rolled
     *       back through it.</li>
     *   <li>REVERT, inconclusive (not shown better within the limits, often for mere lack of traffic): rolled back
     *       through the governor — audited, with the evidence in the rollback's effect — but <em>not</em> reported
     *       as a validation without gain, which would count towards the governor's no-gain pause of learning.</li>
     *   <li>Without a governor, a REVERT is carried out locally (going back needs no permission).</li>
     *   <li>When the governor refuses the rollback (another proposal holds the target now: undoing would overwrite
     *       that change), nothing is undone locally; it is tried again at the next cycle. Only when the governor has
     *       no record of the proposal at all is it undone locally.</li>
     * </ul>
     */
    private void decide(Adaptation a, EffectivenessReport r, Optional<AutonomyGovernor> g, LearningSettings s) {
        Verdicts.Step step = Verdicts.step(r, Duration.between(a.startedAt(), r.at()), g.isPresent(),
                halted.getAsBoolean(), s.maxExperimentDuration());
        switch (step.action()) {
            case KEEP -> keep(a, r, g.orElseThrow());
            // (the figures are in the report; a note that stays the same is not rewritten every cycle)
            case WAIT -> noteIfNew(a.id(), AdaptationState.KEEP_WAITING, step.reason());
            case REVERT -> revert(a, r, g, step.reason(), step.worse());
            default -> throw new AssertionError(step.action());
        }
    }

    private void keep(Adaptation a, EffectivenessReport r, AutonomyGovernor g) {
        Instant now = r.at();
        Map<String, Object> evidence = r.toJson();
        if (!validated(a)) {
            report(g, a, true, evidence);
        }
        boolean ended = !PolicyActions.isPolicy(a) || endHoldout(a);
        book.update(a.id(), e -> e.with(e.adaptation().withStatus(Adaptation.Status.KEPT, now))
                .withNote(AdaptationState.KEPT, "kept: " + r.reason() + (ended ? "" : HOLDOUT_FAILED))
                .withReport(evidence).withValidated(true).withHoldoutPending(!ended));
        publication.keepReport(r);
        publication.republish();
        LOG.info("Learning kept {} ({} on {}): {}", a.id(), AdaptationExecutor.kindName(a), a.target(), r.reason());
    }

    /** Ends the holdout of a kept policy adaptation in the tool's override; false when that failed. */
    private boolean endHoldout(Adaptation a) {
        try {
            policyActions.keep(a);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Learning: the holdout of kept {} could not be ended (tried again at the next cycle): {}",
                    a.id(), e.toString());
            return false;
        }
    }

    /** Ends the holdouts of kept adaptations where that failed before. */
    void endPendingHoldouts() {
        for (AdaptationBook.Entry e : book.entries()) {
            if (e.holdoutPending() && e.adaptation().status() == Adaptation.Status.KEPT && endHoldout(e.adaptation())) {
                book.update(e.adaptation().id(), x -> x.withHoldoutPending(false)
                        .withNote(x.note().replace(HOLDOUT_FAILED, "") + "; holdout ended"));
                LOG.info("Learning ended the holdout of kept {}", e.adaptation().id());
            }
        }
    }

    /**
     * Undoes an adaptation on a REVERT verdict: through the governor when there is one (see {@link #decide}),
     * locally without one.
     *
     * @param worse whether the test showed it worse with confidence (only then a validation without gain is
     *              reported)
     */
    private void revert(Adaptation a, EffectivenessReport r, Optional<AutonomyGovernor> g, String reason,
                        boolean worse) {
        if (g.isEmpty()) {
            if (undoLocally(a)) {
                closeReverted(a, r, "reverted locally (no governor runs; going back needs none): " + reason);
            }
            return;
        }
        AutonomyGovernor gov = g.get();
        if (worse && !validated(a)) {
            report(gov, a, false, r.toJson());
            book.update(a.id(), e -> e.withValidated(true));
        }
        ExecutionResult res;
        try {
            res = gov.rollback(a.id(), "learning: " + reason, SELF);
        } catch (RuntimeException e) {
            LOG.warn("Learning: the governor failed to roll back {}", a.id(), e);
            res = ExecutionResult.failed("the governor failed (" + e.getClass().getSimpleName() + ")");
        }
        if (res.success()) {
            closeReverted(a, r, "reverted: " + reason);
            return;
        }
        if (res.failure() == FailureCode.ALREADY_ROLLED_BACK) {
            closeReverted(a, r, "reverted (the governor had rolled it back already): " + reason);
            return;
        }
        // unknown (the governor failed): counted as known, since undoing locally could overwrite another change
        Map<String, Optional<ActionState>> state = states(gov, List.of(a.id()));
        if (state.getOrDefault(a.id(), Optional.empty()).filter(s -> s == ActionState.ROLLED_BACK).isPresent()) {
            closeReverted(a, r, "reverted (the governor had rolled it back already): " + reason);
            return;
        }
        boolean known = !state.containsKey(a.id()) || held(state.get(a.id()));
        if (!known) {
            LOG.warn("Learning: the governor has no record of {} ({}); undoing it locally", a.id(), res.message());
            if (undoLocally(a)) {
                closeReverted(a, r, "reverted locally (the governor has no record of it): " + reason);
            }
            return;
        }
        if (noteIfNew(a.id(), AdaptationState.REVERT_PENDING, "revert pending: the governor did not roll it back ("
                + res.message() + "); tried again at every cycle")) {
            LOG.warn("Learning: the governor did not roll back {} ({}); nothing is undone locally, it is tried again "
                    + "at the next cycle", a.id(), res.message());
        }
    }

    /**
     * Where the governor has each of {@code ids}; an id is left out when its state cannot be read (the governor
     * failed), so that nothing is decided on a guess.
     */
    private static Map<String, Optional<ActionState>> states(AutonomyGovernor g, Collection<String> ids) {
        Map<String, Optional<ActionState>> out = new LinkedHashMap<>();
        for (String id : ids) {
            try {
                out.put(id, g.state(id));
            } catch (RuntimeException e) {
                // unknown: left out
            }
        }
        return out;
    }

    /** Whether the governor holds a change of this proposal that it can roll back (queued, applied, rolled back). */
    private static boolean held(Optional<ActionState> state) {
        return state.isPresent() && !state.get().endedUnapplied();
    }

    /** Undoes an adaptation without the governor; false when that failed (tried again at the next cycle). */
    private boolean undoLocally(Adaptation a) {
        try {
            executor.undo(a, book.get(a.id()).map(AdaptationBook.Entry::effect).orElse(Map.of()));
            return true;
        } catch (RuntimeException e) {
            LOG.error("Learning: {} could not be undone locally (tried again at the next cycle)", a.id(), e);
            return false;
        }
    }

    private void closeReverted(Adaptation a, EffectivenessReport r, String note) {
        Instant now = r.at();
        Map<String, Object> evidence = r.toJson();
        book.update(a.id(), e -> {
            Adaptation x = e.adaptation().status() == Adaptation.Status.REVERTED ? e.adaptation()
                    : e.adaptation().withStatus(Adaptation.Status.REVERTED, now);
            return e.with(x).withNote(AdaptationState.REVERTED, note).withReport(evidence);
        });
        publication.keepReport(r);
        publication.republish();
        LOG.info("Learning reverted {} ({} on {}): {}", a.id(), AdaptationExecutor.kindName(a), a.target(), note);
    }

    /** Sets an adaptation's state and note unless it says that already (no rewrite every cycle); true if new. */
    private boolean noteIfNew(String id, AdaptationState state, String note) {
        if (book.get(id).map(e -> e.state() == state && e.note().equals(note)).orElse(true)) {
            return false;
        }
        book.update(id, e -> e.withNote(state, note));
        return true;
    }

    private boolean validated(Adaptation a) {
        return book.get(a.id()).map(AdaptationBook.Entry::validated).orElse(false);
    }

    private static void report(AutonomyGovernor g, Adaptation a, boolean improved, Map<String, Object> evidence) {
        try {
            g.reportValidation(a.id(), improved, evidence, true);
        } catch (RuntimeException e) {
            LOG.warn("Learning: the governor took no validation of {}: {}", a.id(), e.getMessage());
        }
    }

    /** Reverts an adaptation by hand, through the governor (journaled as the actor's rollback). */
    ExecutionResult revertByHand(String id, Actor actor) {
        Adaptation a = book.get(id).map(AdaptationBook.Entry::adaptation)
                .orElseThrow(() -> new IllegalArgumentException("no adaptation " + id));
        if (a.status() == Adaptation.Status.PROPOSED) {
            return ExecutionResult.failed(id + " was not applied; it waits for approval: reject it with "
                    + "autonomy:reject " + id);
        }
        if (a.status().isDropped()) {
            return ExecutionResult.failed(id + " is " + a.status().name().toLowerCase(Locale.ROOT) + " already");
        }
        Optional<AutonomyGovernor> g = env.governor();
        if (g.isEmpty()) {
            return ExecutionResult.failed("no governor is running (autonomy-control-bundle): nothing is changed "
                    + "without it");
        }
        // no validation is reported: a person's revert is no evidence that the change did not help (it would count
        // towards the governor's no-gain pause); the rollback entry carries the experiment's evidence so far
        return g.get().rollback(id, "reverted by hand (learn:revert)", actor);
    }

    // ------------------------------------------------------------------ proposals

    /**
     * Learning's own proposals that waited longer than {@link #PROPOSAL_TTL} for approval are dropped (rejected,
     * expired); an approval that comes later is refused, since the evidence is old. The cooldown applies, then
     * learning proposes again if the evidence still holds.
     */
    void expireProposals(Instant now) {
        for (Adaptation a : book.all()) {
            if (a.status() == Adaptation.Status.PROPOSED && !a.proposedAt().plus(PROPOSAL_TTL).isAfter(now)) {
                book.update(a.id(), e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e
                        : e.with(e.adaptation().withStatus(Adaptation.Status.REJECTED, now))
                        .withNote(AdaptationState.EXPIRED, "expired: not approved within " + PROPOSAL_TTL.toHours()
                                + " h; proposed again if the evidence still holds"));
                LOG.info("Learning: proposal {} expired after {} h without approval", a.id(), PROPOSAL_TTL.toHours());
                env.governor().ifPresent(g -> {
                    try {
                        g.withdraw(a.id(), "not approved within " + PROPOSAL_TTL.toHours() + " h; the evidence is old");
                    } catch (RuntimeException e) {
                        LOG.debug("Learning: could not withdraw {}: {}", a.id(), e.toString());
                    }
                });
            }
        }
    }

    /**
     * Proposals the governor no longer holds (rejected by the operator, expired) are rejected here too; one it holds
     * as applied while learning still has it as proposed (the process stopped between the two records) is active.
     */
    void settleProposals(AutonomyGovernor g, Instant now) {
        List<String> proposed = book.all().stream().filter(a -> a.status() == Adaptation.Status.PROPOSED)
                .map(Adaptation::id).toList();
        if (proposed.isEmpty()) {
            return;
        }
        states(g, proposed).forEach((id, state) -> {
            if (!held(state)) {
                String why = state.map(st -> st.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("unknown");
                book.update(id, e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e
                        : e.with(e.adaptation().withStatus(Adaptation.Status.REJECTED, now))
                        .withNote(AdaptationState.REJECTED, "not approved: the proposal was rejected or expired ("
                                + why + ")"));
            } else if (state.get().inForce()) {
                book.update(id, e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e
                        : e.with(e.adaptation().withStatus(Adaptation.Status.ACTIVE, now))
                        .withNote(AdaptationState.ACTIVE, "active: applied by the governor"));
            } else if (state.get() == ActionState.ROLLED_BACK) {
                book.update(id, e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e
                        : e.with(e.adaptation().withStatus(Adaptation.Status.REVERTED, now))
                        .withNote(AdaptationState.REVERTED, "reverted: rolled back through the governor"));
            }
        });
    }

    /** New adaptations from the knowledge, each a proposal to the governor. */
    void propose(ActionableKnowledge knowledge, AutonomyGovernor g, Instant now, LearningSettings s) {
        if (knowledge.all().isEmpty()) {
            return;
        }
        SystemFacts facts = facts();
        Set<Adaptation.Kind> auto = EnumSet.noneOf(Adaptation.Kind.class);
        for (Adaptation.Kind k : Adaptation.Kind.values()) {
            try {
                if (g.mode(Learner.CAPABILITY, k.actionKind()) == Mode.AUTO) {
                    auto.add(k); // applied at once: counts against the running experiments, not the waiting ones
                }
            } catch (RuntimeException e) {
                // unknown: counted as waiting for approval
            }
        }
        List<Adaptation> fresh = BehaviorAdapter.adaptSystemBehavior(knowledge, book.all(), facts, now, s, auto);
        for (Adaptation a : fresh) {
            if (halted.getAsBoolean()) {
                return;
            }
            book.put(a, "proposed");
            proposals.incrementAndGet();
            Decision d;
            try {
                d = g.submit(a.toProposedAction());
            } catch (RuntimeException e) {
                LOG.warn("Learning: the governor failed on proposal {}", a.id(), e);
                reject(a.id(), "the governor failed on it", now);
                continue;
            }
            switch (d.outcome()) {
                case QUEUED -> book.update(a.id(), e -> e.withNote(AdaptationState.WAITING_FOR_APPROVAL,
                        "waiting for approval (autonomy:approve " + a.id() + "): " + d.reason()));
                case REJECTED -> reject(a.id(), "rejected: " + d.reason(), now);
                case APPROVED -> {
                    if (d.applied()) {
                        book.update(a.id(), e -> e.withNote(AdaptationState.ACTIVE, "approved: " + d.reason()));
                    } else {
                        reject(a.id(), "applying failed: " + d.execution().map(ExecutionResult::message)
                                .orElse("no result"), now);
                    }
                }
                default -> throw new AssertionError(d.outcome());
            }
            LOG.info("Learning proposed {} ({} on {}): {} ({})", a.id(), AdaptationExecutor.kindName(a), a.target(),
                    d.outcome(), d.reason());
        }
    }

    /** Rejects a proposal; one that is no longer proposed (applied meanwhile) only gets the note. */
    private void reject(String id, String note, Instant now) {
        book.update(id, e -> e.adaptation().status() != Adaptation.Status.PROPOSED ? e.withNote(note)
                : e.with(e.adaptation().withStatus(Adaptation.Status.REJECTED, now))
                .withNote(AdaptationState.REJECTED, note));
    }

    /** Tools with their annotations and policies, agents by capability. */
    private SystemFacts facts() {
        Map<String, ToolAnnotations> tools = env.tools();
        List<Map<String, ?>> operator;
        List<Map<String, ?>> overrides;
        try {
            operator = policies.operatorPolicies();
            overrides = policies.overrides();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Learning: tool policies could not be read: {}", e.toString());
            operator = List.of();
            overrides = List.of();
        }
        long timeout = policies.defaultTimeoutMs();
        Map<String, SystemFacts.ToolFacts> out = new HashMap<>();
        for (Map.Entry<String, ToolAnnotations> t : tools.entrySet()) {
            out.put(t.getKey(), ToolPolicyFacts.of(t.getKey(), t.getValue(), operator, overrides, timeout));
        }
        return new SystemFacts(out, env.agentsByCapability());
    }

    long proposals() {
        return proposals.get();
    }
}
