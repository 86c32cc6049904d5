package dev.autonomy.mcp.component;

import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.mcp.engine.Engine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One operator-owned tool policy (factory configuration {@code dev.autonomy.tool.policy}, e.g. the file
 * {@code etc/dev.autonomy.tool.policy-text_word_count.cfg}). The foundation binds every instance and resolves each
 * tool's effective policy; a changed file takes effect on the next call.
 */
@Component(service = ToolPolicyComponent.class, configurationPid = ToolPolicyKeys.OPERATOR_FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ToolPolicyComponent.Config.class, factory = true)
public class ToolPolicyComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ToolPolicyComponent.class);

    @ObjectClassDefinition(name = "MCP tool policy", description = "Invocation policy of one tool (operator). "
            + "Bounds min.<key>/max.<key> limit what autonomy may set.")
    public @interface Config {
        @AttributeDefinition(description = "The tool this policy applies to, or * for every tool")
        String tool();

        @AttributeDefinition(description = "Time limit of one attempt (ms); 0 = server default", required = false)
        long timeoutMs() default 0;

        @AttributeDefinition(description = "Calls at once; further calls are answered 'busy'; 0 = unlimited",
                required = false)
        int maxConcurrency() default 0;

        @AttributeDefinition(description = "Cache results this long (ms); only idempotent, session-independent "
                + "tools; 0 = off", required = false)
        long cacheTtlMs() default 0;

        @AttributeDefinition(description = "Most cached results", required = false)
        int cacheMaxEntries() default 256;

        @AttributeDefinition(description = "Extra attempts after an exception or timeout (idempotent tools only)",
                required = false)
        int retries() default 0;

        @AttributeDefinition(description = "Pause before the first retry (ms), doubled each time", required = false)
        long retryBackoffMs() default 50;
    }

    private volatile Engine.ConfigLayer layer;

    @Activate
    public ToolPolicyComponent(Map<String, Object> properties) {
        this.layer = layer(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        this.layer = layer(properties);
    }

    /** Whether this is autonomy's layer; overridden by {@link AutonomyToolPolicyComponent}. */
    protected boolean autonomy() {
        return false;
    }

    Engine.ConfigLayer layer() {
        return layer;
    }

    private Engine.ConfigLayer layer(Map<String, Object> properties) {
        Object tool = properties.get(ToolPolicyKeys.TOOL);
        if (!(tool instanceof String) || ((String) tool).isBlank()) {
            LOG.error("Tool policy {} has no '{}' key; it applies to nothing", properties.get("service.pid"),
                    ToolPolicyKeys.TOOL);
        }
        Map<String, Object> copy = new HashMap<>();
        properties.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.")) {
                copy.put(k, v);
            }
        });
        return new Engine.ConfigLayer(autonomy(), tool instanceof String ? ((String) tool).trim() : "",
                Collections.unmodifiableMap(copy));
    }
}
