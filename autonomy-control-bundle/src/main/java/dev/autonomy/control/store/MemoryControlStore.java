package dev.autonomy.control.store;

import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.engine.ControlStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;

/** A store in memory: for tests and benchmarks, and as a model of what {@link MvControlStore} keeps. */
public final class MemoryControlStore implements ControlStore {

    private final ConcurrentSkipListMap<String, String> state = new ConcurrentSkipListMap<>();
    private final Map<String, QueuedProposal> queued = new ConcurrentHashMap<>();
    private final Map<String, AppliedAction> applied = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<ActionRecord> actions = new ConcurrentLinkedDeque<>();

    @Override
    public String get(String key) {
        return state.get(key);
    }

    @Override
    public void put(String key, String value) {
        state.put(key, value);
    }

    @Override
    public void remove(String key) {
        state.remove(key);
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        state.tailMap(prefix).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public void putQueued(QueuedProposal proposal) {
        queued.put(proposal.action().id(), proposal);
    }

    @Override
    public void removeQueued(QueuedProposal proposal) {
        queued.remove(proposal.action().id());
    }

    @Override
    public List<QueuedProposal> queued() {
        List<QueuedProposal> out = new ArrayList<>(queued.values());
        out.sort(Comparator.comparingLong(QueuedProposal::order));
        return out;
    }

    @Override
    public void putApplied(AppliedAction action) {
        applied.put(action.action().id(), action);
    }

    @Override
    public void removeApplied(AppliedAction action) {
        applied.remove(action.action().id());
    }

    @Override
    public List<AppliedAction> applied() {
        return new ArrayList<>(applied.values());
    }

    @Override
    public void recordAction(ActionRecord action) {
        actions.addLast(action);
    }

    @Override
    public List<ActionRecord> actionsAfter(long time) {
        return actions.stream().filter(a -> a.time() > time).toList();
    }

    @Override
    public void pruneActionsUpTo(long time) {
        actions.removeIf(a -> a.time() <= time);
    }

    @Override
    public void flush() {
        // nothing to make durable
    }
}
