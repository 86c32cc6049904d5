package dev.autonomy.mcp.component;

import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

import java.util.Map;

/**
 * One autonomy-owned tool policy override (factory configuration {@code dev.autonomy.tool.policy.auto}), written
 * through ConfigAdmin by the autonomy layer, never as a file in {@code etc/}. Its values are clamped to the
 * operator's bounds.
 */
@Component(service = ToolPolicyComponent.class, configurationPid = ToolPolicyKeys.AUTONOMY_FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class AutonomyToolPolicyComponent extends ToolPolicyComponent {

    @Activate
    public AutonomyToolPolicyComponent(Map<String, Object> properties) {
        super(properties);
    }

    /** Updates in place: re-registering would let calls run under the operator's policy for a moment. */
    @Modified
    void modifiedAuto(Map<String, Object> properties) {
        modified(properties);
    }

    @Override
    protected boolean autonomy() {
        return true;
    }
}
