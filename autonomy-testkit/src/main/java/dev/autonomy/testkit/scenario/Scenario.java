package dev.autonomy.testkit.scenario;

import dev.autonomy.api.governor.ActionState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A scenario as data: its steps in order, built by the methods below, each returning a new scenario.
 *
 * <pre>{@code
 * Scenario s = Scenario.named("the tuner's change, rolled back by the operator")
 *         .deploy(tunerJar).awaitTool("tuner_propose")
 *         .drive("text_word_count", i -> Map.of("text", "call " + i), 50)
 *         .propose("tuner_propose", Map.of("tool", "text_word_count", "timeoutMs", 999))
 *         .expect(ActionState.APPLIED_LEASED)
 *         .operator("rolls it back", (op, id) -> op.rollback(id, "scenario"))
 *         .expectRolledBack();
 * }</pre>
 */
public record Scenario(String name, List<Step> steps) {

    /** How long awaiting steps wait unless told otherwise. */
    public static final Duration LIMIT = Duration.ofSeconds(30);

    public Scenario {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }

    public static Scenario named(String name) {
        return new Scenario(name, List.of());
    }

    public Scenario then(Step step) {
        List<Step> s = new ArrayList<>(steps);
        s.add(step);
        return new Scenario(name, s);
    }

    public Scenario deploy(Path bundle) {
        return then(new Step.Deploy(bundle));
    }

    public Scenario awaitTool(String tool) {
        return then(new Step.AwaitTool(tool, LIMIT));
    }

    public Scenario drive(String tool, IntFunction<Map<String, Object>> arguments, int calls) {
        return then(new Step.Drive(tool, arguments, calls));
    }

    public Scenario propose(String tool, Map<String, Object> arguments) {
        return then(new Step.Propose(tool, arguments));
    }

    public Scenario awaitProposal(String capability, String target) {
        return then(new Step.AwaitProposal(capability, Optional.ofNullable(target), LIMIT));
    }

    public Scenario operator(String what, Step.OperatorStep step) {
        return then(new Step.Operate(what, step));
    }

    public Scenario expect(ActionState first, ActionState... more) {
        return then(new Step.Expect(EnumSet.of(first, more), LIMIT));
    }

    /** Expects the adaptation kept: applied, its experiment over. */
    public Scenario expectKept() {
        return expect(ActionState.APPLIED_RELEASED);
    }

    /** Expects the adaptation in force, whether its experiment still runs or not. */
    public Scenario expectApplied() {
        return expect(ActionState.APPLIED_LEASED, ActionState.APPLIED_RELEASED);
    }

    public Scenario expectRolledBack() {
        return expect(ActionState.ROLLED_BACK);
    }
}
