package dev.autonomy.api.governor;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides on every autonomous action before anything changes, and runs approved ones through their owner's
 * {@link dev.autonomy.api.action.ActionExecutor}. Modes are keyed {@code <capability>[.<kind>]}, the most specific
 * key winning; budgets, leases on targets, runaway detection and a global halt apply on top. Every step lands in the
 * audit journal. Without a governor, a capability must only observe and propose nothing (fail closed).
 */
@ProviderType
public interface AutonomyGovernor {

    /**
     * Decides on a proposal: rejected (mode off, over budget, target leased, halted, paused, no executor), queued
     * (mode suggest) or approved — and then applied at once, the result in {@link Decision#execution()}. An applied
     * reversible action holds a lease on its target until {@link #release}, {@link #reportValidation} with
     * {@code done}, {@link #rollback}, or the lease's time limit.
     */
    Decision submit(ProposedAction action);

    /**
     * Reports what an applied action measurably did; feeds runaway detection (no gain, again and again). A report
     * with {@code done=false} and evidence that differs from the previous report renews the lease for another lease
     * period, up to the governor's configured maximum lease time counted from when the action was applied: so an
     * experiment on a quiet server can finish, without holding a target forever.
     *
     * @param improved whether it helped with confidence
     * @param evidence the figures (counts, effect size, confidence), journaled
     * @param done     whether the experiment is over (releases the lease)
     * @throws IllegalArgumentException if no applied action has this id ({@link #state} says where it stands)
     */
    void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence, boolean done);

    /** Undoes an applied action through its executor and releases its lease. */
    ExecutionResult rollback(String proposalId, String reason, Actor actor);

    /**
     * Releases the lease of an applied action (kept, no experiment running any more).
     *
     * @throws IllegalArgumentException if no applied action has this id ({@link #state} says where it stands)
     */
    void release(String proposalId);

    /** The mode that applies to actions of {@code kind} by {@code capability}. */
    Mode mode(String capability, String kind);

    boolean isHalted();

    /**
     * Takes back a proposal that still waits for approval (its evidence is old, or it is no longer wanted): nothing
     * had changed, so nothing is undone; the journal records it as rejected, "withdrawn", by its proposer.
     *
     * @return false if no such proposal was waiting
     */
    boolean withdraw(String proposalId, String reason);

    /** Proposals waiting for a person's approval, oldest first. */
    List<ProposedAction> pending();

    Optional<ProposedAction> proposal(String proposalId);

    /**
     * Where a proposal stands: queued, applied (leased or released), rolled back, or ended without being applied
     * (rejected, withdrawn, expired, applying failed). Empty for an id the governor never decided on, or whose
     * record it has forgotten (closed records are kept for days, see the governor's retention).
     */
    Optional<ActionState> state(String proposalId);

    // Approving, rejecting and resuming are the operator's alone (the autonomy shell, configuration): they are not
    // part of this service, so no bundle and no client can approve its own proposals or lift a halt.

    /** Stops every capability ({@link AutonomousCapability#halt()}) and approves nothing until the operator resumes. */
    void halt(String reason, Actor actor);
}
