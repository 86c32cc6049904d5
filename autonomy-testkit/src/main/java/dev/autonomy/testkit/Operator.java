package dev.autonomy.testkit;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.Mode;

import java.util.Optional;

/**
 * What only the operator may do (the {@code autonomy:*} shell), for a test acting as the operator. Each step that
 * concerns a proposal answers where the proposal stands afterwards ({@code AutonomyGovernor.state(id)}), so tests
 * read outcomes as types, not text. Implementations: {@link TestGovernor#operator()} (the governor in memory) and
 * {@code dev.autonomy.testkit.container.ShellOperator} (the real shell in a container).
 */
public interface Operator {

    /** Who the steps are journaled as. */
    Actor actor();

    /** Approves a queued proposal: it is applied at once. */
    Optional<ActionState> approve(String proposalId);

    /** Rejects a queued proposal. */
    Optional<ActionState> reject(String proposalId, String reason);

    /** Undoes an applied action through its executor. */
    Optional<ActionState> rollback(String proposalId, String reason);

    /** Sets the operator's mode of {@code key} ({@code <capability>[.<kind>]}), over the configured one. */
    void setMode(String key, Mode mode);

    /** Removes the operator's mode of {@code key}: the configured one applies again. */
    void resetMode(String key);

    /** Halts all autonomy. */
    void halt(String reason);

    /** Lifts the halt and every pause. */
    void resume();

    /** Lifts the pause of one capability. */
    void resume(String capability);
}
