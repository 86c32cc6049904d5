package dev.autonomy.control.tool;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.control.component.StoreComponent;
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

/** {@code autonomy_audit}: the newest audit journal entries, by capability and target. */
@Component(service = Tool.class)
public final class AuditTool implements Tool {

    private final StoreComponent store;

    @Activate
    public AuditTool(@Reference StoreComponent store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "autonomy_audit";
    }

    @Override
    public String description() {
        return "The newest entries of the autonomy audit journal (proposals, decisions, effects, validations, "
                + "rollbacks, halts), optionally of one capability and/or target.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("capability", Map.of("type", "string", "description", "only this capability, e.g. learning"));
        props.put("target", Map.of("type", "string", "description", "only this target, e.g. tool:text_word_count"));
        props.put("limit", Map.of("type", "integer", "minimum", 1, "maximum", 500, "default", 20,
                "description", "at most this many entries, newest first"));
        return Map.of("type", "object", "properties", props, "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("autonomy", "audit");
    }

    @Override
    public ToolAnnotations annotations() {
        return StatusTool.READ_ONLY.withTitle("Autonomy audit journal");
    }

    @Override
    public ToolResult call(ToolCall call) {
        Object l = call.arguments().get("limit");
        int limit = l instanceof Number ? ((Number) l).intValue() : 20;
        if (limit < 1 || limit > 500) {
            return ToolResult.error("limit must be 1..500, was " + l);
        }
        AuditQuery q = AuditQuery.LATEST.withLimit(limit);
        String capability = call.stringArgument("capability", null);
        String target = call.stringArgument("target", null);
        if (capability != null && !capability.isBlank()) {
            q = q.withCapability(capability);
        }
        if (target != null && !target.isBlank()) {
            q = q.withTarget(target);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (AuditEntry e : store.query(q)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", e.sequence());
            m.put("time", e.time().toString());
            m.put("type", e.type().name());
            m.put("proposalId", e.proposalId());
            m.put("capability", e.capability());
            m.put("kind", e.kind());
            m.put("target", e.target());
            m.put("actor", e.actor().toString());
            m.put("summary", e.summary());
            m.put("data", e.data());
            entries.add(m);
            text.append(e.sequence()).append(' ').append(e.time()).append(' ').append(e.type()).append(' ')
                    .append(e.capability().isEmpty() ? "-" : e.capability()).append(' ').append(e.actor())
                    .append(": ").append(e.summary()).append('\n');
        }
        return ToolResult.structured(Map.of("entries", entries), entries.isEmpty() ? "no entries"
                : text.toString().strip());
    }
}
