package dev.autonomy.control.engine;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.HaltState;

import java.time.Clock;
import java.util.Map;

/**
 * Everything the governor decides from, under its one {@link #lock}: settings, the halt, the parts (modes,
 * budgets, leases, queue, ledger, runaway detection) and the executors present. The fields are read and written only
 * while holding {@link #lock}; {@link #journal} and {@link #execution} are used outside it.
 */
final class GovernorState {

    /** Guards every field below; never held while an executor or the journal runs. */
    final Object lock = new Object();
    final Clock clock;
    final ControlStore store;
    final GovernorJournal journal;
    final Execution execution;

    GovernorSettings settings;
    HaltState halt;
    final ModeBook modes;
    final Budgets budgets;
    final Leases leases = new Leases();
    final ApprovalQueue queue;
    final Ledger ledger;
    final Runaways runaways;
    Map<String, ActionExecutor> executors = Map.of();
    /** Approved proposals whose executor runs now, by id (their capability): not queued, not yet in the ledger. */
    final Map<String, String> applying = new java.util.HashMap<>();
    private long lastNow;

    GovernorState(Clock clock, ControlStore store, Journal journal, GovernorSettings settings) {
        this.clock = clock;
        this.store = store;
        this.journal = new GovernorJournal(journal);
        this.execution = new Execution(this.journal);
        synchronized (lock) {
            this.settings = settings;
            long now = now();
            halt = store.halt().orElse(null);
            modes = new ModeBook(settings, store.modes());
            budgets = new Budgets(settings, store.actionsAfter(now - Budgets.HOUR));
            queue = new ApprovalQueue(store);
            ledger = new Ledger(store);
            runaways = new Runaways(store);
            for (AppliedAction a : ledger.allApplied()) {
                if (a.open() && a.leaseExpiresAt() > 0) {
                    leases.put(a.lease());
                }
            }
        }
    }

    /** The current time (epoch ms), never going back: windows and the journal stay monotonic. Under the lock. */
    long now() {
        long t = clock.millis();
        if (t < lastNow) {
            t = lastNow;
        }
        lastNow = t;
        return t;
    }

    boolean halted() {
        synchronized (lock) {
            return halt != null;
        }
    }
}
