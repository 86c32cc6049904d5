package dev.autonomy.control.store;

import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.EndedProposal;
import dev.autonomy.control.core.HaltState;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.engine.ControlStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The governor's state in the MVStore, one map per kind of record, each value typed or JSON (format {@value
 * ControlStore#FORMAT}, recorded in the map {@code meta}); written without committing (the next journal append
 * commits). A store of an older format is migrated by {@link StoreFormat} before this opens it.
 */
public final class MvControlStore implements ControlStore {

    static final String HALT = "halt";

    private final MVStore store;
    private final MVMap<String, String> halt;
    private final MVMap<String, String> paused;
    private final MVMap<String, String> modes;
    private final MVMap<String, Integer> noGain;
    private final MVMap<String, Long> gone;
    private final MVMap<String, String> rollbacks;
    private final MVMap<String, String> approvals;
    private final MVMap<String, String> applied;
    private final MVMap<String, String> ended;
    private final MVMap<Long, String> actions;
    private final Codec codec;
    private final Object actionLock = new Object();
    private long lastAction;

    MvControlStore(MVStore store, Codec codec) {
        this.store = store;
        this.codec = codec;
        StoreFormat.migrate(store, codec);
        this.halt = store.openMap("halt");
        this.paused = store.openMap("paused");
        this.modes = store.openMap("modes");
        this.noGain = store.openMap("nogain");
        this.gone = store.openMap("gone");
        this.rollbacks = store.openMap("rollbacks");
        this.approvals = store.openMap("approvals");
        this.applied = store.openMap("applied");
        this.ended = store.openMap("ended");
        this.actions = store.openMap("actions");
        Long last = actions.lastKey();
        this.lastAction = last == null ? 0 : last;
    }

    // ------------------------------------------------------------------ small state

    @Override
    public Optional<HaltState> halt() {
        String v = halt.get(HALT);
        return v == null ? Optional.empty() : Optional.of(codec.halt(v));
    }

    @Override
    public void putHalt(HaltState h) {
        halt.put(HALT, codec.halt(h));
    }

    @Override
    public void removeHalt() {
        halt.remove(HALT);
    }

    @Override
    public Map<String, String> paused() {
        return new TreeMap<>(paused);
    }

    @Override
    public void putPaused(String capability, String why) {
        paused.put(capability, why);
    }

    @Override
    public void removePaused(String capability) {
        paused.remove(capability);
    }

    @Override
    public Map<String, Mode> modes() {
        Map<String, Mode> out = new TreeMap<>();
        modes.forEach((k, v) -> out.put(k, Mode.valueOf(v)));
        return out;
    }

    @Override
    public void putMode(String key, Mode mode) {
        modes.put(key, mode.name());
    }

    @Override
    public void removeMode(String key) {
        modes.remove(key);
    }

    @Override
    public Map<String, Integer> noGainStreaks() {
        return new TreeMap<>(noGain);
    }

    @Override
    public void putNoGainStreak(String capability, int streak) {
        noGain.put(capability, streak);
    }

    @Override
    public Map<String, Long> goneSince() {
        return new TreeMap<>(gone);
    }

    @Override
    public void putGoneSince(String capability, long since) {
        gone.put(capability, since);
    }

    @Override
    public void removeGoneSince(String capability) {
        gone.remove(capability);
    }

    @Override
    public Map<String, long[]> rollbackTimes() {
        Map<String, long[]> out = new TreeMap<>();
        rollbacks.forEach((k, v) -> out.put(k, codec.times(v)));
        return out;
    }

    @Override
    public void putRollbackTimes(String key, long[] times) {
        rollbacks.put(key, codec.times(times));
    }

    // ------------------------------------------------------------------ proposals

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
    public void putEnded(EndedProposal proposal) {
        ended.put(key(proposal.endedAt(), proposal.id()), codec.ended(proposal));
    }

    @Override
    public void removeEnded(EndedProposal proposal) {
        ended.remove(key(proposal.endedAt(), proposal.id()));
    }

    @Override
    public List<EndedProposal> ended() {
        List<EndedProposal> out = new ArrayList<>();
        for (String v : ended.values()) {
            out.add(codec.ended(v));
        }
        return out; // in key order: oldest first
    }

    // ------------------------------------------------------------------ budget history

    @Override
    public void recordAction(ActionRecord action) {
        long key;
        synchronized (actionLock) {
            key = ++lastAction;
        }
        actions.put(key, codec.action(action));
    }

    @Override
    public List<ActionRecord> actionsAfter(long time) {
        List<ActionRecord> out = new ArrayList<>();
        for (String v : actions.values()) {
            ActionRecord r = codec.action(v);
            if (r.time() > time) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(ActionRecord::time));
        return out;
    }

    @Override
    public void pruneActionsUpTo(long time) {
        for (Long k = actions.firstKey(); k != null; k = actions.higherKey(k)) {
            if (codec.action(actions.get(k)).time() > time) {
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
}
