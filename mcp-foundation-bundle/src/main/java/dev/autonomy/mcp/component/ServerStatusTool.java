package dev.autonomy.mcp.component;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.mcp.core.ToolHealth;
import dev.autonomy.mcp.engine.Engine;
import dev.autonomy.mcp.engine.RegisteredTool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Built-in tool {@code server_status}: version, uptime, the tools with their call figures and health, the number
 * of sessions. Policy values, bundles and the pipeline's internals stay with the operator ({@code mcp:status},
 * {@code mcp:tools}, {@code mcp:policy}): a client learns what it can call and how well it works, no more.
 */
@Component(service = Tool.class)
public final class ServerStatusTool implements Tool {

    private final FoundationComponent foundation;

    @Activate
    public ServerStatusTool(@Reference FoundationComponent foundation) {
        this.foundation = foundation;
    }

    @Override
    public String name() {
        return "server_status";
    }

    @Override
    public String description() {
        return "Status of this MCP server: version, uptime, the tools with their call counts, errors, latency and "
                + "health (unused, ok, degraded, failing), and the number of open sessions.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("status", "server");
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Server status", true, false, true, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        Engine engine = foundation.engine();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("server", engine.settings().serverName());
        status.put("version", foundation.version());
        status.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        // Hidden tools are the container's business, not a client's (mcp:tools shows them to the operator).
        List<Map<String, Object>> tools = engine.tools().stream().filter(t -> !t.hidden()).map(t -> tool(engine, t))
                .toList();
        status.put("tools", tools);
        status.put("sessions", engine.sessions().count());
        StringBuilder text = new StringBuilder();
        text.append(engine.settings().serverName()).append(' ').append(foundation.version()).append(", up ")
                .append(status.get("uptimeSeconds")).append(" s, ").append(tools.size()).append(" tools, ")
                .append(status.get("sessions")).append(" sessions");
        for (Map<String, Object> t : tools) {
            text.append("\n  ").append(t.get("name")).append(": ").append(t.get("calls")).append(" calls, ")
                    .append(t.get("errors")).append(" errors, ").append(t.get("health"));
        }
        return ToolResult.structured(status, text.toString());
    }

    private static Map<String, Object> tool(Engine engine, RegisteredTool t) {
        Map<String, Object> stats = engine.toolStats(t.name());
        long calls = ((Number) stats.get("calls")).longValue();
        long errors = ((Number) stats.get("errors")).longValue();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("calls", calls);
        m.put("errors", errors);
        m.put("meanMicros", stats.get("meanMicros"));
        m.put("maxMicros", stats.get("maxMicros"));
        m.put("health", ToolHealth.of(calls, errors).label());
        return m;
    }
}
