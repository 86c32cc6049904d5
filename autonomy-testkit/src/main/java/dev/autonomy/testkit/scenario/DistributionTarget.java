package dev.autonomy.testkit.scenario;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.Operator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A scenario against a running distribution, as a client sees it: bundles go into its {@code deploy/} folder, tools
 * are called over MCP, the journal is {@code autonomy_audit}, and a proposal's state is rebuilt from the journal
 * ({@link JournalStates}). The operator's commands are not reachable over MCP (by design), so scenarios with operator
 * steps run in a container.
 */
public final class DistributionTarget implements ScenarioTarget {

    /** The most entries {@code autonomy_audit} answers at once. */
    static final int MAX_AUDIT = 500;

    private final Path home;
    private final McpHttpClient client;

    public DistributionTarget(Path home, McpHttpClient client) {
        this.home = home;
        this.client = client;
    }

    @Override
    public void deploy(Path bundle) throws IOException {
        Path deploy = home.resolve("deploy");
        Path tmp = Files.copy(bundle, deploy.resolve("." + bundle.getFileName() + ".part"),
                StandardCopyOption.REPLACE_EXISTING);
        // FileInstall must never see half a jar
        Files.move(tmp, deploy.resolve(bundle.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Set<String> tools() {
        return new LinkedHashSet<>(client.listTools());
    }

    @Override
    public ToolResult call(String tool, Map<String, ?> arguments) {
        return client.callTool(tool, arguments);
    }

    @Override
    public List<JournalLine> journal(String capability, int limit) {
        Map<String, Object> args = capability.isEmpty() ? Map.of("limit", Math.min(limit, MAX_AUDIT))
                : Map.of("limit", Math.min(limit, MAX_AUDIT), "capability", capability);
        ToolResult r = client.callTool("autonomy_audit", args);
        if (r.isError()) {
            throw new IllegalStateException("autonomy_audit: " + r.text());
        }
        List<JournalLine> out = new ArrayList<>();
        for (Object o : (List<?>) r.structuredContent().map(m -> m.get("entries")).orElse(List.of())) {
            out.add(line((Map<?, ?>) o));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static JournalLine line(Map<?, ?> e) {
        return new JournalLine(((Number) e.get("sequence")).longValue(),
                AuditEntry.Type.valueOf(String.valueOf(e.get("type"))), String.valueOf(e.get("proposalId")),
                String.valueOf(e.get("capability")), String.valueOf(e.get("target")),
                e.get("data") instanceof Map ? (Map<String, Object>) e.get("data") : Map.of());
    }

    @Override
    public Optional<ActionState> state(String proposalId) {
        return JournalStates.stateOf(journal("", MAX_AUDIT).stream()
                .filter(l -> l.proposalId().equals(proposalId)).toList());
    }

    @Override
    public Optional<Operator> operator() {
        return Optional.empty();
    }
}
