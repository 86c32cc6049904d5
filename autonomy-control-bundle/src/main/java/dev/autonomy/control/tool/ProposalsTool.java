package dev.autonomy.control.tool;

import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.control.component.GovernorComponent;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code autonomy_proposals}: the proposals waiting for a person's approval (approving is the operator's). */
@Component(service = Tool.class)
public final class ProposalsTool implements Tool {

    private final GovernorComponent component;

    @Activate
    public ProposalsTool(@Reference GovernorComponent component) {
        this.component = component;
    }

    @Override
    public String name() {
        return "autonomy_proposals";
    }

    @Override
    public String description() {
        return "Proposals of the autonomy capabilities waiting for a person's approval, oldest first. Approving "
                + "or rejecting them is the operator's, in the container's shell (autonomy:approve <id>).";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("autonomy");
    }

    @Override
    public ToolAnnotations annotations() {
        return StatusTool.READ_ONLY.withTitle("Autonomy proposals");
    }

    @Override
    public ToolResult call(ToolCall call) {
        List<Map<String, Object>> list = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (QueuedProposal q : component.governor().queued()) {
            ProposedAction a = q.action();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("capability", a.capability());
            m.put("kind", a.kind());
            m.put("target", a.target());
            m.put("reversible", a.reversible());
            m.put("expectedEffect", a.expectedEffect());
            m.put("payload", a.payload());
            m.put("requestedBy", a.requestedBy().toString());
            m.put("queuedAt", Reasons.time(q.queuedAt()));
            list.add(m);
            text.append(a.id()).append(": ").append(a.capability()).append(' ').append(a.kind()).append(" on ")
                    .append(a.target()).append(a.expectedEffect().isEmpty() ? "" : " (" + a.expectedEffect() + ")")
                    .append('\n');
        }
        return ToolResult.structured(Map.of("proposals", list), list.isEmpty() ? "no proposals waiting"
                : list.size() + " proposals waiting:\n" + text.toString().strip());
    }
}
