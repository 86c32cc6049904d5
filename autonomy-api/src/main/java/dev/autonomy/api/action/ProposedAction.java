package dev.autonomy.api.action;

import dev.autonomy.foundation.api.value.JsonValues;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An autonomous side effect, as data: nothing changes until the governor approved it, and then only through the
 * owner's {@link ActionExecutor}, which can apply the payload (and roll it back) even after a restart.
 *
 * @param id             unique id
 * @param capability     the owning capability, e.g. {@code learning}
 * @param kind           what it does, e.g. {@code tool.policy}, {@code agent.create}, {@code routing.advice}
 * @param target         what it changes, e.g. {@code tool:text_word_count}; two loops never change one target at once
 * @param payload        what the executor needs to apply it (immutable JSON)
 * @param reversible     whether {@link ActionExecutor#rollback} can undo it
 * @param expectedEffect what it should improve, in words, for people reading proposals and the journal
 * @param requestedBy    who asked
 * @param proposedAt     when
 */
public record ProposedAction(String id, String capability, String kind, String target, Map<String, Object> payload,
                             boolean reversible, String expectedEffect, Actor requestedBy, Instant proposedAt) {

    public static final Pattern CAPABILITY_PATTERN = Pattern.compile("[a-z][a-z0-9_-]{0,40}");
    public static final Pattern KIND_PATTERN = Pattern.compile("[a-z][a-z0-9_.-]{0,60}");

    public ProposedAction {
        Objects.requireNonNull(id, "id");
        if (capability == null || !CAPABILITY_PATTERN.matcher(capability).matches()) {
            throw new IllegalArgumentException("capability must match " + CAPABILITY_PATTERN + ", was " + capability);
        }
        if (kind == null || !KIND_PATTERN.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must match " + KIND_PATTERN + ", was " + kind);
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        payload = JsonValues.immutableObject(payload);
        expectedEffect = expectedEffect == null ? "" : expectedEffect;
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(proposedAt, "proposedAt");
    }

    /** A new proposal with a random id, asked for by the capability itself. */
    public static ProposedAction of(String capability, String kind, String target, Map<String, ?> payload,
                                    boolean reversible, String expectedEffect, Instant now) {
        return new ProposedAction(UUID.randomUUID().toString(), capability, kind, target,
                JsonValues.immutableObject(payload), reversible, expectedEffect, Actor.capability(capability), now);
    }

    /** The mode and budget key of this action: {@code capability.kind}. */
    public String key() {
        return capability + "." + kind;
    }
}
