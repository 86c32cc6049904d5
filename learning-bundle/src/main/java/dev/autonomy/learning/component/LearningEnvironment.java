package dev.autonomy.learning.component;

import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.foundation.api.tool.ToolAnnotations;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the OSGi world offers, read on the cycle thread. */
public interface LearningEnvironment {
    /** The governor, when the control bundle runs. */
    Optional<AutonomyGovernor> governor();

    /** The live tools by name, with their annotations. */
    Map<String, ToolAnnotations> tools();

    /** Agent ids by capability, when the agent registry runs. */
    Map<String, List<String>> agentsByCapability();
}
