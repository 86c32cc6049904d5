package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.agent.AgentRegistry.AgentInfo;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.shell.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The agents as a table (shell, text of {@code agent_list}) and as JSON (structured {@code agent_list}). */
public final class AgentListing {

    private AgentListing() {
    }

    public static final List<String> HEADERS = List.of("agent", "version", "capabilities", "calls", "errors",
            "error rate", "mean µs", "p95 µs");

    public static List<List<Object>> rows(List<AgentInfo> agents) {
        return agents.stream().map(AgentListing::row).toList();
    }

    private static List<Object> row(AgentInfo a) {
        Map<String, Object> s = a.statistics();
        return List.of(a.id(), a.version(), String.join(",", a.capabilities().stream().map(Capability::name)
                        .toList()), number(s, "calls"), number(s, "errors"),
                String.format(Locale.ROOT, "%.1f%%", 100 * rate(s)), number(s, "meanMicros"),
                number(s, "p95Micros"));
    }

    /** The table, followed (formatted output only) by the refused agent services and why. */
    public static String table(List<AgentInfo> agents, List<AgentSelection.Refusal> refused, boolean noFormat) {
        StringBuilder sb = new StringBuilder(Table.render(HEADERS, rows(agents), noFormat));
        if (!noFormat) {
            for (AgentSelection.Refusal r : refused) {
                sb.append("refused: ").append(r.id()).append(' ').append(r.version()).append(": ").append(r.reason())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** The structured content of {@code agent_list}. */
    public static Map<String, Object> json(List<AgentInfo> agents, List<AgentSelection.Refusal> refused,
                                           boolean exposeAsTools) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agents", agents.stream().map(AgentListing::agentJson).toList());
        out.put("refused", refused.stream().map(r -> Map.of("id", r.id(), "version", r.version(), "reason",
                r.reason())).toList());
        out.put("exposeAsTools", exposeAsTools);
        return out;
    }

    private static Map<String, Object> agentJson(AgentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("tool", AgentNames.toolName(a.id()));
        m.put("version", a.version());
        m.put("description", a.description());
        m.put("bundleId", a.bundleId());
        m.put("capabilities", a.capabilities().stream().map(c -> Map.of("name", c.name(), "description",
                c.description(), "inputSchema", c.inputSchema(), "outputSchema", c.outputSchema())).toList());
        m.putAll(a.statistics());
        return m;
    }

    private static long number(Map<String, Object> s, String key) {
        Object v = s.get(key);
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }

    private static double rate(Map<String, Object> s) {
        Object v = s.get("errorRate");
        return v instanceof Number ? ((Number) v).doubleValue() : 0;
    }
}
