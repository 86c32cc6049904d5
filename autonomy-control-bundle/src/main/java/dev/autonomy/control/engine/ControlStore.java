package dev.autonomy.control.engine;

import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.EndedProposal;
import dev.autonomy.control.core.HaltState;
import dev.autonomy.control.core.QueuedProposal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the governor keeps what must survive a restart: the approvals queue, applied and ended proposals (and so
 * leases and {@code state(id)}), budget history, and small typed state (halt, paused capabilities, operator modes,
 * runaway counters). Writes become durable with the next journal append, which commits the same store.
 */
public interface ControlStore {

    /** The store format this code writes; older ones are migrated when the store opens. */
    int FORMAT = 2;

    // ---- small state

    Optional<HaltState> halt();

    void putHalt(HaltState halt);

    void removeHalt();

    /** Paused capabilities and why. */
    Map<String, String> paused();

    void putPaused(String capability, String why);

    void removePaused(String capability);

    /** The operator's modes by key. */
    Map<String, Mode> modes();

    void putMode(String key, Mode mode);

    void removeMode(String key);

    /** Consecutive validations without gain, by capability. */
    Map<String, Integer> noGainStreaks();

    void putNoGainStreak(String capability, int streak);

    /** Since when (epoch ms) each capability has had no executor. */
    Map<String, Long> goneSince();

    void putGoneSince(String capability, long since);

    void removeGoneSince(String capability);

    /** Recent rollback times (epoch ms, ascending) by {@code capability|target}. */
    Map<String, long[]> rollbackTimes();

    void putRollbackTimes(String key, long[] times);

    // ---- proposals

    void putQueued(QueuedProposal proposal);

    void removeQueued(QueuedProposal proposal);

    /** Queued proposals, oldest first. */
    List<QueuedProposal> queued();

    void putApplied(AppliedAction action);

    void removeApplied(AppliedAction action);

    List<AppliedAction> applied();

    void putEnded(EndedProposal proposal);

    void removeEnded(EndedProposal proposal);

    /** Proposals that ended without being applied, oldest first. */
    List<EndedProposal> ended();

    // ---- budget history

    void recordAction(ActionRecord action);

    /** Budget history newer than {@code time}, oldest first. */
    List<ActionRecord> actionsAfter(long time);

    void pruneActionsUpTo(long time);

    /** Makes what was written durable (the journal's appends do so too). */
    void flush();
}
