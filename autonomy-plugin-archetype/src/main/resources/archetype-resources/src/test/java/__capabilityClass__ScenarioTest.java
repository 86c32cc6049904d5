package ${package};

import ${package}.component.${capabilityClass}Capability;
import ${package}.component.${capabilityClass}Component;
import ${package}.component.${capabilityClass}Executor;
import ${package}.core.Names;
import ${package}.core.Settings;
import ${package}.fakes.MapConfigAccess;
import ${package}.tool.${capabilityClass}ProposeTool;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.config.ConfigTarget;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.TestGovernor;
import dev.autonomy.testkit.traffic.Failures;
import dev.autonomy.testkit.traffic.Latency;
import dev.autonomy.testkit.traffic.TrafficProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ${capability} as the operator meets it, on the real governor's rules (autonomy-testkit's {@link TestGovernor}:
 * modes, leases, budgets, journal, over an in-memory store): seeded traffic of one slow tool and one fast one → the
 * pipeline plans a time limit for the slow one only → the propose tool submits it → it waits for the operator (mode
 * {@code suggest}) → approved, the executor writes it through ReversibleConfig → rolled back, the configuration is
 * what it was before.
 */
class ${capabilityClass}ScenarioTest {

    private static final String SLOW = "report_build";
    private static final String FAST = "text_word_count";
    private static final int CALLS = 40;
    private static final ConfigTarget SLOW_CONFIG = ConfigTarget.factory("dev.autonomy.tool.policy.auto", SLOW);
    /** An override autonomy made earlier: a rollback must bring it back as it was. */
    private static final Map<String, Object> EARLIER = Map.of("tool", SLOW, "timeoutMs", 30_000L);

    /** The same calls every run: 200..300 ms for the slow tool; 1..5 ms for the fast one, every 10th failing. */
    private static final TrafficProfile SLOW_TRAFFIC = new TrafficProfile(7, Latency.uniform(Duration.ofMillis(200),
            Duration.ofMillis(300)), Failures.none());
    private static final TrafficProfile FAST_TRAFFIC = new TrafficProfile(7, Latency.uniform(Duration.ofMillis(1),
            Duration.ofMillis(5)), Failures.everyNth(10));

    private final MapConfigAccess configs = new MapConfigAccess();
    private final ${capabilityClass}Capability capability = new ${capabilityClass}Capability();
    /** Slow from a p95 of 100 ms after 20 calls; limits from 100 ms, so the plan is not raised to the default 1 s. */
    private final ${capabilityClass}Component component = new ${capabilityClass}Component(
            Settings.DEFAULTS.withSlowMs(100).withMinCalls(20).withTimeoutBounds(100, 120_000), 1_000);
    /** Every mode {@code suggest}, as an operator's fresh installation has it. */
    private final TestGovernor governor = new TestGovernor()
            .executor(Names.CAPABILITY, new ${capabilityClass}Executor(configs, capability))
            .capability(capability);
    private final ${capabilityClass}ProposeTool tool = new ${capabilityClass}ProposeTool(component, capability,
            governor);

    @BeforeEach
    void seededTrafficOfASlowToolAndAFastOne() {
        configs.write(SLOW_CONFIG, EARLIER);
        List<TrafficProfile.Sample> slow = SLOW_TRAFFIC.samples(CALLS);
        List<TrafficProfile.Sample> fast = FAST_TRAFFIC.samples(CALLS);
        for (int i = 0; i < CALLS; i++) {
            component.handleEvent(event(SLOW, slow.get(i)));
            component.handleEvent(event(FAST, fast.get(i)));
        }
    }

    /** What the foundation publishes when a call ends. */
    private SessionEvent event(String name, TrafficProfile.Sample sample) {
        return SessionEvent.of(sample.failed() ? SessionEventTypes.REQUEST_FAILED : SessionEventTypes.REQUEST_COMPLETED,
                "s", governor.clock().instant(), Map.of(SessionEventTypes.TOOL, name,
                        SessionEventTypes.DURATION_MICROS, sample.latencyMicros(), SessionEventTypes.OUTCOME,
                        sample.failed() ? SessionEventTypes.OUTCOME_TOOL_ERROR : SessionEventTypes.OUTCOME_SUCCESS));
    }

    /** Proposes every plan as an MCP client would; answers the one proposal's id. */
    @SuppressWarnings("unchecked")
    private String proposeTheOnePlan() {
        ToolResult result = tool.propose(Optional.empty(), Actor.client("test"), governor.clock().instant());
        List<Map<String, Object>> proposals = (List<Map<String, Object>>) result.structuredContent().orElseThrow()
                .get("proposals");
        // p95 of 40 calls of 200..300 ms is over 267 ms (rank 38: all but two calls would have to be faster):
        // x 1.5 is 400..450 ms, rounded up to whole 100 ms
        assertThat(proposals).singleElement().satisfies(p -> assertThat(p).containsEntry("tool", SLOW)
                .containsEntry("timeoutMs", 500L).containsEntry("outcome", "queued"));
        return (String) proposals.get(0).get("proposalId");
    }

    @Test
    void theSlowToolsTimeLimitIsAppliedOnlyWhenTheOperatorApprovesAndIsRolledBackExactly() {
        String id = proposeTheOnePlan();

        assertThat(governor.state(id)).contains(ActionState.QUEUED);
        assertThat(configs.read(SLOW_CONFIG)).contains(EARLIER);

        assertThat(governor.operator().approve(id)).contains(ActionState.APPLIED_LEASED);
        assertThat(configs.read(SLOW_CONFIG)).contains(Map.of("tool", SLOW, "timeoutMs", 500L));
        assertThat(governor.entries(AuditEntry.Type.APPLIED)).singleElement()
                .satisfies(e -> assertThat(e.proposalId()).isEqualTo(id));

        assertThat(governor.operator().rollback(id, "back to the earlier limit")).contains(ActionState.ROLLED_BACK);
        assertThat(configs.read(SLOW_CONFIG)).contains(EARLIER);
        assertThat(governor.entries(AuditEntry.Type.ROLLED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.proposalId()).isEqualTo(id));
        assertThat(capability.status()).containsEntry("applied", 1L).containsEntry("rolledBack", 1L);
    }

    @Test
    void aRejectedPlanChangesNothing() {
        String id = proposeTheOnePlan();

        assertThat(governor.operator().reject(id, "not now")).contains(ActionState.REJECTED);

        assertThat(configs.read(SLOW_CONFIG)).contains(EARLIER);
        assertThat(governor.entries(AuditEntry.Type.APPLIED)).isEmpty();
        assertThat(governor.pending()).isEmpty();
    }

    @Test
    void theLeaseRunsOutAndTheChangeStaysUntilTheOperatorRollsItBack() {
        String id = proposeTheOnePlan();
        governor.operator().approve(id);

        governor.advance(Duration.ofSeconds(governor.settings().leaseSeconds() + 1));

        assertThat(governor.state(id)).contains(ActionState.APPLIED_RELEASED);
        assertThat(configs.read(SLOW_CONFIG)).contains(Map.of("tool", SLOW, "timeoutMs", 500L));
        assertThat(governor.operator().rollback(id, "done with it")).contains(ActionState.ROLLED_BACK);
        assertThat(configs.read(SLOW_CONFIG)).contains(EARLIER);
    }
}
