package ${package}.component;

import ${package}.core.Names;
import ${package}.core.TimeoutPlan;
import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.config.ConfigAccess;
import dev.autonomy.api.config.ConfigChange;
import dev.autonomy.api.config.ReversibleConfig;
import dev.autonomy.api.config.cm.ConfigAdminAccess;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/**
 * Carries out the approved actions of ${capability}. The governor calls it — never the capability itself — at once
 * in mode {@code auto}, or when the operator runs {@code autonomy:approve <id>}, possibly after a restart: so
 * {@code apply} works from the payload alone. It writes autonomy's override of the tool's policy (a ConfigAdmin
 * factory configuration kept under {@code data/}, never a file in {@code etc/}) with autonomy-api's
 * {@link ReversibleConfig}; the effect it returns is the rollback recipe.
 */
@Component(service = ActionExecutor.class, property = ActionExecutor.CAPABILITY + "=" + Names.CAPABILITY)
public final class ${capabilityClass}Executor implements ActionExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(${capabilityClass}Executor.class);

    private final ConfigAccess access;
    private final ${capabilityClass}Capability capability;

    @Activate
    public ${capabilityClass}Executor(@Reference ConfigurationAdmin configAdmin,
                                      @Reference ${capabilityClass}Capability capability) {
        this(new ConfigAdminAccess(configAdmin), capability);
    }

    /** For tests: any {@link ConfigAccess}, e.g. a map. */
    public ${capabilityClass}Executor(ConfigAccess access, ${capabilityClass}Capability capability) {
        this.access = access;
        this.capability = capability;
    }

    @Override
    public ExecutionResult apply(ProposedAction action) throws IOException {
        if (!Names.KIND.equals(action.kind())) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, Names.CAPABILITY + " carries out "
                    + Names.KIND + " actions only, not " + action.kind());
        }
        TimeoutPlan plan;
        try {
            plan = TimeoutPlan.fromPayload(action.payload());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, "payload rejected: " + e.getMessage());
        }
        if (!plan.target().equals(action.target())) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, "the payload is about " + plan.target()
                    + ", the proposal about " + action.target());
        }
        ConfigChange change = ReversibleConfig.apply(access, plan.config(), plan::applyTo);
        capability.applied();
        LOG.info("Proposal {}: {} time limit {} ms (requested by {})", action.id(), plan.tool(), plan.timeoutMs(),
                action.requestedBy());
        return ExecutionResult.ok(plan.tool() + ": time limit " + plan.timeoutMs() + " ms as autonomy's override "
                + "(the operator's bounds still apply)", change.toEffect());
    }

    @Override
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        ConfigChange change;
        try {
            change = ConfigChange.fromEffect(applied.effect());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed(FailureCode.INVALID_PAYLOAD, "cannot roll back " + action.id() + ": "
                    + e.getMessage());
        }
        ReversibleConfig.restore(access, change);
        capability.rolledBack();
        String tool = change.target().name();
        LOG.info("Proposal {} rolled back: {}", action.id(), tool);
        return ExecutionResult.ok(tool + ": " + (change.created() ? "autonomy's override removed"
                : "autonomy's previous override restored"), Map.of("tool", tool, "restored", !change.created()));
    }
}
