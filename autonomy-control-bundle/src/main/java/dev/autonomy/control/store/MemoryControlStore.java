package dev.autonomy.control.store;

import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.EndedProposal;
import dev.autonomy.control.core.HaltState;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.engine.ControlStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store in memory: for tests, the test kit and benchmarks, and as a model of what {@link MvControlStore} keeps.
 */
public final class MemoryControlStore implements ControlStore {

    private final AtomicReference<HaltState> halt = new AtomicReference<>();
    private final Map<String, String> paused = new ConcurrentSkipListMap<>();
    private final Map<String, Mode> modes = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> noGain = new ConcurrentSkipListMap<>();
    private final Map<String, Long> gone = new ConcurrentSkipListMap<>();
    private final Map<String, long[]> rollbacks = new ConcurrentSkipListMap<>();
    private final Map<String, QueuedProposal> queued = new ConcurrentHashMap<>();
    private final Map<String, AppliedAction> applied = new ConcurrentHashMap<>();
    private final Map<String, EndedProposal> ended = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<ActionRecord> actions = new ConcurrentLinkedDeque<>();

    @Override
    public Optional<HaltState> halt() {
        return Optional.ofNullable(halt.get());
    }

    @Override
    public void putHalt(HaltState h) {
        halt.set(h);
    }

    @Override
    public void removeHalt() {
        halt.set(null);
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
        return new TreeMap<>(modes);
    }

    @Override
    public void putMode(String key, Mode mode) {
        modes.put(key, mode);
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
        rollbacks.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    @Override
    public void putRollbackTimes(String key, long[] times) {
        rollbacks.put(key, times.clone());
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
    public void putEnded(EndedProposal proposal) {
        ended.put(proposal.id(), proposal);
    }

    @Override
    public void removeEnded(EndedProposal proposal) {
        ended.remove(proposal.id());
    }

    @Override
    public List<EndedProposal> ended() {
        List<EndedProposal> out = new ArrayList<>(ended.values());
        out.sort(Comparator.comparingLong(EndedProposal::endedAt));
        return out;
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
