package dev.autonomy.testkit.scenario;

import dev.autonomy.api.audit.AuditJournal;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.Operator;
import dev.autonomy.testkit.container.Services;
import dev.autonomy.testkit.container.ShellOperator;
import org.osgi.framework.BundleContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scenario inside a container (a Pax Exam test): tools through the {@link ToolInvoker} of the test's bundle (its
 * {@code Autonomy-Tool-Access} header must allow them and {@code server_status}), the journal and states from the
 * services, the operator through the Gogo shell.
 */
public final class ContainerTarget implements ScenarioTarget {

    private final BundleContext context;

    public ContainerTarget(BundleContext context) {
        this.context = context;
    }

    @Override
    public void deploy(Path bundle) throws Exception {
        Services.start(context, bundle.toFile());
    }

    @Override
    public Set<String> tools() {
        ToolResult status = call("server_status", Map.of());
        Object tools = status.structuredContent().map(m -> m.get("tools")).orElse(List.of());
        return ((List<?>) tools).stream().map(t -> String.valueOf(((Map<?, ?>) t).get("name")))
                .collect(Collectors.toSet());
    }

    @Override
    public ToolResult call(String tool, Map<String, ?> arguments) {
        return Services.service(context, ToolInvoker.class).invoke(tool, arguments);
    }

    @Override
    public List<JournalLine> journal(String capability, int limit) {
        AuditQuery q = AuditQuery.LATEST.withLimit(limit);
        if (!capability.isEmpty()) {
            q = q.withCapability(capability);
        }
        return Services.service(context, AuditJournal.class).query(q).stream().map(JournalLine::of).toList();
    }

    @Override
    public Optional<ActionState> state(String proposalId) {
        return Services.service(context, AutonomyGovernor.class).state(proposalId);
    }

    @Override
    public Optional<Operator> operator() {
        return Optional.of(new ShellOperator(context));
    }
}
