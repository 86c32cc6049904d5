package ${package}.fakes;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A governor with the few rules these tests need: halt, one mode for everything, a queue for mode {@code suggest}
 * that the test approves as the operator would, and one executor. No budgets, leases or journal.
 * TODO(test kit): autonomy-testkit's TestGovernor has the real rules; use it instead.
 */
public final class FakeGovernor implements AutonomyGovernor {

    private final ActionExecutor executor;
    private Mode mode = Mode.SUGGEST;
    private boolean halted;
    private final Map<String, ProposedAction> proposals = new HashMap<>();
    private final Map<String, ProposedAction> queue = new LinkedHashMap<>();
    private final Map<String, ExecutionResult> applied = new HashMap<>();
    private final Map<String, ActionState> states = new HashMap<>();

    public FakeGovernor(ActionExecutor executor) {
        this.executor = executor;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public synchronized Decision submit(ProposedAction action) {
        proposals.put(action.id(), action);
        if (halted) {
            return rejected(action, FailureCode.HALTED, "autonomy is halted");
        }
        if (mode == Mode.OFF) {
            return rejected(action, FailureCode.MODE_OFF, "mode off");
        }
        if (mode == Mode.SUGGEST) {
            queue.put(action.id(), action);
            states.put(action.id(), ActionState.QUEUED);
            return Decision.queued(action.id(), "mode suggest: waits for the operator");
        }
        return Decision.approved(action.id(), "mode auto", apply(action));
    }

    /** What the operator's {@code autonomy:approve <id>} does. */
    public synchronized Decision approve(String id) {
        ProposedAction action = queue.remove(id);
        if (action == null) {
            return Decision.rejected(id, FailureCode.NOT_QUEUED, "not queued");
        }
        return Decision.approved(id, "approved by the operator", apply(action));
    }

    private ExecutionResult apply(ProposedAction action) {
        ExecutionResult result;
        try {
            result = executor.apply(action);
        } catch (Exception e) {
            result = ExecutionResult.failed(FailureCode.EXECUTOR_ERROR, "internal error");
        }
        if (result.success()) {
            applied.put(action.id(), result);
        }
        states.put(action.id(), result.success() ? ActionState.APPLIED_LEASED : ActionState.APPLY_FAILED);
        return result;
    }

    private Decision rejected(ProposedAction action, FailureCode code, String reason) {
        states.put(action.id(), ActionState.REJECTED);
        return Decision.rejected(action.id(), code, reason);
    }

    @Override
    public synchronized ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        ExecutionResult result = applied.remove(proposalId);
        if (result == null) {
            return ExecutionResult.failed(FailureCode.NOT_APPLIED, "not applied");
        }
        try {
            ExecutionResult undone = executor.rollback(proposals.get(proposalId), result);
            states.put(proposalId, ActionState.ROLLED_BACK);
            return undone;
        } catch (Exception e) {
            return ExecutionResult.failed(FailureCode.EXECUTOR_ERROR, "internal error");
        }
    }

    @Override
    public synchronized void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence,
                                              boolean done) {
        if (done) {
            release(proposalId);
        }
    }

    @Override
    public synchronized void release(String proposalId) {
        if (!applied.containsKey(proposalId)) {
            throw new IllegalArgumentException("no applied action " + proposalId);
        }
        states.put(proposalId, ActionState.APPLIED_RELEASED);
    }

    @Override
    public Mode mode(String capability, String kind) {
        return mode;
    }

    @Override
    public synchronized boolean isHalted() {
        return halted;
    }

    @Override
    public synchronized boolean withdraw(String proposalId, String reason) {
        if (queue.remove(proposalId) == null) {
            return false;
        }
        states.put(proposalId, ActionState.WITHDRAWN);
        return true;
    }

    @Override
    public synchronized List<ProposedAction> pending() {
        return new ArrayList<>(queue.values());
    }

    @Override
    public synchronized Optional<ProposedAction> proposal(String proposalId) {
        return Optional.ofNullable(proposals.get(proposalId));
    }

    @Override
    public synchronized Optional<ActionState> state(String proposalId) {
        return Optional.ofNullable(states.get(proposalId));
    }

    @Override
    public synchronized void halt(String reason, Actor actor) {
        halted = true;
    }
}
