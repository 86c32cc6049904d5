package dev.autonomy.api.action;

/**
 * Why a proposal was not approved, or why applying or rolling back an action did not take effect: what a caller
 * branches on, so that no caller reads the message text ({@link Decision#reason()}, {@link ExecutionResult#message()}
 * are for people).
 */
public enum FailureCode {
    /** Nothing failed. */
    NONE,
    /** A failure that its maker did not classify (the result of the older factories and constructors). */
    OTHER,

    // ---- the governor's admission checks (Decision)
    /** Autonomy is halted: nothing is approved until the operator resumes. */
    HALTED,
    /** The capability is paused (runaway detection) until the operator resumes it. */
    PAUSED,
    /** The mode of the action's key is {@code off}. */
    MODE_OFF,
    /** A proposal with this id was submitted before. */
    DUPLICATE,
    /** Another proposal's experiment holds the target's lease. */
    TARGET_LEASED,
    /** An hourly budget, or the number of experiments open at once, is used up. */
    OVER_BUDGET,
    /** The capability has no {@link ActionExecutor} now. */
    NO_EXECUTOR,
    /** Too many proposals wait for approval. */
    QUEUE_FULL,
    /** The audit journal could not record the decision, so nothing was done. */
    JOURNAL_UNAVAILABLE,
    /** No governor is present (the capability decided itself to do nothing: fail closed). */
    NO_GOVERNOR,

    // ---- a person's decisions on queued proposals (Decision)
    /** {@code approve} or {@code reject} named a proposal that is not waiting for approval. */
    NOT_QUEUED,
    /** The operator rejected it. */
    REJECTED_BY_OPERATOR,
    /** Its proposer took it back while it waited. */
    WITHDRAWN,

    // ---- apply and rollback (ExecutionResult)
    /** The governor has no applied action with this id. */
    NOT_APPLIED,
    /** The action cannot be undone. */
    NOT_REVERSIBLE,
    /** The action was rolled back before. */
    ALREADY_ROLLED_BACK,
    /** A rollback of this action is under way. */
    ROLLBACK_RUNNING,
    /** The executor answered with a failure (its message says why). */
    EXECUTOR_FAILED,
    /** The executor threw or returned nothing: an internal error, logged under the reference in the message. */
    EXECUTOR_ERROR,
    /** The action's payload or effect did not fit what its executor expects. */
    INVALID_PAYLOAD;

    /** Whether this code means success. */
    public boolean none() {
        return this == NONE;
    }
}
