package dev.autonomy.learning.command;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.foundation.api.shell.Table;
import dev.autonomy.learning.component.Learner;
import dev.autonomy.learning.component.LearningComponent;
import dev.autonomy.learning.core.Knowledge;
import dev.autonomy.learning.core.PatternsJson;
import dev.autonomy.learning.core.RoutingEvaluation;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Gogo scope {@code learn}: what learning saw and did, and the operator's hand on it. */
@Component(service = LearnCommands.class, property = {"osgi.command.scope=learn",
        "osgi.command.function=status", "osgi.command.function=patterns", "osgi.command.function=adaptations",
        "osgi.command.function=revert", "osgi.command.function=evaluate", "osgi.command.function=forget"})
public final class LearnCommands {

    private final Learner learner;

    @Activate
    public LearnCommands(@Reference LearningComponent component) {
        this.learner = component.learner();
    }

    @Descriptor("learning's state: halted, modes, cycles, experiences, routing advice, adaptations by status")
    public String status() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : learner.status().entrySet()) {
            Object v = e.getValue();
            sb.append(e.getKey()).append(": ").append(v instanceof Map || v instanceof List ? JsonText.write(v) : v)
                    .append('\n');
        }
        return sb.toString();
    }

    @Descriptor("the patterns in learning's experiences now (providers, routing, ratings; at most a few seconds "
            + "old) and the knowledge drawn from them, and when the next cycle proposes adaptations")
    public String patterns(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        Learner.Analyzed now = learner.patterns();
        Map<String, Object> p = PatternsJson.of(now.patterns(), now.knowledge());
        Map<String, Object> next = learner.nextCycle();
        StringBuilder sb = new StringBuilder();
        sb.append("Experiences analyzed: ").append(p.get("experiences")).append(now.at() == null ? "" : " (at "
                + now.at() + ")").append("; cycles: ").append(learner.snapshot().cycles()).append(", next ")
                .append(next.get("nextCycle").toString().isEmpty() ? "" : next.get("nextCycle") + " ")
                .append('(').append(next.get("nextCycleIn")).append(")\n");
        List<List<Object>> rows = new ArrayList<>();
        for (Object o : (List<?>) p.get("providers")) {
            Map<?, ?> m = (Map<?, ?>) o;
            rows.add(List.of(m.get("provider"), m.get("calls"), percent(m.get("successRate")),
                    micros(m.get("p50Micros")), micros(m.get("p99Micros")), str(m.get("timeouts")),
                    failures((List<?>) m.get("failures"))));
        }
        sb.append(Table.render(List.of("provider", "calls", "success", "p50", "p99", "timeouts", "failures"), rows,
                noFormat));
        List<List<Object>> routing = new ArrayList<>();
        for (Object o : (List<?>) p.get("routing")) {
            Map<?, ?> r = (Map<?, ?>) o;
            for (Object a : (List<?>) r.get("arms")) {
                Map<?, ?> arm = (Map<?, ?>) a;
                routing.add(List.of(r.get("capability"), arm.get("agent"), arm.get("routed"), arm.get("successes"),
                        arm.get("failures")));
            }
        }
        if (!routing.isEmpty()) {
            sb.append("\nRouting:\n").append(Table.render(List.of("capability", "agent", "routed", "successes",
                    "failures"), routing, noFormat));
        }
        List<List<Object>> prefs = new ArrayList<>();
        for (Object o : (List<?>) p.get("preferences")) {
            Map<?, ?> u = (Map<?, ?>) o;
            prefs.add(List.of(u.get("provider"), u.get("ratings"), u.get("meanRating"), u.get("positive"),
                    u.get("negative")));
        }
        if (!prefs.isEmpty()) {
            sb.append("\nRatings:\n").append(Table.render(List.of("provider", "ratings", "mean", "positive",
                    "negative"), prefs, noFormat));
        }
        List<List<Object>> knowledge = new ArrayList<>();
        for (Knowledge k : now.knowledge().all()) {
            knowledge.add(List.of(k.insight().name().toLowerCase(Locale.ROOT), k.target(),
                    String.format(Locale.ROOT, "%.3f", k.evidence().confidence()),
                    noFormat ? k.summary() : cut(k.summary(), 80)));
        }
        if (!knowledge.isEmpty()) {
            sb.append("\nKnowledge:\n").append(Table.render(List.of("insight", "target", "confidence", "summary"),
                    knowledge, noFormat));
        }
        return sb.toString();
    }

    @Descriptor("the adaptations learning proposed, newest first, with their status and evidence")
    public String adaptations(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> a : learner.adaptations()) {
            Map<?, ?> report = a.get("report") instanceof Map ? (Map<?, ?>) a.get("report") : Map.of();
            String treatment = report.isEmpty() ? "" : report.get("treatmentBad") + "/" + report.get("treatmentUnits");
            String holdout = report.isEmpty() ? "" : report.get("holdoutBad") + "/" + report.get("holdoutUnits");
            String note = str(a.get("note"));
            rows.add(List.of(a.get("id"), a.get("kind"), a.get("target"), a.get("status"), treatment, holdout,
                    noFormat ? note : cut(note, 70)));
        }
        return Table.render(List.of("id", "kind", "target", "status", "treatment bad", "holdout bad", "note"), rows,
                noFormat);
    }

    @Descriptor("revert an applied adaptation through the governor (journaled as your rollback)")
    public String revert(@Descriptor("the adaptation's id (or a unique beginning of it)") String id) {
        String full = learner.resolveId(id);
        ExecutionResult r = learner.revert(full, operator());
        return full + ": " + (r.success() ? "reverted: " : "not reverted: ") + r.message() + "\n";
    }

    @Descriptor("off-policy estimate (in-sample) of each capability's routing policy as served (with its holdout "
            + "during an experiment) against uniform routing among each decision's candidates, from the logged "
            + "propensities (success rate; SNIPS and IPS with 95 % intervals)")
    public String evaluate(@Descriptor("tab-separated output for scripts") @Parameter(names = "--no-format",
            absentValue = "false", presentValue = "true") boolean noFormat) {
        List<List<Object>> rows = new ArrayList<>();
        for (RoutingEvaluation.Row r : learner.evaluate()) {
            rows.add(List.of(r.capability(), r.policy(), r.logged(),
                    RoutingEvaluation.Row.format(r.comparison().targetSnips()),
                    RoutingEvaluation.Row.format(r.comparison().uniformSnips()),
                    RoutingEvaluation.Row.format(r.comparison().differenceIps())));
        }
        if (rows.isEmpty()) {
            return "No routing decisions with a logged propensity yet.\n";
        }
        return Table.render(List.of("capability", "policy", "logged", "policy value (snips)",
                "uniform value (snips)", "difference (ips)"), rows, noFormat) + RoutingEvaluation.IN_SAMPLE_NOTE
                + "\n";
    }

    @Descriptor("delete what learning recorded of one session (its experiences and feedback, and what learning "
            + "holds of it in memory); the audit journal is not changed (it holds no session ids)")
    public String forget(@Descriptor("the session id") String session) {
        long n = learner.forget(session);
        return "Forgot session " + session + ": " + n + " experiences deleted, and its requests and ratings in "
                + "memory; patterns drop them within seconds, and learned preferences its ratings supported are "
                + "re-checked at the next cycle. The audit journal is append-only and unchanged: it keeps what was proposed and "
                + "decided (providers, counts, mean ratings, evidence), no session or request ids.\n";
    }

    private static Actor operator() {
        String user = System.getProperty("user.name");
        return Actor.operator(user == null || user.isBlank() ? "operator" : user);
    }

    private static String failures(List<?> failures) {
        StringBuilder sb = new StringBuilder();
        for (Object o : failures) {
            Map<?, ?> f = (Map<?, ?>) o;
            sb.append(sb.length() == 0 ? "" : ", ").append(f.get("errorClass")).append(' ').append(f.get("failures"))
                    .append(Boolean.TRUE.equals(f.get("transient")) ? " (transient)" : "");
        }
        return sb.toString();
    }

    private static String percent(Object rate) {
        return rate instanceof Number ? String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) rate).doubleValue())
                : "";
    }

    private static String micros(Object v) {
        if (!(v instanceof Number)) {
            return "";
        }
        long us = ((Number) v).longValue();
        return us >= 10_000 ? (us / 1000) + " ms" : us + " µs";
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
