package dev.autonomy.creator.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A governor for tests: a mode per capability or kind (suggest unless set), no budgets, no leases; applies and
 * rolls back through the creator, and refuses a validation report for an action it has not recorded as applied.
 */
final class FakeGovernor implements AutonomyGovernor {

    Creator creator;
    final Map<String, Mode> modes = new LinkedHashMap<>();
    final Map<String, ProposedAction> queued = new LinkedHashMap<>();
    final Map<String, ProposedAction> appliedActions = new LinkedHashMap<>();
    final Map<String, ExecutionResult> results = new LinkedHashMap<>();
    final List<ProposedAction> submitted = new ArrayList<>();
    final List<String> validations = new ArrayList<>();
    final List<String> rollbacks = new ArrayList<>();

    @Override
    public synchronized Decision submit(ProposedAction action) {
        submitted.add(action);
        Mode m = mode(action.capability(), action.kind());
        if (m == Mode.OFF) {
            return Decision.rejected(action.id(), "mode off");
        }
        if (m == Mode.SUGGEST) {
            queued.put(action.id(), action);
            return Decision.queued(action.id(), "mode suggest");
        }
        return new Decision(action.id(), Decision.Outcome.APPROVED, "mode auto", Optional.of(execute(action)));
    }

    /** The operator's approval of a queued proposal. */
    synchronized Decision approve(String id) {
        ProposedAction a = queued.remove(id);
        return new Decision(id, Decision.Outcome.APPROVED, "approved", Optional.of(execute(a)));
    }

    private ExecutionResult execute(ProposedAction action) {
        ExecutionResult r;
        try {
            r = creator.apply(action);
        } catch (Exception e) {
            r = ExecutionResult.failed(e.toString());
        }
        if (r.success()) {
            appliedActions.put(action.id(), action);
            results.put(action.id(), r);
        }
        return r;
    }

    @Override
    public synchronized void reportValidation(String proposalId, boolean improved, Map<String, ?> evidence,
                                              boolean done) {
        if (!appliedActions.containsKey(proposalId)) {
            throw new IllegalArgumentException("no applied action " + proposalId);
        }
        validations.add(proposalId);
    }

    @Override
    public synchronized ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        ProposedAction a = appliedActions.remove(proposalId);
        if (a == null) {
            return ExecutionResult.failed("no applied action " + proposalId);
        }
        rollbacks.add(proposalId + " by " + actor + ": " + reason);
        try {
            return creator.rollback(a, results.get(proposalId));
        } catch (Exception e) {
            return ExecutionResult.failed(e.toString());
        }
    }

    @Override
    public void release(String proposalId) {
    }

    @Override
    public synchronized Mode mode(String capability, String kind) {
        Mode m = modes.get(capability + "." + kind);
        return m != null ? m : modes.getOrDefault(capability, Mode.SUGGEST);
    }

    @Override
    public boolean isHalted() {
        return false;
    }

    @Override
    public synchronized boolean withdraw(String proposalId, String reason) {
        return queued.remove(proposalId) != null;
    }

    @Override
    public synchronized List<ProposedAction> pending() {
        return List.copyOf(queued.values());
    }

    @Override
    public synchronized Optional<ProposedAction> proposal(String proposalId) {
        ProposedAction q = queued.get(proposalId);
        return q != null ? Optional.of(q) : Optional.ofNullable(appliedActions.get(proposalId));
    }

    @Override
    public synchronized Optional<ActionState> state(String proposalId) {
        if (queued.containsKey(proposalId)) {
            return Optional.of(ActionState.QUEUED);
        }
        return appliedActions.containsKey(proposalId) ? Optional.of(ActionState.APPLIED_LEASED) : Optional.empty();
    }

    @Override
    public void halt(String reason, Actor actor) {
    }
}
