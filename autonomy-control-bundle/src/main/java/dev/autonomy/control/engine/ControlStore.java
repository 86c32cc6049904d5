package dev.autonomy.control.engine;

import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.QueuedProposal;

import java.util.List;
import java.util.Map;

/**
 * Where the governor keeps what must survive a restart: the approvals queue, applied actions (and so leases),
 * budget history, and small state (halt, paused capabilities, operator modes, runaway counters). Writes become
 * durable with the next journal append, which commits the same store.
 */
public interface ControlStore {

    /** A state value, or {@code null}. */
    String get(String key);

    void put(String key, String value);

    void remove(String key);

    /** The state entries whose key starts with {@code prefix}, sorted by key. */
    Map<String, String> withPrefix(String prefix);

    void putQueued(QueuedProposal proposal);

    void removeQueued(QueuedProposal proposal);

    /** Queued proposals, oldest first. */
    List<QueuedProposal> queued();

    void putApplied(AppliedAction action);

    void removeApplied(AppliedAction action);

    List<AppliedAction> applied();

    void recordAction(ActionRecord action);

    /** Budget history newer than {@code time}, oldest first. */
    List<ActionRecord> actionsAfter(long time);

    void pruneActionsUpTo(long time);

    /** Makes what was written durable (the journal's appends do so too). */
    void flush();
}
