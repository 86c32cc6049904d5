package dev.autonomy.control.store;

import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.engine.ControlStore;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The governor's state in the MVStore; written without committing (the next journal append commits). */
public final class MvControlStore implements ControlStore {

    private final MVStore store;
    private final MVMap<String, String> state;
    private final MVMap<String, String> approvals;
    private final MVMap<String, String> applied;
    private final MVMap<Long, String> actions;
    private final Codec codec;
    private final Object actionLock = new Object();
    private long lastAction;

    MvControlStore(MVStore store, Codec codec) {
        this.store = store;
        this.state = store.openMap("state");
        this.approvals = store.openMap("approvals");
        this.applied = store.openMap("applied");
        this.actions = store.openMap("actions");
        this.codec = codec;
        Long last = actions.lastKey();
        this.lastAction = last == null ? 0 : last;
    }

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
        Cursor<String, String> c = state.cursor(prefix);
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            out.put(k, c.getValue());
        }
        return out;
    }

    @Override
    public void putQueued(QueuedProposal proposal) {
        approvals.put(key(proposal.order(), proposal.action().id()), codec.queued(proposal));
    }

    @Override
    public void removeQueued(QueuedProposal proposal) {
        approvals.remove(key(proposal.order(), proposal.action().id()));
    }

    /**
     * Keys in time order ({@code <19-digit number>|<id>}): new records go at the end of the tree, where its pages
     * are in memory, instead of at random places.
     */
    static String key(long order, String id) {
        String n = Long.toString(order);
        return "0".repeat(Math.max(0, 19 - n.length())) + n + "|" + id;
    }

    @Override
    public List<QueuedProposal> queued() {
        List<QueuedProposal> out = new ArrayList<>();
        for (String v : approvals.values()) {
            out.add(codec.queued(v));
        }
        return out; // in key order: oldest first
    }

    @Override
    public void putApplied(AppliedAction action) {
        applied.put(key(action.appliedAt(), action.action().id()), codec.applied(action));
    }

    @Override
    public void removeApplied(AppliedAction action) {
        applied.remove(key(action.appliedAt(), action.action().id()));
    }

    @Override
    public List<AppliedAction> applied() {
        List<AppliedAction> out = new ArrayList<>();
        for (String v : applied.values()) {
            out.add(codec.applied(v));
        }
        return out;
    }

    @Override
    public void recordAction(ActionRecord action) {
        long key;
        synchronized (actionLock) {
            key = ++lastAction;
        }
        actions.put(key, action.time() + "\t" + action.capability() + "\t" + action.kind());
    }

    @Override
    public List<ActionRecord> actionsAfter(long time) {
        List<ActionRecord> out = new ArrayList<>();
        for (String v : actions.values()) {
            ActionRecord r = parse(v);
            if (r != null && r.time() > time) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(ActionRecord::time));
        return out;
    }

    @Override
    public void pruneActionsUpTo(long time) {
        for (Long k = actions.firstKey(); k != null; k = actions.higherKey(k)) {
            ActionRecord r = parse(actions.get(k));
            if (r != null && r.time() > time) {
                break;
            }
            actions.remove(k);
        }
    }

    @Override
    public void flush() {
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
    }

    private static ActionRecord parse(String v) {
        if (v == null) {
            return null;
        }
        String[] p = v.split("\t", 3);
        if (p.length != 3) {
            return null;
        }
        try {
            return new ActionRecord(Long.parseLong(p[0]), p[1], p[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
