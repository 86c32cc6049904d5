package dev.autonomy.control.core;

import dev.autonomy.api.action.FailureCode;

import java.util.Objects;

/**
 * Why the governor does not approve a proposal now: a code to branch on and the reason people read.
 */
public record Refusal(FailureCode code, String reason) {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        if (code == FailureCode.NONE) {
            throw new IllegalArgumentException("a refusal needs a failure code other than NONE");
        }
    }
}
