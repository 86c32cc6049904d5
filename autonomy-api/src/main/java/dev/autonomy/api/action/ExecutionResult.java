package dev.autonomy.api.action;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Map;
import java.util.Objects;

/**
 * What applying or rolling back an action did.
 *
 * @param success whether it took effect
 * @param message a readable summary (safe to show; no traces)
 * @param effect  data needed to roll it back later and to audit it (immutable JSON), e.g. the previous value
 */
public record ExecutionResult(boolean success, String message, Map<String, Object> effect) {

    public ExecutionResult {
        Objects.requireNonNull(message, "message");
        effect = JsonValues.immutableObject(effect);
    }

    public static ExecutionResult ok(String message, Map<String, ?> effect) {
        return new ExecutionResult(true, message, JsonValues.immutableObject(effect));
    }

    public static ExecutionResult failed(String message) {
        return new ExecutionResult(false, message, Map.of());
    }
}
