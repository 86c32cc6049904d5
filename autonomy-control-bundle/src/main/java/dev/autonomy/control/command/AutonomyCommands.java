package dev.autonomy.control.command;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.component.GovernorComponent;
import dev.autonomy.control.component.StoreComponent;
import dev.autonomy.control.core.BudgetView;
import dev.autonomy.control.core.Modes;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.core.GovernorStatus;
import dev.autonomy.control.core.Reasons;
import dev.autonomy.control.engine.Governor;
import dev.autonomy.foundation.api.shell.Table;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import dev.autonomy.api.governor.AutonomousCapability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gogo scope {@code autonomy}: the operator's controls. Everything here acts as the operator (the user running the
 * container), which is what MCP clients can never do: approve, resume, change modes, start capabilities.
 */
@Component(service = AutonomyCommands.class, property = {"osgi.command.scope=autonomy",
        "osgi.command.function=status", "osgi.command.function=capabilities", "osgi.command.function=start",
        "osgi.command.function=stop", "osgi.command.function=mode", "osgi.command.function=halt",
        "osgi.command.function=resume", "osgi.command.function=proposals", "osgi.command.function=approve",
        "osgi.command.function=reject", "osgi.command.function=audit", "osgi.command.function=budget",
        "osgi.command.function=rollback", "osgi.command.function=release"})
public final class AutonomyCommands {

    private final GovernorComponent component;
    private final StoreComponent store;
    private final BundleContext context;

    @Activate
    public AutonomyCommands(@Reference GovernorComponent component, @Reference StoreComponent store,
                            BundleContext context) {
        this.component = component;
        this.store = store;
        this.context = context;
    }

    private Governor governor() {
        return component.governor();
    }

    static Actor operator() {
        String user = System.getProperty("user.name");
        return Actor.operator(user == null || user.isBlank() ? "operator" : user);
    }

    // ------------------------------------------------------------------ status

    @Descriptor("show whether autonomy runs or is halted, paused capabilities, proposals waiting, experiments, "
            + "actions in the last hour and the capabilities")
    public String status() {
        Governor g = governor();
        GovernorStatus s = g.status();
        StringBuilder sb = new StringBuilder();
        g.haltState().ifPresentOrElse(h -> sb.append("autonomy: HALTED since ").append(Reasons.time(h.since()))
                        .append(" by ").append(h.actor()).append(": ").append(h.reason())
                        .append(" (autonomy:resume to go on)\n"),
                () -> sb.append("autonomy: running\n"));
        Map<String, String> paused = g.pausedCapabilities();
        sb.append("paused: ").append(paused.isEmpty() ? "none" : "").append('\n');
        paused.forEach((c, why) -> sb.append("  ").append(c).append(": ").append(why).append('\n'));
        sb.append("proposals waiting: ").append(s.pendingProposals())
                .append("; open experiments: ").append(s.openExperiments()).append('/')
                .append(s.maxConcurrentExperiments())
                .append("; actions in the last hour: ").append(s.actionsLastHour()).append('/')
                .append(s.globalActionsPerHour()).append('\n');
        sb.append("default mode: ").append(s.defaultMode()).append("; modes: ").append(s.toJson().get("modes"))
                .append('\n');
        List<Map<String, Object>> caps = component.capabilityViews();
        if (caps.isEmpty()) {
            sb.append("capabilities: none installed\n");
        } else {
            sb.append(capabilityTable(caps, false));
        }
        return sb.toString();
    }

    @Descriptor("list the capabilities: bundle, bundle state, mode, paused, and their own figures")
    public String capabilities(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        return capabilityTable(component.capabilityViews(), noFormat);
    }

    private static String capabilityTable(List<Map<String, Object>> caps, boolean noFormat) {
        List<List<Object>> rows = caps.stream().map(c -> List.<Object>of(c.get("name"), c.get("bundle"),
                c.get("bundleState"), c.get("mode"), Boolean.TRUE.equals(c.get("paused")) ? "paused" : "",
                figures(c.get("status")))).toList();
        return Table.render(List.of("capability", "bundle", "state", "mode", "paused", "status"), rows, noFormat);
    }

