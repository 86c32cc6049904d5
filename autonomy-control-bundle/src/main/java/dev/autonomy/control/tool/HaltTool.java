package dev.autonomy.control.tool;

import dev.autonomy.api.action.Actor;
import dev.autonomy.control.component.GovernorComponent;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code autonomy_halt}: the kill switch, open to every client (stopping is always safe); only the operator resumes.
 */
@Component(service = Tool.class)
public final class HaltTool implements Tool {

    private final GovernorComponent component;

    @Activate
    public HaltTool(@Reference GovernorComponent component) {
        this.component = component;
    }

    @Override
    public String name() {
        return "autonomy_halt";
    }

    @Override
    public String description() {
        return "Halts all autonomy at once: every capability stops acting and nothing is approved until the "
                + "operator resumes in the container's shell (autonomy:resume). Give the reason.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("reason", Map.of("type", "string", "minLength", 1,
                "maxLength", 500, "description", "why autonomy must stop")), "required", List.of("reason"),
                "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("autonomy");
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Halt autonomy", false, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        String reason = call.stringArgument("reason", "").strip();
        if (reason.isEmpty()) {
            return ToolResult.error("reason must not be blank");
        }
        String client = call.context().request().client().name();
        component.governor().halt(reason, Actor.client(client == null || client.isBlank() ? "unknown" : client));
        return ToolResult.structured(Map.of("halted", true, "reason", reason),
                "autonomy halted: " + reason + ". Only the operator can resume it (autonomy:resume in the shell).");
    }
}
