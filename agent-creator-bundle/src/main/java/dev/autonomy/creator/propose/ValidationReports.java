package dev.autonomy.creator.propose;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probe passed before the agent served: the change is validated and done, which frees its target for the next
 * change (a removal, a new revision). Reported once per proposal, by whichever path gets there first: the creation
 * call (mode auto) or the executor's background report (an approval from the shell).
 */
public final class ValidationReports {

    private final Set<String> validated = ConcurrentHashMap.newKeySet();

    /** @return false if the governor has not recorded the application yet (try again later) */
    public boolean report(AutonomyGovernor g, String proposalId, ExecutionResult r) {
        if (!validated.add(proposalId)) {
            return true;
        }
        if (reportIfRecorded(g, proposalId, Map.of("probe", "passed", "effect", r.effect()))) {
            return true;
        }
        validated.remove(proposalId);
        return false;
    }

    /**
     * Reports once the governor has recorded the application (it does so right after the executor returns); false
     * while it has not. A proposal that ended otherwise (rolled back, failed) needs no report.
     */
    static boolean reportIfRecorded(AutonomyGovernor g, String proposalId, Map<String, Object> evidence) {
        Optional<ActionState> state = g.state(proposalId);
        if (state.isEmpty() || state.get() == ActionState.QUEUED || state.get() == ActionState.APPLYING) {
            return false;
        }
        if (state.get().inForce()) {
            g.reportValidation(proposalId, true, evidence, true);
        }
        return true;
    }
}
