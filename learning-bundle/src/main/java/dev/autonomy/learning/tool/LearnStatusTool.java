package dev.autonomy.learning.tool;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.learning.component.Learner;
import dev.autonomy.learning.component.LearningComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.Map;
import java.util.Set;

/** MCP tool {@code learn_status}: whether learning runs, its cycles, what it stored, its adaptations by status. */
@Component(service = Tool.class)
public final class LearnStatusTool implements Tool {

    private final Learner learner;

    @Activate
    public LearnStatusTool(@Reference LearningComponent component) {
        this.learner = component.learner();
    }

    @Override
    public String name() {
        return "learn_status";
    }

    @Override
    public String description() {
        return "Adaptive learning's state: halted or not, the governor's modes for its kinds (routing, tool.policy, "
                + "context), cycles, experiences stored, routing advice in force and adaptations by status.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("learning");
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Learning status", true, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        Map<String, Object> status = learner.status();
        return ToolResult.structured(status, JsonText.write(status));
    }
}
