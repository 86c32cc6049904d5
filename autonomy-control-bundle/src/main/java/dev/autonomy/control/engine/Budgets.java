package dev.autonomy.control.engine;

import dev.autonomy.api.action.FailureCode;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.BudgetView;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.control.core.Refusal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The hourly budgets (per budget key, agents, all together) over the actions of the last hour. Guarded by the
 * governor's lock.
 */
final class Budgets {

    static final long HOUR = 3_600_000L;

    private final Map<String, Window> buckets = new HashMap<>();
    private final ArrayDeque<ActionRecord> recent = new ArrayDeque<>();
    private GovernorSettings settings;
    private Window global;
    private Window agents;

    Budgets(GovernorSettings settings, Collection<ActionRecord> lastHour) {
        recent.addAll(lastHour);
        settings(settings);
    }

    /** New limits: the windows are rebuilt from the last hour's actions. */
    void settings(GovernorSettings s) {
        settings = s;
        buckets.clear();
        global = new Window(s.globalActionsPerHour());
        agents = new Window(s.agentsPerHour());
        for (ActionRecord r : recent) {
            count(s.budgetKey(r.capability(), r.kind()), GovernorSettings.createsAgent(r.kind()), r.time());
        }
    }

    /** The first hourly budget an action under {@code resolved} would exceed now. */
    Optional<Refusal> check(ModeBook.Resolved r, long now) {
        Window w = buckets.get(r.budgetKey());
        if (r.budgetLimit() <= 0 || w != null && w.used(now, HOUR) >= r.budgetLimit()) {
            return over("actionsPerHour[" + r.budgetKey() + "]", r.budgetLimit(),
                    w == null ? Long.MAX_VALUE : w.nextFree(r.budgetLimit(), now, HOUR), now);
        }
        if (r.agent() && agents.used(now, HOUR) >= settings.agentsPerHour()) {
            return over("agentsPerHour", settings.agentsPerHour(),
                    agents.nextFree(settings.agentsPerHour(), now, HOUR), now);
        }
        if (global.used(now, HOUR) >= settings.globalActionsPerHour()) {
            return over("globalActionsPerHour", settings.globalActionsPerHour(),
                    global.nextFree(settings.globalActionsPerHour(), now, HOUR), now);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> over(String budget, int limit, long nextFree, long now) {
        return Optional.of(new Refusal(FailureCode.OVER_BUDGET,
                Reasons.overBudget(budget, limit, "per hour", nextFree, now)));
    }

    /** Counts an approved action; returns its record for the store. */
    ActionRecord record(String capability, String kind, ModeBook.Resolved r, long now) {
        count(r.budgetKey(), r.agent(), now);
        ActionRecord record = new ActionRecord(now, capability, kind);
        recent.addLast(record);
        prune(now);
        return record;
    }

    void prune(long now) {
        while (!recent.isEmpty() && recent.peekFirst().time() <= now - HOUR) {
            recent.removeFirst();
        }
    }

    private void count(String budgetKey, boolean agent, long time) {
        buckets.computeIfAbsent(budgetKey, k -> new Window(settings.budgetLimit(k))).add(time);
        global.add(time);
        if (agent) {
            agents.add(time);
        }
    }

    int usedGlobal(long now) {
        return global.used(now, HOUR);
    }

    /** Global, agents, then each action budget key seen, configured or of a present executor. */
    List<BudgetView> views(long now, Collection<String> executorCapabilities) {
        GovernorSettings s = settings;
        List<BudgetView> out = new ArrayList<>();
        out.add(new BudgetView("globalActionsPerHour", global.used(now, HOUR), s.globalActionsPerHour(),
                global.nextFree(s.globalActionsPerHour(), now, HOUR)));
        out.add(new BudgetView("agentsPerHour", agents.used(now, HOUR), s.agentsPerHour(),
                agents.nextFree(s.agentsPerHour(), now, HOUR)));
        TreeSet<String> keys = new TreeSet<>(s.actionsPerHour().keySet());
        keys.addAll(buckets.keySet());
        keys.addAll(executorCapabilities);
        for (String k : keys) {
            Window w = buckets.get(k);
            int limit = s.budgetLimit(k);
            out.add(new BudgetView("actionsPerHour[" + k + "]", w == null ? 0 : w.used(now, HOUR), limit,
                    w == null ? (limit > 0 ? now : Long.MAX_VALUE) : w.nextFree(limit, now, HOUR)));
        }
        return out;
    }
}
