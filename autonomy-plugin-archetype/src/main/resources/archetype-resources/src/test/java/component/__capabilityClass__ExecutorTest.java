package ${package}.component;

import ${package}.core.TimeoutPlan;
import ${package}.fakes.MapConfigAccess;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.config.ConfigTarget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ${capabilityClass}ExecutorTest {

    private static final ConfigTarget CONFIG = ConfigTarget.factory("dev.autonomy.tool.policy.auto", "text_reverse");

    private final MapConfigAccess configs = new MapConfigAccess();
    private final ${capabilityClass}Capability capability = new ${capabilityClass}Capability();
    private final ${capabilityClass}Executor executor = new ${capabilityClass}Executor(configs, capability);
    private final ProposedAction action = new TimeoutPlan("text_reverse", 1_900, "slow").toProposal("id-1",
            Actor.client("test"), Instant.EPOCH);

    @Test
    void applyWritesTheOverrideAndRollbackRemovesWhatItCreated() throws Exception {
        ExecutionResult applied = executor.apply(action);

        assertThat(applied.success()).isTrue();
        assertThat(configs.read(CONFIG)).contains(Map.of("tool", "text_reverse", "timeoutMs", 1_900L));

        ExecutionResult undone = executor.rollback(action, applied);

        assertThat(undone.success()).isTrue();
        assertThat(configs.read(CONFIG)).isEmpty();
        assertThat(capability.status()).containsEntry("applied", 1L).containsEntry("rolledBack", 1L);
    }

    @Test
    void rollbackRestoresAnOverrideThatWasThereBefore() throws Exception {
        configs.write(CONFIG, Map.of("tool", "text_reverse", "retries", 2));

        ExecutionResult applied = executor.apply(action);
        assertThat(configs.read(CONFIG)).contains(Map.of("tool", "text_reverse", "retries", 2,
                "timeoutMs", 1_900L));

        executor.rollback(action, applied);
        assertThat(configs.read(CONFIG)).contains(Map.of("tool", "text_reverse", "retries", 2));
    }

    @Test
    void anActionOfAnotherKindOrABadPayloadIsRefusedWithACode() throws Exception {
        ProposedAction otherKind = new ProposedAction("id-2", action.capability(), "cache.warm", action.target(),
                action.payload(), true, "", action.requestedBy(), Instant.EPOCH);
        ProposedAction otherTarget = new ProposedAction("id-3", action.capability(), action.kind(), "tool:other",
                action.payload(), true, "", action.requestedBy(), Instant.EPOCH);
        ProposedAction noTimeout = new ProposedAction("id-4", action.capability(), action.kind(), action.target(),
                Map.of("tool", "text_reverse"), true, "", action.requestedBy(), Instant.EPOCH);

        assertThat(executor.apply(otherKind).failure()).isEqualTo(FailureCode.INVALID_PAYLOAD);
        assertThat(executor.apply(otherTarget).failure()).isEqualTo(FailureCode.INVALID_PAYLOAD);
        assertThat(executor.apply(noTimeout).failure()).isEqualTo(FailureCode.INVALID_PAYLOAD);
        assertThat(configs.read(CONFIG)).isEmpty();
    }
}
