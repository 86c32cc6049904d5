package dev.autonomy.creator.tool;

import dev.autonomy.creator.component.Creator;
import dev.autonomy.creator.component.CreatorComponent;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** MCP tool {@code agent_rollback}: undoes the newest change to an agent (a new revision, or a removal). */
@Component(service = Tool.class)
public final class AgentRollbackTool implements Tool {

    private final Creator creator;

    @Activate
    public AgentRollbackTool(@Reference CreatorComponent component) {
        this.creator = component.creator();
    }

    @Override
    public String name() {
        return "agent_rollback";
    }

    @Override
    public String description() {
        return "Undo the newest change to a generated agent: a new revision goes back to the previous one (or away), "
                + "a removal is restored.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(
                "id", Map.of("type", "string", "description", "the agent's id"),
                "reason", Map.of("type", "string", "description", "why, for the audit journal")),
                "required", List.of("id"), "additionalProperties", false);
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        return Decisions.result(creator.rollbackAgent(call.stringArgument("id", ""),
                call.stringArgument("reason", "rolled back by a client"), Clients.actor(call)));
    }
}
