package dev.autonomy.creator.command;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.creator.propose.CreateOutcome;
import dev.autonomy.creator.propose.Progress;
import dev.autonomy.creator.component.Creator;
import dev.autonomy.creator.component.CreatorComponent;
import dev.autonomy.creator.gap.Opportunity;
import dev.autonomy.creator.spec.Json;
import dev.autonomy.foundation.api.shell.Table;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gogo scope {@code agent}: create agents from spec files, design them for a capability, remove, roll back. */
@Component(service = CreatorCommands.class, property = {"osgi.command.scope=agent",
        "osgi.command.function=create", "osgi.command.function=generate", "osgi.command.function=remove",
        "osgi.command.function=rollback", "osgi.command.function=history", "osgi.command.function=source"})
public final class CreatorCommands {

    private final Creator creator;
    private final String home;

    @Activate
    public CreatorCommands(@Reference CreatorComponent component, BundleContext context) {
        this.creator = component.creator();
        this.home = context.getProperty("autonomy.home");
    }

    @Descriptor("build an agent from a spec file (JSON), test it and propose it to the governor")
    public String create(@Descriptor("the spec file") String file) {
        Path path = Path.of(file);
        if (!path.isAbsolute() && !Files.exists(path) && home != null) {
            path = Path.of(home).resolve(file);
        }
        Object spec;
        try {
            spec = Json.parse(Files.readString(path));
        } catch (NoSuchFileException e) {
            return "No such file: " + path;
        } catch (IOException e) {
            return "Cannot read " + path + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return path + " is not valid JSON: " + e.getMessage();
        }
        return report(creator.createFromSpec(spec, "spec", operator(), progress()));
    }

    @Descriptor("design an agent for a capability from the tools and agents present (or a built-in template)")
    public String generate(@Descriptor("the capability, e.g. text.reverse.upper") String capability) {
        return report(creator.generate(capability, operator(), progress()));
    }

    @Descriptor("propose removing a generated agent")
    public String remove(@Descriptor("the agent's id") String id) throws IOException {
        Decision d = creator.remove(id, operator());
        switch (d.outcome()) {
            case QUEUED:
                return "Queued as proposal " + d.proposalId() + ": autonomy:approve " + d.proposalId();
            case REJECTED:
                return "Rejected: " + d.reason();
            default:
                return d.execution().map(ExecutionResult::message).orElse("applied");
        }
    }

    @Descriptor("undo the newest change to a generated agent (a new revision, or a removal)")
    public String rollback(@Descriptor("the agent's id") String id) throws IOException {
        ExecutionResult r = creator.rollbackAgent(id, "rolled back from the shell", operator());
        return (r.success() ? "" : "Failed: ") + r.message();
    }

    @Descriptor("agent creation history, newest first, and open opportunities")
    public String history(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat,
                          @Descriptor("only this agent (optional)") @Parameter(names = "--id",
                                  absentValue = "") String id) {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> e : creator.history(200)) {
            if (!id.isEmpty() && !id.equals(e.get("id"))) {
                continue;
            }
            rows.add(List.of(str(e.get("time")), str(e.get("id")), str(e.get("revision")), str(e.get("status")),
                    str(e.get("stage")), str(e.get("origin")), trim(str(e.get("reason")), 70)));
        }
        StringBuilder sb = new StringBuilder(Table.render(List.of("TIME", "ID", "REV", "STATUS", "STAGE", "ORIGIN",
                "REASON"), rows, noFormat));
        List<Opportunity> opp = creator.opportunities();
        if (!opp.isEmpty()) {
            List<List<String>> orows = new ArrayList<>();
            opp.forEach(o -> orows.add(List.of(o.capability(), Integer.toString(o.demand()), o.statusText())));
            sb.append("\nOpportunities (capabilities asked for that no agent offers):\n")
                    .append(Table.render(List.of("CAPABILITY", "DEMAND", "STATUS"), orows, noFormat));
        }
        return sb.toString();
    }

    @Descriptor("the generated Java source of an agent's serving revision")
    public String source(@Descriptor("the agent's id") String id) throws IOException {
        Map<String, String> files = creator.source(id);
        if (files.isEmpty()) {
            return "No sources for agent '" + id + "'";
        }
        StringBuilder sb = new StringBuilder();
        files.forEach((name, text) -> sb.append("// ===== ").append(name).append('\n').append(text).append('\n'));
        return sb.toString();
    }

    private static String report(CreateOutcome out) {
        StringBuilder sb = new StringBuilder(out.summary());
        if (!out.stages().isEmpty()) {
            sb.append("\nstages (ms):");
            out.stages().forEach(s -> sb.append(' ').append(s.stage()).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.1f", s.micros() / 1000.0)));
        }
        out.details().forEach(d -> sb.append("\n  ").append(d));
        return sb.toString();
    }

    /** Stages as they start, on the session's console (Gogo redirects System.out per command). */
    private static Progress progress() {
        PrintStream out = System.out;
        return (stage, i, total) -> {
            out.println("[" + (i + 1) + "/" + total + "] " + stage);
            out.flush();
        };
    }

    private static Actor operator() {
        String user = System.getProperty("user.name");
        return Actor.operator(user == null || user.isBlank() ? "operator" : user);
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static String trim(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
