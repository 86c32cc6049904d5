package dev.autonomy.control.engine;

import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.control.core.QueuedProposal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposals waiting for a person's approval, oldest first, and since when each capability has had no executor (its
 * queued proposals expire after {@code proposalTtlHours}). Guarded by the governor's lock; persists through the
 * store as it changes.
 */
final class ApprovalQueue {

    /** At most this many proposals wait for approval; more are rejected. */
    static final int MAX_QUEUED = 1000;

    private final ControlStore store;
    private final LinkedHashMap<String, QueuedProposal> queue = new LinkedHashMap<>();
    private final Map<String, Long> goneSince = new HashMap<>();
    private long order;

    ApprovalQueue(ControlStore store) {
        this.store = store;
        for (QueuedProposal q : store.queued()) {
            queue.put(q.action().id(), q);
            order = Math.max(order, q.order());
        }
        goneSince.putAll(store.goneSince());
    }

    boolean full() {
        return queue.size() >= MAX_QUEUED;
    }

    boolean contains(String id) {
        return queue.containsKey(id);
    }

    QueuedProposal get(String id) {
        return queue.get(id);
    }

    QueuedProposal add(ProposedAction action, long now) {
        QueuedProposal q = new QueuedProposal(action, now, ++order);
        queue.put(action.id(), q);
        store.putQueued(q);
        return q;
    }

    /** Puts back a proposal taken out (its approval could not be journaled). */
    void restore(QueuedProposal q) {
        queue.put(q.action().id(), q);
        store.putQueued(q);
    }

    /** Removes and returns the proposal, or null. */
    QueuedProposal remove(String id) {
        QueuedProposal q = queue.remove(id);
        if (q != null) {
            store.removeQueued(q);
        }
        return q;
    }

    int size() {
        return queue.size();
    }

    List<QueuedProposal> all() {
        return List.copyOf(queue.values());
    }

    /** The executors present changed: capabilities back lose their "gone since", ones gone get it. */
    void executorsChanged(Set<String> previous, Set<String> current, long now) {
        for (String c : current) {
            if (goneSince.remove(c) != null) {
                store.removeGoneSince(c);
            }
        }
        for (String c : previous) {
            if (!current.contains(c) && !goneSince.containsKey(c)) {
                markGone(c, now);
            }
        }
    }

    private void markGone(String capability, long now) {
        goneSince.put(capability, now);
        store.putGoneSince(capability, now);
    }

    /** Removes and returns the proposals whose capability has had no executor for {@code ttlMillis}. */
    List<QueuedProposal> expireOrphans(Set<String> executors, long now, long ttlMillis) {
        List<QueuedProposal> out = new ArrayList<>();
        for (Iterator<QueuedProposal> it = queue.values().iterator(); it.hasNext(); ) {
            QueuedProposal q = it.next();
            String c = q.action().capability();
            if (executors.contains(c)) {
                continue;
            }
            Long gone = goneSince.get(c);
            if (gone == null) {
                markGone(c, now);
            } else if (now - gone >= ttlMillis) {
                it.remove();
                store.removeQueued(q);
                out.add(q);
            }
        }
        return out;
    }
}
