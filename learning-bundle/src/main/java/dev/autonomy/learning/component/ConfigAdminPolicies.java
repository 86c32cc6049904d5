package dev.autonomy.learning.component;

import dev.autonomy.api.config.ConfigAccess;
import dev.autonomy.api.config.ConfigTarget;
import dev.autonomy.api.config.cm.ConfigAdminAccess;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.PolicyOverride;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tool policies in ConfigurationAdmin: autonomy's overrides ({@value ToolPolicyKeys#AUTONOMY_FACTORY_PID}{@code ~<tool>},
 * kept by ConfigAdmin under {@code data/}, never a file in {@code etc/}), read and written; the operator's policies
 * ({@value ToolPolicyKeys#OPERATOR_FACTORY_PID}) and the server's default timeout, read only.
 */
final class ConfigAdminPolicies implements PolicyStore {

    static final String SERVER_PID = "dev.autonomy.mcp";
    static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final ConfigurationAdmin configAdmin;
    private final ConfigAccess access;

    ConfigAdminPolicies(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
        this.access = new ConfigAdminAccess(configAdmin);
    }

    private static ConfigTarget target(String tool) {
        return ConfigTarget.factory(ToolPolicyKeys.AUTONOMY_FACTORY_PID, tool);
    }

    @Override
    public Optional<Map<String, Object>> override(String tool) throws IOException {
        return access.read(target(tool)).map(PolicyOverride::ownProperties);
    }

    @Override
    public void write(String tool, Map<String, Object> properties) throws IOException {
        access.write(target(tool), properties);
    }

    @Override
    public void delete(String tool) throws IOException {
        access.delete(target(tool));
    }

    @Override
    public List<Map<String, ?>> operatorPolicies() throws IOException {
        return list("(service.factoryPid=" + ToolPolicyKeys.OPERATOR_FACTORY_PID + ")");
    }

    @Override
    public List<Map<String, ?>> overrides() throws IOException {
        return list("(service.factoryPid=" + ToolPolicyKeys.AUTONOMY_FACTORY_PID + ")");
    }

    @Override
    public long defaultTimeoutMs() {
        try {
            for (Map<String, ?> m : list("(service.pid=" + SERVER_PID + ")")) {
                Object v = m.get("defaultTimeoutMs");
                if (v instanceof Number && ((Number) v).longValue() > 0) {
                    return ((Number) v).longValue();
                }
                if (v instanceof String) {
                    try {
                        long t = Long.parseLong(((String) v).trim());
                        if (t > 0) {
                            return t;
                        }
                    } catch (NumberFormatException e) {
                        // the foundation ignores it too
                    }
                }
            }
        } catch (IOException e) {
            // the default
        }
        return DEFAULT_TIMEOUT_MS;
    }

    private List<Map<String, ?>> list(String filter) throws IOException {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Map<String, ?>> out = new ArrayList<>();
        if (all != null) {
            for (Configuration c : all) {
                Dictionary<String, Object> d = c.getProperties();
                if (d != null) {
                    out.add(ConfigAdminAccess.map(d));
                }
            }
        }
        return out;
    }
}
