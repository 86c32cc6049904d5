package dev.autonomy.api.action;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Map;
import java.util.Objects;

/**
 * What applying or rolling back an action did.
 *
 * @param success whether it took effect
 * @param message a readable summary for people (safe to show; no traces); callers branch on {@code failure}
 * @param effect  data needed to roll it back later and to audit it (immutable JSON), e.g. the previous value
 * @param failure why it did not take effect; {@link FailureCode#NONE} exactly when {@code success}
 */
public record ExecutionResult(boolean success, String message, Map<String, Object> effect, FailureCode failure) {

    public ExecutionResult {
        Objects.requireNonNull(message, "message");
        effect = JsonValues.immutableObject(effect);
        if (failure == null) {
            failure = success ? FailureCode.NONE : FailureCode.OTHER;
        }
        if (success != (failure == FailureCode.NONE)) {
            throw new IllegalArgumentException("failure must be NONE exactly when success, was " + failure
                    + " with success=" + success);
        }
    }

    /** A result whose failure code follows from {@code success} (the form of release 1.0). */
    public ExecutionResult(boolean success, String message, Map<String, Object> effect) {
        this(success, message, effect, null);
    }

    public static ExecutionResult ok(String message, Map<String, ?> effect) {
        return new ExecutionResult(true, message, JsonValues.immutableObject(effect), FailureCode.NONE);
    }

    /** A failure its maker did not classify ({@link FailureCode#OTHER}). */
    public static ExecutionResult failed(String message) {
        return new ExecutionResult(false, message, Map.of(), FailureCode.OTHER);
    }

    public static ExecutionResult failed(FailureCode failure, String message) {
        if (failure == null || failure == FailureCode.NONE) {
            throw new IllegalArgumentException("a failed result needs a failure code other than NONE, was "
                    + failure);
        }
        return new ExecutionResult(false, message, Map.of(), failure);
    }

    /** The same result with another failure code (for a governor that classifies an executor's failure). */
    public ExecutionResult withFailure(FailureCode code) {
        return new ExecutionResult(success, message, effect, code);
    }
}
