package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.api.config.ConfigAccess;
import dev.autonomy.api.config.ConfigChange;
import dev.autonomy.api.config.ReversibleConfig;
import dev.autonomy.api.config.cm.ConfigAdminAccess;
import dev.autonomy.api.action.FailureCode;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/**
 * Carries out the approved actions of {@value PolicyTunerCapability#NAME}. The governor calls it — never the
 * capability itself — at once in mode {@code auto}, or when the operator runs {@code autonomy:approve <id>}, which
 * may be hours later and after a restart: so {@link #apply} works from the proposal's payload alone.
 *
 * <p>It writes autonomy's override of the tool's policy: the factory configuration
 * {@value ToolPolicyKeys#AUTONOMY_FACTORY_PID}{@code ~<tool>} (kept by ConfigAdmin under {@code data/}, never a
 * file in {@code etc/}). The foundation clamps it to the operator's {@code min.}/{@code max.} bounds and applies it
 * from the next call on; {@code mcp:policy <tool>} shows the result.
 */
@Component(service = ActionExecutor.class,
        property = ActionExecutor.CAPABILITY + "=" + PolicyTunerCapability.NAME)
public final class PolicyTunerExecutor implements ActionExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyTunerExecutor.class);

    private final ConfigAccess access;
    private final PolicyTunerCapability capability;

    @Activate
    public PolicyTunerExecutor(@Reference ConfigurationAdmin configAdmin, @Reference PolicyTunerCapability capability) {
        this.access = new ConfigAdminAccess(configAdmin);
        this.capability = capability;
    }

    /** Writes the override; the effect returned is the rollback recipe (a {@link ConfigChange}). */
    @Override
    public ExecutionResult apply(ProposedAction action) throws IOException {
        if (!PolicyTunerCapability.KIND.equals(action.kind())) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, PolicyTunerCapability.NAME + " carries out "
                    + PolicyTunerCapability.KIND + " actions only, not " + action.kind());
        }
        PolicyChange change;
        try {
            change = PolicyChange.fromPayload(action.payload());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, "payload rejected: " + e.getMessage());
        }
        if (!change.target().equals(action.target())) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, "the payload is about " + change.target()
                    + ", the proposal about " + action.target());
        }
        // Named after the tool: applying again updates this one configuration instead of adding another.
        ConfigChange applied = ReversibleConfig.apply(access, PolicyEffects.target(change.tool()),
                previous -> PolicyEffects.applied(change, previous));
        capability.applied();
        LOG.info("Proposal {}: {} set {} (requested by {})", action.id(), change.tool(), change.describe(),
                action.requestedBy());
        return ExecutionResult.ok(change.tool() + ": " + change.describe() + " as autonomy's override (the "
                + "operator's bounds still apply)", applied.toEffect());
    }

    /** Restores the override as it was before {@code applied}, or removes it if that created it. */
    @Override
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        ConfigChange change;
        try {
            change = PolicyEffects.change(applied.effect());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, "cannot roll back " + action.id() + ": "
                    + e.getMessage());
        }
        ReversibleConfig.restore(access, change);
        String tool = change.target().name();
        String message = change.created() ? tool + ": autonomy's override removed; the operator's policy applies"
                : tool + ": autonomy's previous override restored";
        capability.rolledBack();
        LOG.info("Proposal {} rolled back: {}", action.id(), message);
        return ExecutionResult.ok(message, Map.of(PolicyEffects.TOOL, tool, "restored", !change.created()));
    }
}
