package dev.autonomy.testkit.scenario;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.Operator;
import dev.autonomy.testkit.container.Await;
import dev.autonomy.testkit.traffic.TrafficDriver;
import dev.autonomy.testkit.traffic.TrafficFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link Scenario}'s steps in order against a {@link ScenarioTarget} and answers its report; a step that
 * cannot be done, or an expectation not met in time, fails with an {@link AssertionError} that tells every step so
 * far. Waiting steps poll; nothing sleeps for a fixed time.
 */
public final class ScenarioRunner {

    private final ScenarioTarget target;
    private final TrafficDriver driver;

    public ScenarioRunner(ScenarioTarget target, TrafficDriver driver) {
        this.target = Objects.requireNonNull(target, "target");
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    public ScenarioRunner(ScenarioTarget target) {
        this(target, TrafficDriver.create());
    }

    public ScenarioReport run(Scenario scenario) {
        Run run = new Run(scenario, newestSequence());
        for (Step step : scenario.steps()) {
            try {
                run.log.add(step(run, step));
            } catch (AssertionError | RuntimeException e) {
                run.log.add("FAILED: " + e.getMessage());
                throw new AssertionError(run.report(Optional.empty()).toString(), e);
            } catch (Exception e) {
                run.log.add("FAILED: " + e);
                throw new AssertionError(run.report(Optional.empty()).toString(), e);
            }
        }
        return run.report(run.proposalId.flatMap(target::state));
    }

    /** One scenario's progress. */
    private static final class Run {
        final Scenario scenario;
        final long startSequence;
        final List<String> log = new ArrayList<>();
        final List<TrafficFigures> traffic = new ArrayList<>();
        Optional<String> proposalId = Optional.empty();

        Run(Scenario scenario, long startSequence) {
            this.scenario = scenario;
            this.startSequence = startSequence;
        }

        ScenarioReport report(Optional<ActionState> state) {
            return new ScenarioReport(scenario.name(), traffic, proposalId, state, log);
        }

        String proposal() {
            return proposalId.orElseThrow(() -> new IllegalStateException("no proposal yet: propose or await one "
                    + "before this step"));
        }
    }

    private String step(Run run, Step step) throws Exception {
        if (step instanceof Step.Deploy d) {
            target.deploy(d.bundle());
            return "deployed " + d.bundle().getFileName();
        }
        if (step instanceof Step.AwaitTool a) {
            Await.until(a.tool() + " served", a.limit(), () -> target.tools().contains(a.tool()));
            return a.tool() + " served";
        }
        if (step instanceof Step.Drive d) {
            TrafficFigures f = driver.drive(i -> target.call(d.tool(), d.arguments().apply(i)), d.calls());
            run.traffic.add(f);
            return "drove " + f.calls() + " calls of " + d.tool() + ": " + f.unsuccessful() + " failed, p50 "
                    + f.p50Micros() + " µs, p95 " + f.p95Micros() + " µs";
        }
        if (step instanceof Step.Propose p) {
            ToolResult r = target.call(p.tool(), p.arguments());
            Object id = r.structuredContent().map(m -> m.get("proposalId")).orElse(null);
            if (r.isError() || !(id instanceof String)) {
                throw new AssertionError(p.tool() + " proposed nothing: " + r.text());
            }
            run.proposalId = Optional.of((String) id);
            return p.tool() + " proposed " + id + ", now " + target.state((String) id).map(Enum::name).orElse("?");
        }
        if (step instanceof Step.AwaitProposal a) {
            JournalLine line = Await.value("a proposal of " + a.capability() + a.target().map(t -> " on " + t)
                    .orElse(""), a.limit(), () -> firstProposal(run, a), Optional::isPresent).orElseThrow();
            run.proposalId = Optional.of(line.proposalId());
            return a.capability() + " proposed " + line.proposalId() + " on " + line.target();
        }
        if (step instanceof Step.Operate o) {
            Operator op = target.operator().orElseThrow(() -> new UnsupportedOperationException(
                    "this target lets no test act as the operator (" + o.what() + ")"));
            o.step().act(op, run.proposal());
            return "the operator " + o.what() + ": now " + target.state(run.proposal()).map(Enum::name).orElse("?");
        }
        if (step instanceof Step.Expect e) {
            String id = run.proposal();
            Optional<ActionState> s = Await.value(id + " in " + e.states(), e.limit(), () -> target.state(id),
                    st -> st.isPresent() && e.states().contains(st.get()));
            return id + " is " + s.orElseThrow();
        }
        throw new AssertionError(step);
    }

    private Optional<JournalLine> firstProposal(Run run, Step.AwaitProposal a) {
        List<JournalLine> lines = target.journal(a.capability(), 500);
        JournalLine first = null;
        for (JournalLine l : lines) { // newest first: the last match is the first proposal
            if (l.sequence() > run.startSequence && l.type() == AuditEntry.Type.PROPOSED
                    && a.target().map(l.target()::equals).orElse(true)) {
                first = l;
            }
        }
        return Optional.ofNullable(first);
    }

    private long newestSequence() {
        return target.journal("", 1).stream().mapToLong(JournalLine::sequence).max().orElse(0);
    }
}
