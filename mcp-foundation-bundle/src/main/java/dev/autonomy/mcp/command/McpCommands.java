package dev.autonomy.mcp.command;

import dev.autonomy.foundation.api.shell.Table;
import dev.autonomy.mcp.component.FoundationComponent;
import dev.autonomy.mcp.engine.Engine;
import dev.autonomy.mcp.engine.RegisteredTool;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Map;

/** Gogo scope {@code mcp}: what the MCP server serves, to whom, under which policies. */
@Component(service = McpCommands.class, property = {"osgi.command.scope=mcp", "osgi.command.function=status",
        "osgi.command.function=tools", "osgi.command.function=sessions", "osgi.command.function=policy"})
public final class McpCommands {

    private final FoundationComponent foundation;

    @Activate
    public McpCommands(@Reference FoundationComponent foundation) {
        this.foundation = foundation;
    }

    @Descriptor("show the MCP server's state: tools, sessions, pipeline, event handlers")
    public String status() {
        Engine e = foundation.engine();
        StringBuilder sb = new StringBuilder();
        sb.append(e.settings().serverName()).append(' ').append(foundation.version()).append('\n');
        sb.append("tools: ").append(e.tools().size()).append(", sessions: ").append(e.sessions().count())
                .append('\n');
        sb.append("plugins: ").append(e.pluginNames()).append('\n');
        sb.append("context adapters: ").append(e.adapterNames()).append('\n');
        sb.append("counters: ").append(e.counters()).append('\n');
        List<List<Object>> rows = e.events().stats().stream().map(h -> List.<Object>of(h.get("handler"),
                h.get("queued"), h.get("delivered"), h.get("dropped"), h.get("failures"))).toList();
        sb.append(Table.render(List.of("handler", "queued", "delivered", "dropped", "failures"), rows, false));
        return sb.toString();
    }

    @Descriptor("list the tools served, with their bundle and call figures")
    public String tools(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        Engine e = foundation.engine();
        List<List<Object>> rows = e.tools().stream().map(t -> row(e, t)).toList();
        return Table.render(List.of("tool", "bundle", "calls", "errors", "mean µs"), rows, noFormat);
    }

    private static List<Object> row(Engine e, RegisteredTool t) {
        Map<String, Object> s = e.toolStats(t.name());
        return List.of(t.name() + (t.hidden() ? " (hidden)" : ""), t.bundleName(), s.get("calls"),
                s.getOrDefault("errors", 0L), s.getOrDefault("meanMicros", 0L));
    }

    @Descriptor("list open MCP sessions")
    public String sessions(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        List<List<Object>> rows = foundation.engine().sessions().describe().stream()
                .map(s -> List.<Object>of(s.get("id"), s.get("client"), s.get("transport"), s.get("requests"),
                        s.get("started"))).toList();
        return Table.render(List.of("session", "client", "transport", "requests", "started"), rows, noFormat);
    }

    @Descriptor("show the effective invocation policy of a tool and how it was resolved")
    public String policy(@Descriptor("tool name") String tool) {
        Engine e = foundation.engine();
        if (e.tool(tool).isEmpty()) {
            throw new IllegalArgumentException("no tool '" + tool + "'; tools: "
                    + e.tools().stream().map(RegisteredTool::name).toList());
        }
        var r = e.policy(tool);
        return r.policy() + (r.diagnostics().isEmpty() ? "" : "\n" + String.join("\n", r.diagnostics())) + "\n";
    }
}
