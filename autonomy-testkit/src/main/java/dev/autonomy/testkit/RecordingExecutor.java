package dev.autonomy.testkit;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An executor that changes nothing and records what it applied and rolled back (by proposal id); its effect carries
 * {@code previous = 1}, which its rollback "restores". Set {@link #failWith} to make applying throw.
 */
public final class RecordingExecutor implements ActionExecutor {

    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final List<String> rolledBack = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    @Override
    public ExecutionResult apply(ProposedAction action) {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        applied.add(action.id());
        return ExecutionResult.ok("applied " + action.kind() + " to " + action.target(), Map.of("previous", 1));
    }

    @Override
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) {
        rolledBack.add(action.id());
        return ExecutionResult.ok("restored " + applied.effect().get("previous"), Map.of());
    }

    /** From now on, applying throws {@code failure} (null: applies again). */
    public RecordingExecutor failWith(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    /** Ids of the actions applied, in order. */
    public List<String> applied() {
        return List.copyOf(applied);
    }

    /** Ids of the actions rolled back, in order. */
    public List<String> rolledBack() {
        return List.copyOf(rolledBack);
    }
}
