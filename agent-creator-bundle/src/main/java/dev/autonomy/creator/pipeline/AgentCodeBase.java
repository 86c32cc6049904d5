package dev.autonomy.creator.pipeline;

import dev.autonomy.creator.spec.SpecTest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Generated sources of one agent revision, as the seed names them.
 *
 * @param agentId         the agent's id
 * @param revision        1, 2, … per id
 * @param packageName     the Java package of every class (unique per revision)
 * @param pluginCode      the DS component (the creator's template: activation and the guarded call), by class name
 * @param behaviorCode    the behaviour class (generated from the spec, or the client's source), by class name
 * @param integrationCode support classes (the time guard, the step runtime), by class name
 * @param componentXml    the Declarative Services descriptor
 * @param tests           the agent's own tests, run before it may serve
 * @param toolAccess      the tools the bundle may call (its {@code Autonomy-Tool-Access} header)
 */
public record AgentCodeBase(String agentId, int revision, String packageName, Map<String, String> pluginCode,
                            Map<String, String> behaviorCode, Map<String, String> integrationCode,
                            String componentXml, List<SpecTest> tests, List<String> toolAccess) {
    public AgentCodeBase {
        Objects.requireNonNull(agentId, "agentId");
        pluginCode = Map.copyOf(pluginCode);
        behaviorCode = Map.copyOf(behaviorCode);
        integrationCode = Map.copyOf(integrationCode);
        tests = List.copyOf(tests);
        toolAccess = List.copyOf(toolAccess);
    }

    /** Every source, by fully qualified class name. */
    public Map<String, String> sources() {
        Map<String, String> all = new java.util.LinkedHashMap<>(pluginCode);
        all.putAll(behaviorCode);
        all.putAll(integrationCode);
        return all;
    }

    public String componentName() {
        return packageName + ".AgentComponent";
    }

    public String guardClass() {
        return packageName + ".Guard";
    }
}