    private static String figures(Object status) {
        if (!(status instanceof Map) || ((Map<?, ?>) status).isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        ((Map<?, ?>) status).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    // ------------------------------------------------------------------ capabilities on and off

    @Descriptor("start a capability: starts the bundle that provides it; it stays started after a restart")
    public String start(@Descriptor("capability name, e.g. learning (or a bundle id)") String capability)
            throws BundleException {
        return startOrStop(capability, true);
    }

    @Descriptor("stop a capability: stops the bundle that provides it; it stays stopped after a restart")
    public String stop(@Descriptor("capability name, e.g. learning (or a bundle id)") String capability)
            throws BundleException {
        return startOrStop(capability, false);
    }

    /**
     * Starts or stops (persistently) the bundle of a capability. A bundle id is accepted too: the shell resolves an
     * unqualified {@code start}/{@code stop} to this scope or to {@code felix:} unpredictably, and {@code stop 12}
     * must keep stopping bundle 12.
     */
    private String startOrStop(String name, boolean start) throws BundleException {
        Map<String, Bundle> bundles = component.capabilityBundles();
        Bundle b = bundles.get(name);
        String capability = name;
        if (b == null && name.matches("[0-9]{1,18}")) {
            b = context.getBundle(Long.parseLong(name));
            capability = b == null ? null : b.getHeaders("").get(AutonomousCapability.BUNDLE_HEADER);
        }
        if (b == null) {
            throw new IllegalArgumentException("no bundle provides capability '" + name + "'; capabilities: "
                    + bundles.keySet());
        }
        if (start) {
            b.start();
        } else {
            b.stop();
        }
        if (capability != null) {
            governor().audit(AuditEntry.draft(start ? AuditEntry.Type.CAPABILITY_STARTED
                            : AuditEntry.Type.CAPABILITY_STOPPED, null, capability, null, null, operator(),
                    (start ? "started bundle " : "stopped bundle ") + b.getSymbolicName(),
                    Map.of("bundle", String.valueOf(b.getSymbolicName()))));
        }
        return (capability == null ? "" : capability + ": ") + "bundle " + b.getSymbolicName() + " "
                + GovernorComponent.state(b.getState()) + "\n";
    }

    // ------------------------------------------------------------------ modes

    @Descriptor("list the effective modes; 'mode <key> <off|suggest|auto>' sets the operator's mode of a key "
            + "(<capability>[.<kind>]); 'mode --reset <key>' removes it, so the configured mode applies again")
    public String mode(@Descriptor("remove the operator's mode of the key") @Parameter(names = "--reset",
                               absentValue = "false", presentValue = "true") boolean reset,
                       @Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
                               absentValue = "false", presentValue = "true") boolean noFormat,
                       @Descriptor("<key> <mode> to set, <key> with --reset, nothing to list") String... args) {
        Governor g = governor();
        if (reset) {
            if (args.length != 1) {
                throw new IllegalArgumentException("usage: autonomy:mode --reset <key>");
            }
            g.resetMode(args[0], operator());
            Modes.Resolution r = g.resolution(args[0].contains(".") ? args[0].substring(0, args[0].indexOf('.'))
                    : args[0], args[0].contains(".") ? args[0].substring(args[0].indexOf('.') + 1) : "");
            return args[0] + ": operator's mode removed; now " + r.mode() + " (from " + r.key() + ")\n";
        }
        if (args.length == 2) {
            Mode mode;
            try {
                mode = Mode.parse(args[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mode must be one of [off, suggest, auto], was '" + args[1] + "'");
            }
            List<String> moreSpecific = g.setMode(args[0], mode, operator());
            StringBuilder sb = new StringBuilder(args[0].trim()).append(": ").append(mode).append('\n');
            if (!moreSpecific.isEmpty()) {
                sb.append("note: more specific keys still decide their own actions: ").append(moreSpecific)
                        .append('\n');
            }
            return sb.toString();
        }
        if (args.length != 0) {
            throw new IllegalArgumentException("usage: autonomy:mode [<key> <off|suggest|auto>] | --reset <key>");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Modes.Effective e : g.effectiveModes()) {
            rows.add(List.of(e.key(), e.mode().toString(), e.operator() ? "operator" : "configuration"));
        }
        rows.add(List.of("(default)", g.settings().defaultMode().toString(), "configuration"));
        return Table.render(List.of("key", "mode", "set by"), rows, noFormat);
    }

    // ------------------------------------------------------------------ halt and resume

    @Descriptor("halt all autonomy at once: every capability stops acting and nothing is approved until resume")
    public String halt(@Descriptor("why (free text)") String... reason) {
        String why = String.join(" ", reason);
        governor().halt(why.isBlank() ? "halted from the shell" : why, operator());
        return "autonomy HALTED: " + (why.isBlank() ? "halted from the shell" : why) + "\n";
    }

    @Descriptor("resume after a halt and unpause every capability; with a capability name, unpause that one only")
    public String resume(@Descriptor("capability to unpause (optional)") String... capability) {
        if (capability.length > 1) {
            throw new IllegalArgumentException("usage: autonomy:resume [capability]");
        }
        if (capability.length == 1) {
            governor().resume(capability[0], operator());
            return capability[0] + ": unpaused\n";
        }
        governor().resume(operator());
        return "autonomy: running\n";
    }

    // ------------------------------------------------------------------ approvals

    @Descriptor("list the proposals waiting for approval, oldest first")
    public String proposals(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        List<List<Object>> rows = new ArrayList<>();
        for (QueuedProposal q : governor().queued()) {
            ProposedAction a = q.action();
            rows.add(List.of(a.id(), a.capability(), a.kind(), a.target(), a.reversible() ? "yes" : "no",
                    Reasons.time(q.queuedAt()), a.expectedEffect()));
        }
        return Table.render(List.of("id", "capability", "kind", "target", "reversible", "queued", "expected effect"),
                rows, noFormat);
    }

    @Descriptor("approve a queued proposal: it is applied at once through its capability's executor")
    public String approve(@Descriptor("proposal id (or a unique beginning of it)") String id) {
        String full = proposalId(id);
        Decision d = governor().approve(full, operator());
        if (!d.approved()) {
            return "not approved: " + d.reason() + "\n";
        }
        return full + ": approved; " + d.execution().map(r -> (r.success() ? "applied: " : "apply failed: ")
                + r.message()).orElse("") + "\n";
    }

    @Descriptor("reject a queued proposal: it is dropped")
    public String reject(@Descriptor("proposal id (or a unique beginning of it)") String id,
                         @Descriptor("why (free text, optional)") String... reason) {
        String full = proposalId(id);
        Decision d = governor().reject(full, String.join(" ", reason), operator());
        return full + ": " + d.reason() + "\n";
    }

    @Descriptor("undo an applied action through its owner's executor; its target is free again")
    public String rollback(@Descriptor("proposal id (or a unique beginning of it, as autonomy:audit shows)") String id,
                           @Descriptor("why (free text, optional)") String... reason) {
        String full = appliedId(id);
        ExecutionResult r = governor().rollback(full, reason.length == 0 ? "rolled back from the shell"
                : String.join(" ", reason), operator());
        return full + ": " + (r.success() ? "rolled back: " : "not rolled back: ") + r.message() + "\n";
    }

    @Descriptor("end an applied action's experiment: the change stays, its target and experiment slot are freed")
    public String release(@Descriptor("proposal id (or a unique beginning of it, as autonomy:audit shows)")
                          String id) {
        String full = appliedId(id);
        governor().release(full);
        return full + ": released\n";
    }

    /** The full id of an applied action from the journal, by id or unique prefix. */
    private String appliedId(String id) {
        List<String> ids = governor().appliedIds();
        if (ids.contains(id)) {
            return id;
        }
        List<String> matching = ids.stream().filter(i -> i.startsWith(id)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        throw new IllegalArgumentException((matching.isEmpty() ? "no applied action '" : "ambiguous id '") + id
                + "'; recently applied: " + (matching.isEmpty() ? ids.stream().limit(10).toList() : matching));
    }

    private String proposalId(String id) {
        List<String> ids = governor().pending().stream().map(ProposedAction::id).toList();
        if (ids.contains(id)) {
            return id;
        }
        List<String> matching = ids.stream().filter(i -> i.startsWith(id)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        throw new IllegalArgumentException((matching.isEmpty() ? "no queued proposal '" : "ambiguous id '") + id
                + "'; queued: " + (matching.isEmpty() ? ids : matching));
    }

    // ------------------------------------------------------------------ journal and budgets

    @Descriptor("show the newest audit journal entries, optionally of one capability")
    public String audit(@Descriptor("how many entries") @Parameter(names = {"-n", "--limit"}, absentValue = "20")
                        int n,
                        @Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
                                absentValue = "false", presentValue = "true") boolean noFormat,
                        @Descriptor("capability (optional)") String... capability) {
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("-n must be 1..100000, was " + n);
        }
        if (capability.length > 1) {
            throw new IllegalArgumentException("usage: autonomy:audit [-n N] [capability]");
        }
        AuditQuery q = AuditQuery.LATEST.withLimit(n);
        if (capability.length == 1) {
            q = q.withCapability(capability[0]);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (AuditEntry e : store.query(q)) {
            rows.add(List.of(e.sequence(), e.time().truncatedTo(ChronoUnit.SECONDS).toString(), e.type().name(),
                    noFormat ? e.proposalId() : cut(e.proposalId(), 9), e.capability(), e.target(),
                    e.actor().toString(), noFormat ? e.summary() : cut(e.summary(), 60)));
        }
        return Table.render(List.of("seq", "time", "type", "proposal", "capability", "target", "actor", "summary"),
                rows, noFormat);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    @Descriptor("show each budget: used / limit and when the next action fits")
    public String budget(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        Governor g = governor();
        long now = g.currentTime();
        List<List<Object>> rows = new ArrayList<>();
        for (BudgetView b : g.budgets()) {
            rows.add(List.of(b.name(), b.used(), b.limit(), b.nextFreeAt() <= now ? "now"
                    : b.nextFreeAt() == Long.MAX_VALUE ? (b.limit() == 0 ? "never (limit 0)" : "when one closes")
                    : Instant.ofEpochMilli(b.nextFreeAt()).truncatedTo(ChronoUnit.SECONDS) + " ("
                    + Reasons.in(now, b.nextFreeAt()) + ")"));
        }
        return Table.render(List.of("budget", "used", "limit", "next free"), rows, noFormat);
    }
}
