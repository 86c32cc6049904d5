package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    /**
     * ConfigAdmin location of the configurations: {@code ?} binds them to no bundle in particular, so the
     * foundation's policy components receive them.
     */
    static final String ANY_BUNDLE = "?";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyTunerExecutor.class);

    private final ConfigurationAdmin configAdmin;
    private final PolicyTunerCapability capability;

    @Activate
    public PolicyTunerExecutor(@Reference ConfigurationAdmin configAdmin, @Reference PolicyTunerCapability capability) {
        this.configAdmin = configAdmin;
        this.capability = capability;
    }

    /** Writes the override; the effect returned is the rollback recipe (see {@link PolicyEffects}). */
    @Override
    public ExecutionResult apply(ProposedAction action) throws IOException {
        if (!PolicyTunerCapability.KIND.equals(action.kind())) {
            return ExecutionResult.failed(PolicyTunerCapability.NAME + " carries out " + PolicyTunerCapability.KIND
                    + " actions only, not " + action.kind());
        }
        PolicyChange change;
        try {
            change = PolicyChange.fromPayload(action.payload());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed("payload rejected: " + e.getMessage());
        }
        if (!change.target().equals(action.target())) {
            return ExecutionResult.failed("the payload is about " + change.target() + ", the proposal about "
                    + action.target());
        }
        // Named after the tool: applying again updates this one configuration instead of adding another.
        Configuration config = configAdmin.getFactoryConfiguration(ToolPolicyKeys.AUTONOMY_FACTORY_PID,
                change.tool(), ANY_BUNDLE);
        Optional<Map<String, ?>> previous = Optional.ofNullable(config.getProperties()).map(PolicyTunerExecutor::map);
        config.update(dictionary(PolicyEffects.applied(change, previous.orElse(Map.of()))));
        capability.applied();
        LOG.info("Proposal {}: {} set {} (requested by {})", action.id(), change.tool(), change.describe(),
                action.requestedBy());
        return ExecutionResult.ok(change.tool() + ": " + change.describe() + " as autonomy's override (the "
                + "operator's bounds still apply)", PolicyEffects.effect(change, previous));
    }

    /** Restores the override as it was before {@code applied}, or removes it if that created it. */
    @Override
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        String tool;
        Optional<Map<String, Object>> restore;
        try {
            tool = PolicyEffects.tool(applied.effect());
            restore = PolicyEffects.restore(applied.effect());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failed("cannot roll back " + action.id() + ": " + e.getMessage());
        }
        Configuration config = configAdmin.getFactoryConfiguration(ToolPolicyKeys.AUTONOMY_FACTORY_PID, tool,
                ANY_BUNDLE);
        String message;
        if (restore.isEmpty()) {
            config.delete();
            message = tool + ": autonomy's override removed; the operator's policy applies";
        } else {
            config.update(dictionary(restore.get()));
            message = tool + ": autonomy's previous override restored";
        }
        capability.rolledBack();
        LOG.info("Proposal {} rolled back: {}", action.id(), message);
        return ExecutionResult.ok(message, Map.of(PolicyEffects.TOOL, tool, "restored", restore.isPresent()));
    }

    private static Map<String, ?> map(Dictionary<String, ?> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : Collections.list(d.keys())) {
            m.put(k, d.get(k));
        }
        return m;
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> m) {
        return new Hashtable<>(m);
    }
}
