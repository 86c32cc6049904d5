package dev.autonomy.creator.tool;

import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** Governor decisions and execution results as tool results. */
final class Decisions {
    private Decisions() {
    }

    static ToolResult result(Decision d, String doneStatus) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proposalId", d.proposalId());
        String text;
        boolean error;
        switch (d.outcome()) {
            case QUEUED -> {
                m.put("status", "queued");
                text = "Queued for approval as proposal " + d.proposalId() + ".";
                error = false;
            }
            case REJECTED -> {
                m.put("status", "rejected");
                text = "Rejected: " + d.reason();
                error = true;
            }
            default -> {
                ExecutionResult r = d.execution().orElse(ExecutionResult.failed("no execution result"));
                m.put("status", r.success() ? doneStatus : "failed");
                text = r.message();
                error = !r.success();
            }
        }
        m.put("message", text);
        ToolResult r = ToolResult.structured(m, text);
        return error ? new ToolResult(r.content(), r.structuredContent(), true, r.meta()) : r;
    }

    static ToolResult result(ExecutionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.success() ? "rolled_back" : "failed");
        m.put("message", r.message());
        ToolResult t = ToolResult.structured(m, r.message());
        return r.success() ? t : new ToolResult(t.content(), t.structuredContent(), true, t.meta());
    }
}
