package dev.autonomy.testkit.scenario;

import dev.autonomy.api.governor.ActionState;
import dev.autonomy.testkit.Operator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/** One step of a {@link Scenario}. */
public sealed interface Step {

    /** Installs and starts a bundle. */
    record Deploy(Path bundle) implements Step {
        public Deploy {
            Objects.requireNonNull(bundle, "bundle");
        }
    }

    /** Waits until a tool is served. */
    record AwaitTool(String tool, Duration limit) implements Step {
    }

    /** Makes {@code calls} calls of {@code tool}, arguments by call index. */
    record Drive(String tool, IntFunction<Map<String, Object>> arguments, int calls) implements Step {
        public Drive {
            if (calls < 1) {
                throw new IllegalArgumentException("calls must be >= 1, was " + calls);
            }
        }
    }

    /** Calls a tool that proposes an adaptation and answers its {@code proposalId} in structured content. */
    record Propose(String tool, Map<String, Object> arguments) implements Step {
        public Propose {
            arguments = Map.copyOf(arguments);
        }
    }

    /**
     * Waits for an adaptation the capability proposes by itself: the first proposal of {@code capability} (on
     * {@code target}, if given) journaled after the scenario began.
     */
    record AwaitProposal(String capability, Optional<String> target, Duration limit) implements Step {
    }

    /** Acts as the operator on the scenario's proposal. */
    record Operate(String what, OperatorStep step) implements Step {
    }

    /** Waits until the scenario's proposal is in one of {@code states}; fails the scenario after {@code limit}. */
    record Expect(Set<ActionState> states, Duration limit) implements Step {
        public Expect {
            states = Set.copyOf(states);
            if (states.isEmpty()) {
                throw new IllegalArgumentException("expect at least one state");
            }
        }
    }

    /** What the operator does with the proposal. */
    @FunctionalInterface
    interface OperatorStep {
        void act(Operator operator, String proposalId);
    }
}
