package dev.autonomy.testkit.scenario;

import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.Operator;
import dev.autonomy.testkit.RecordingExecutor;
import dev.autonomy.testkit.TestGovernor;
import dev.autonomy.testkit.traffic.Failures;
import dev.autonomy.testkit.traffic.Latency;
import dev.autonomy.testkit.traffic.Pacer;
import dev.autonomy.testkit.traffic.SimulatedTool;
import dev.autonomy.testkit.traffic.TestToolCall;
import dev.autonomy.testkit.traffic.TrafficProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner against a target made of the kit's own parts: the real governor in memory and a simulated tool. */
class ScenarioRunnerTest {

    private final TestGovernor governor = new TestGovernor().executor("tuner", new RecordingExecutor())
            .withMode("tuner", Mode.AUTO);
    private final SimulatedTool tool = new SimulatedTool("sim", ToolAnnotations.DEFAULTS,
            new TrafficProfile(1, Latency.fixed(Duration.ofMillis(1)), Failures.everyNth(5)), Pacer.NONE);
    private final List<Path> deployed = new ArrayList<>();

    /** A target where {@code propose} submits a tuner action on {@code tool:sim}, and a deploy serves {@code sim}. */
    private final ScenarioTarget target = new ScenarioTarget() {
        @Override
        public void deploy(Path bundle) {
            deployed.add(bundle);
        }

        @Override
        public Set<String> tools() {
            return deployed.isEmpty() ? Set.of("propose") : Set.of("propose", "sim");
        }

        @Override
        public ToolResult call(String name, Map<String, ?> arguments) {
            if (name.equals("propose")) {
                ProposedAction a = ProposedAction.of("tuner", "tool.policy", "tool:sim", arguments, true, "test",
                        governor.clock().instant());
                Decision d = governor.submit(a);
                return ToolResult.structured(Map.of("proposalId", a.id(), "outcome", d.outcome().toString()), "");
            }
            try {
                return tool.call(TestToolCall.of(name, Map.of(), Instant.EPOCH));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<JournalLine> journal(String capability, int limit) {
            List<JournalLine> lines = governor.entries().stream().map(JournalLine::of)
                    .filter(l -> capability.isEmpty() || l.capability().equals(capability)).toList();
            List<JournalLine> newest = new ArrayList<>(lines);
            java.util.Collections.reverse(newest);
            return newest.subList(0, Math.min(limit, newest.size()));
        }

        @Override
        public Optional<ActionState> state(String proposalId) {
            return governor.state(proposalId);
        }

        @Override
        public Optional<Operator> operator() {
            return Optional.of(governor.operator());
        }
    };

    @Test
    void deployDriveProposeAndTheOperatorRollsBack() {
        Scenario s = Scenario.named("rolled back by the operator")
                .deploy(Path.of("sim.jar")).awaitTool("sim")
                .drive("sim", i -> Map.of(), 20)
                .propose("propose", Map.of("timeoutMs", 100))
                .expect(ActionState.APPLIED_LEASED)
                .operator("rolls it back", (op, id) -> op.rollback(id, "scenario"))
                .expectRolledBack();
        ScenarioReport r = new ScenarioRunner(target).run(s);

        assertThat(r.traffic()).singleElement().satisfies(f -> {
            assertThat(f.calls()).isEqualTo(20);
            assertThat(f.failures()).isEqualTo(4);
        });
        assertThat(r.finalState()).contains(ActionState.ROLLED_BACK);
        assertThat(r.proposalId()).isPresent();
        assertThat(r.log()).hasSize(7).first().isEqualTo("deployed sim.jar");
        assertThat(JournalStates.stateOf(target.journal("tuner", 50).stream()
                .filter(l -> l.proposalId().equals(r.proposalId().get())).toList())).isEqualTo(r.finalState());
    }

    @Test
    void aProposalTheCapabilityMakesByItselfIsFound() {
        governor.withMode("tuner", Mode.SUGGEST);
        ProposedAction before = ProposedAction.of("tuner", "k", "tool:old", Map.of(), true, "", Instant.EPOCH);
        governor.submit(before);
        ScenarioRunner runner = new ScenarioRunner(target);
        Scenario s = Scenario.named("approved by the operator")
                .drive("propose", i -> Map.of("n", i), 2) // two proposals; the scenario follows the first
                .awaitProposal("tuner", "tool:sim")
                .expect(ActionState.QUEUED)
                .operator("approves", Operator::approve)
                .expectApplied();
        ScenarioReport r = runner.run(s);
        assertThat(r.proposalId()).isNotEqualTo(Optional.of(before.id()))
                .isEqualTo(Optional.of(governor.entries().stream().filter(e -> e.target().equals("tool:sim"))
                        .findFirst().orElseThrow().proposalId()));
        assertThat(r.finalState()).contains(ActionState.APPLIED_LEASED);
    }

    @Test
    void anUnmetExpectationFailsWithEveryStepSoFar() {
        Scenario s = Scenario.named("kept?").propose("propose", Map.of())
                .then(new Step.Expect(Set.of(ActionState.APPLIED_RELEASED), Duration.ofMillis(50)));
        assertThatThrownBy(() -> new ScenarioRunner(target).run(s)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("scenario 'kept?':")
                .hasMessageContaining("propose proposed ")
                .hasMessageContaining("FAILED: Timed out after PT0.05S waiting for: ");
    }

    @Test
    void anOperatorStepNeedsAProposalFirst() {
        Scenario s = Scenario.named("no proposal").operator("approves", Operator::approve);
        assertThatThrownBy(() -> new ScenarioRunner(target).run(s))
                .hasMessageContaining("FAILED: no proposal yet: propose or await one before this step");
    }
}
