package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.config.ConfigReader;

import java.util.List;
import java.util.Map;

/**
 * The agents bundle's configuration (PID {@code dev.autonomy.agents}) read key by key: a number out of range is
 * clamped to its bound, a value that does not parse keeps its previous value, each with a warning; the other keys
 * apply. Example: {@code maxWorkflowSteps=0, exposeAsTools=maybe} → maxWorkflowSteps 1 ("maxWorkflowSteps: 0 is
 * below 1; using 1"), exposeAsTools unchanged.
 */
public final class AgentConfig {

    /** What was read, and what was clamped or kept. */
    public record Read(AgentSettings settings, List<String> warnings) {
        public Read {
            warnings = List.copyOf(warnings);
        }
    }

    private AgentConfig() {
    }

    /**
     * Reads {@code properties}: an absent key is its default ({@link AgentSettings#DEFAULTS}), a key that does not
     * parse keeps its value in {@code previous}.
     */
    public static Read read(Map<String, ?> properties, AgentSettings previous) {
        AgentSettings d = AgentSettings.DEFAULTS;
        ConfigReader r = new ConfigReader(properties);
        AgentSettings settings = new AgentSettings(
                r.flag("exposeAsTools", d.exposeAsTools(), previous.exposeAsTools()),
                r.number("routingSeed", d.routingSeed(), previous.routingSeed(), Long.MIN_VALUE, Long.MAX_VALUE),
                r.integer("maxWorkflowSteps", d.maxWorkflowSteps(), previous.maxWorkflowSteps(), 1,
                        AgentSettings.MAX_WORKFLOW_STEPS_LIMIT));
        return new Read(settings, r.warnings());
    }
}
