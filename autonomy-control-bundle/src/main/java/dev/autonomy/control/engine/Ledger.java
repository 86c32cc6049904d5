package dev.autonomy.control.engine;

import dev.autonomy.api.governor.ActionState;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.EndedProposal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of each proposal after the queue: applied actions (open, closed, rolled back) and proposals that ended
 * unapplied (rejected, withdrawn, expired, failed to apply), kept for {@link #KEEP_CLOSED_MILLIS} so that {@code
 * state(id)} answers, also after a restart. Guarded by the governor's lock; persists through the store as it changes.
 */
final class Ledger {

    /** Closed applied actions and ended proposals are kept this long, then forgotten. */
    static final long KEEP_CLOSED_MILLIS = 7L * 24 * 3_600_000L;
    /** At most this many ended proposals are kept (the oldest go first): rejections can come in bursts. */
    static final int MAX_ENDED = 10_000;

    private final ControlStore store;
    private final Map<String, AppliedAction> applied = new LinkedHashMap<>();
    private final LinkedHashMap<String, EndedProposal> ended = new LinkedHashMap<>();

    Ledger(ControlStore store) {
        this.store = store;
        for (AppliedAction a : store.applied()) {
            applied.put(a.action().id(), a);
        }
        for (EndedProposal e : store.ended()) {
            ended.put(e.id(), e);
        }
    }

    boolean known(String id) {
        return applied.containsKey(id) || ended.containsKey(id);
    }

    AppliedAction applied(String id) {
        return applied.get(id);
    }

    Iterable<AppliedAction> allApplied() {
        return applied.values();
    }

    List<String> appliedIds() {
        return List.copyOf(applied.keySet());
    }

    void put(AppliedAction a) {
        applied.put(a.action().id(), a);
        store.putApplied(a);
    }

    /** Records that a proposal ended unapplied (a second decision on the same id does not overwrite the first). */
    void end(String id, String capability, ActionState state, long now) {
        if (known(id)) {
            return;
        }
        EndedProposal e = new EndedProposal(id, capability, state, now);
        ended.put(id, e);
        store.putEnded(e);
        if (ended.size() > MAX_ENDED) {
            Iterator<EndedProposal> it = ended.values().iterator();
            EndedProposal oldest = it.next();
            it.remove();
            store.removeEnded(oldest);
        }
    }

    /** Where the proposal stands, if the ledger knows it. */
    Optional<ActionState> state(String id, long now) {
        AppliedAction a = applied.get(id);
        if (a != null) {
            return Optional.of(a.actionState(now));
        }
        EndedProposal e = ended.get(id);
        return e == null ? Optional.empty() : Optional.of(e.state());
    }

    /** Forgets closed actions and ended proposals older than the retention. */
    void prune(long now) {
        long floor = now - KEEP_CLOSED_MILLIS;
        for (Iterator<AppliedAction> it = applied.values().iterator(); it.hasNext(); ) {
            AppliedAction a = it.next();
            if (!a.open() && a.closedAt() < floor) {
                it.remove();
                store.removeApplied(a);
            }
        }
        for (Iterator<EndedProposal> it = ended.values().iterator(); it.hasNext(); ) {
            EndedProposal e = it.next();
            if (e.endedAt() >= floor) {
                break; // in time order
            }
            it.remove();
            store.removeEnded(e);
        }
    }
}
