package ${package}.command;

import ${package}.component.${capabilityClass}Capability;
import ${package}.component.${capabilityClass}Component;
import ${package}.core.TimeoutPlan;
import ${package}.core.ToolLatency;
import dev.autonomy.foundation.api.shell.Table;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gogo scope {@code ${capability}}: what the capability saw and what it plans. */
@Component(service = ${capabilityClass}Commands.class, property = {"osgi.command.scope=${capability}",
        "osgi.command.function=status", "osgi.command.function=plans"})
public final class ${capabilityClass}Commands {

    private final ${capabilityClass}Component component;
    private final ${capabilityClass}Capability capability;

    @Activate
    public ${capabilityClass}Commands(@Reference ${capabilityClass}Component component,
                                      @Reference ${capabilityClass}Capability capability) {
        this.component = component;
        this.capability = capability;
    }

    @Descriptor("${capability}'s state: samples, tools observed, settings, proposals by outcome, halted")
    public String status() {
        StringBuilder sb = new StringBuilder();
        append(sb, component.status());
        append(sb, capability.status());
        return sb.toString();
    }

    @Descriptor("the tools observed and the time limit planned for each slow one")
    public String plans(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        Map<String, TimeoutPlan> byTool = new HashMap<>();
        component.plans().forEach(p -> byTool.put(p.tool(), p));
        List<List<Object>> rows = new ArrayList<>();
        for (ToolLatency l : component.latencies()) {
            TimeoutPlan plan = byTool.get(l.tool());
            rows.add(List.of(l.tool(), l.calls(), l.timeouts(), l.p95Ms() + " ms",
                    plan == null ? "-" : plan.timeoutMs() + " ms"));
        }
        return Table.render(List.of("tool", "calls", "timeouts", "p95", "planned limit"), rows, noFormat);
    }

    private static void append(StringBuilder sb, Map<String, Object> figures) {
        figures.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    }
}
