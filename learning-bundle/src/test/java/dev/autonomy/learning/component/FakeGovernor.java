package dev.autonomy.learning.component;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A governor for tests: a mode per kind, no budgets; applies and rolls back through the learner. */
final class FakeGovernor implements AutonomyGovernor {

    record Validation(String id, boolean improved, Map<String, Object> evidence, boolean done) {
    }

    Learner learner;
    final Map<String, Mode> modes = new LinkedHashMap<>();
    final Map<String, ProposedAction> queued = new LinkedHashMap<>();
    final Map<String, ProposedAction> appliedActions = new LinkedHashMap<>();
    final Map<String, ExecutionResult> results = new LinkedHashMap<>();
    final List<String> submitted = new ArrayList<>();
    final List<Validation> validations = new ArrayList<>();
    final List<String> rollbacks = new ArrayList<>();
    final List<ExecutionResult> rollbackResults = new ArrayList<>();
    final java.util.Set<String> rolledBack = new java.util.HashSet<>();
    /** When set, rollbacks are refused with this message (as the real one does when another proposal holds the target). */
    String refuseRollbacks;

    @Override
    public synchronized Decision submit(ProposedAction action) {
        submitted.add(action.id());
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

    synchronized Decision approve(String id) {
        ProposedAction a = queued.remove(id);
        return new Decision(id, Decision.Outcome.APPROVED, "approved", Optional.of(execute(a)));
    }

    synchronized void reject(String id) {
        queued.remove(id);
    }

    private ExecutionResult execute(ProposedAction action) {
        ExecutionResult r;
        try {
            r = learner.apply(action);
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
        validations.add(new Validation(proposalId, improved, new LinkedHashMap<>(evidence), done));
    }

    @Override
    public synchronized ExecutionResult rollback(String proposalId, String reason, Actor actor) {
        ProposedAction a = appliedActions.get(proposalId);
        if (a == null) {
            return ExecutionResult.failed("no applied action " + proposalId);
        }
        if (refuseRollbacks != null) {
            return ExecutionResult.failed(FailureCode.TARGET_LEASED, refuseRollbacks);
        }
        if (rolledBack.contains(proposalId)) {
            return ExecutionResult.failed(FailureCode.ALREADY_ROLLED_BACK, "action " + proposalId
                    + " was already rolled back");
        }
        rollbacks.add(proposalId + " by " + actor + ": " + reason);
        ExecutionResult r;
        try {
            r = learner.rollback(a, results.get(proposalId));
        } catch (Exception e) {
            r = ExecutionResult.failed(e.toString());
        }
        rollbackResults.add(r);
        if (r.success()) {
            rolledBack.add(proposalId);
        }
        return r;
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
        if (rolledBack.contains(proposalId)) {
            return Optional.of(ActionState.ROLLED_BACK);
        }
        return appliedActions.containsKey(proposalId) ? Optional.of(ActionState.APPLIED_LEASED) : Optional.empty();
    }

    @Override
    public void halt(String reason, Actor actor) {
    }
}
