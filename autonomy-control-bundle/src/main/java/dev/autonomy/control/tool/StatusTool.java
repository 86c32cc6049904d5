package dev.autonomy.control.tool;

import dev.autonomy.control.component.GovernorComponent;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code autonomy_status}: halted or running, paused capabilities, proposals waiting, budgets, capabilities. */
@Component(service = Tool.class)
public final class StatusTool implements Tool {

    static final ToolAnnotations READ_ONLY = new ToolAnnotations(null, true, false, true, false, false);

    private final GovernorComponent component;

    @Activate
    public StatusTool(@Reference GovernorComponent component) {
        this.component = component;
    }

    @Override
    public String name() {
        return "autonomy_status";
    }

    @Override
    public String description() {
        return "State of the autonomy governor: whether autonomy is halted, paused capabilities, proposals waiting "
                + "for a person's approval, open experiments, actions in the last hour, modes and capabilities.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("status", "autonomy");
    }

    @Override
    public ToolAnnotations annotations() {
        return READ_ONLY.withTitle("Autonomy status");
    }

    @Override
    public ToolResult call(ToolCall call) {
        Map<String, Object> s = new LinkedHashMap<>(component.governor().status().toJson());
        List<Map<String, Object>> caps = component.capabilityViews();
        s.put("capabilities", caps);
        StringBuilder text = new StringBuilder(Boolean.TRUE.equals(s.get("halted"))
                ? "autonomy HALTED by " + s.get("haltedBy") + ": " + s.get("haltReason") : "autonomy running");
        text.append("; ").append(s.get("pendingProposals")).append(" proposals waiting, ")
                .append(s.get("openExperiments")).append(" open experiments, ")
                .append(s.get("actionsLastHour")).append(" actions in the last hour");
        Map<?, ?> paused = (Map<?, ?>) s.get("paused");
        if (!paused.isEmpty()) {
            text.append("; paused: ").append(paused.keySet());
        }
        for (Map<String, Object> c : caps) {
            text.append("\n  ").append(c.get("name")).append(": ").append(c.get("bundleState")).append(", mode ")
                    .append(c.get("mode")).append(Boolean.TRUE.equals(c.get("paused")) ? ", paused" : "");
        }
        return ToolResult.structured(s, text.toString());
    }
}
