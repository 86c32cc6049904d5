package dev.autonomy.api.governor;

/**
 * Where one proposal stands with the governor ({@link AutonomyGovernor#state(String)}): what a proposer reads
 * instead of rebuilding it from {@code pending()}, {@code proposal()} or message text.
 */
public enum ActionState {
    /** Waits for a person's approval (mode {@code suggest}). */
    QUEUED,
    /** Approved; its executor is applying it right now (the next state is applied, or applying failed). */
    APPLYING,
    /** Approved, but applying it failed: nothing changed. */
    APPLY_FAILED,
    /** Applied; its experiment runs and holds the lease on its target. */
    APPLIED_LEASED,
    /** Applied and kept: its lease was released, validated as done, or ran out, or it never took one. */
    APPLIED_RELEASED,
    /** Rejected by the governor's checks or by the operator. */
    REJECTED,
    /** Applied, then undone. */
    ROLLED_BACK,
    /** Taken back by its proposer while it waited. */
    WITHDRAWN,
    /** Waited for approval while its capability had no executor for too long, and was dropped. */
    EXPIRED;

    /** Whether the action's change is in force ({@link #APPLIED_LEASED} or {@link #APPLIED_RELEASED}). */
    public boolean inForce() {
        return this == APPLIED_LEASED || this == APPLIED_RELEASED;
    }

    /** Whether nothing will happen to this proposal any more without a new proposal (rejected, withdrawn …). */
    public boolean endedUnapplied() {
        return this == APPLY_FAILED || this == REJECTED || this == WITHDRAWN || this == EXPIRED;
    }
}
