package dev.autonomy.learning.component;

import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.PolicyOverride;
import dev.autonomy.learning.core.Providers;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The side effects of tool policy adaptations (RETRY, TIMEOUT, CACHE) on autonomy's override of the tool: applying
 * with the holdout, undoing by the rollback recipe, ending the holdout of a kept one. The decisions are
 * {@link PolicyOverride}'s pure functions; this class only reads and writes the {@link PolicyStore}.
 */
final class PolicyActions {

    /** What applying did: the rollback recipe and a sentence. */
    record Applied(Map<String, Object> effect, String message) {
    }

    private final PolicyStore policies;

    PolicyActions(PolicyStore policies) {
        this.policies = policies;
    }

    static boolean isPolicy(Adaptation a) {
        return a.kind() == Adaptation.Kind.RETRY || a.kind() == Adaptation.Kind.TIMEOUT
                || a.kind() == Adaptation.Kind.CACHE;
    }

    /**
     * Writes the override with the experiment's holdout over what was there, naming the keys the experiment changes
     * ({@code experimentKeys}), so that the holdout keeps the rest of the previous override.
     *
     * @throws IllegalArgumentException if the adaptation's payload is not a policy change
     */
    Applied apply(Adaptation a) throws IOException {
        PolicyOverride.Change change = PolicyOverride.change(a);
        Optional<Map<String, Object>> previous = policies.override(change.tool());
        policies.write(change.tool(), PolicyOverride.applied(change, previous.orElse(Map.of())));
        return new Applied(PolicyOverride.effect(change, previous.map(p -> p)), change.tool() + ": "
                + change.describe() + " as autonomy's override for all but " + Math.round(100 * change.holdoutShare())
                + " % of the calls (the holdout), within the operator's bounds");
    }

    /**
     * Undoes what applying did, key by key ({@link PolicyOverride#undone}): only this adaptation's keys go back to
     * their previous values, and only where the override still holds what it set, so that other adaptations' kept
     * changes of the tool stay. Without a recipe (learning lost it), its keys are removed where they still hold its
     * values. Returns what was done.
     */
    String undo(Adaptation a, Map<String, Object> effect) throws IOException {
        String tool = effect.isEmpty() ? Providers.name(a.target()) : PolicyOverride.tool(effect);
        Optional<Map<String, Object>> current = policies.override(tool);
        if (current.isEmpty()) {
            return tool + ": autonomy has no override of it; nothing to undo";
        }
        Map<String, Object> applied;
        Map<String, Object> previous;
        if (effect.isEmpty()) {
            applied = new java.util.LinkedHashMap<>(PolicyOverride.change(a).settings());
            previous = Map.of();
        } else {
            applied = effect.containsKey(PolicyOverride.APPLIED) ? PolicyOverride.appliedSettings(effect)
                    : new java.util.LinkedHashMap<>(PolicyOverride.change(a).settings());
            previous = PolicyOverride.restore(effect).orElse(Map.of());
        }
        Optional<Map<String, Object>> next = PolicyOverride.undone(current.get(), a.id(), applied, previous);
        if (next.isEmpty()) {
            policies.delete(tool);
            return tool + ": autonomy's override removed; the operator's policy applies";
        }
        if (next.get().equals(PolicyOverride.ownProperties(current.get()))) {
            return tool + ": nothing of this adaptation left to undo (its settings were changed since)";
        }
        policies.write(tool, next.get());
        return tool + ": " + String.join(", ", applied.keySet()) + " undone; autonomy's other settings of the tool "
                + "stay";
    }

    /**
     * A kept experiment ends: its override goes to every call, without the holdout (if it is still its own; only
     * its bookkeeping keys go).
     *
     * @throws IOException if the override could not be read or written (try again later)
     */
    void keep(Adaptation a) throws IOException {
        String tool = Providers.name(a.target());
        Optional<Map<String, Object>> current = policies.override(tool);
        if (current.isPresent()) {
            Optional<Map<String, Object>> kept = PolicyOverride.kept(current.get(), a.id());
            if (kept.isPresent()) {
                policies.write(tool, kept.get());
            }
        }
    }
}
