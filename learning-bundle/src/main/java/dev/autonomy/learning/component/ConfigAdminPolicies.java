package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.learning.core.PolicyOverride;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tool policies in ConfigurationAdmin: autonomy's overrides ({@value ToolPolicyKeys#AUTONOMY_FACTORY_PID}{@code ~<tool>},
 * kept by ConfigAdmin under {@code data/}, never a file in {@code etc/}), read and written; the operator's policies
 * ({@value ToolPolicyKeys#OPERATOR_FACTORY_PID}) and the server's default timeout, read only.
 */
final class ConfigAdminPolicies implements PolicyStore {

    /** Bound to no bundle in particular, so that the foundation's policy components receive them. */
    static final String ANY_BUNDLE = "?";
    static final String SERVER_PID = "dev.autonomy.mcp";
    static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final ConfigurationAdmin configAdmin;

    ConfigAdminPolicies(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    @Override
    public Optional<Map<String, Object>> override(String tool) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration(ToolPolicyKeys.AUTONOMY_FACTORY_PID, tool, ANY_BUNDLE);
        Dictionary<String, Object> d = c.getProperties();
        return d == null ? Optional.empty() : Optional.of(PolicyOverride.ownProperties(map(d)));
    }

    @Override
    public void write(String tool, Map<String, Object> properties) throws IOException {
        configAdmin.getFactoryConfiguration(ToolPolicyKeys.AUTONOMY_FACTORY_PID, tool, ANY_BUNDLE)
                .update(new Hashtable<>(properties));
    }

    @Override
    public void delete(String tool) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration(ToolPolicyKeys.AUTONOMY_FACTORY_PID, tool, ANY_BUNDLE);
        if (c.getProperties() != null) {
            c.delete();
        }
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
                    out.add(map(d));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> map(Dictionary<String, ?> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : Collections.list(d.keys())) {
            m.put(k, d.get(k));
        }
        return m;
    }
}
