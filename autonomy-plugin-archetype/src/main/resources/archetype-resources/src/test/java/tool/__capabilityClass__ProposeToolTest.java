package ${package}.tool;

import ${package}.component.${capabilityClass}Capability;
import ${package}.component.${capabilityClass}Component;
import ${package}.component.${capabilityClass}Executor;
import ${package}.core.Names;
import ${package}.core.Settings;
import ${package}.fakes.MapConfigAccess;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.config.ConfigTarget;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.TestGovernor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path inside the bundle: request events → pipeline → proposal → governor → executor → configuration,
 * on the real governor's rules (autonomy-testkit's {@link TestGovernor}).
 */
class ${capabilityClass}ProposeToolTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final ConfigTarget CONFIG = ConfigTarget.factory("dev.autonomy.tool.policy.auto",
            "text_word_count");

    /** Slow from 10 ms p95 after 3 calls; no lower bound on the time limit, so 20 ms x 1.5 = 30 ms gives 100 ms. */
    private final ${capabilityClass}Component component = new ${capabilityClass}Component(
            Settings.DEFAULTS.withSlowMs(10).withMinCalls(3).withTimeoutBounds(1, 120_000), 100);
    private final ${capabilityClass}Capability capability = new ${capabilityClass}Capability();
    private final MapConfigAccess configs = new MapConfigAccess();
    /** The real governor's rules in memory; every mode {@code suggest} until a test sets another. */
    private final TestGovernor governor = new TestGovernor()
            .executor(Names.CAPABILITY, new ${capabilityClass}Executor(configs, capability))
            .capability(capability);
    private final ${capabilityClass}ProposeTool tool = new ${capabilityClass}ProposeTool(component, capability,
            governor);

    @BeforeEach
    void threeSlowCallsAndThreeFastOnes() {
        for (int i = 0; i < 3; i++) {
            component.handleEvent(completed("text_word_count", 20_000));
            component.handleEvent(completed("server_status", 100));
        }
    }

    private static SessionEvent completed(String tool, long micros) {
        return SessionEvent.of(SessionEventTypes.REQUEST_COMPLETED, "s", NOW, Map.of(SessionEventTypes.TOOL, tool,
                SessionEventTypes.DURATION_MICROS, micros, SessionEventTypes.OUTCOME, "success"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> proposals(ToolResult result) {
        return (List<Map<String, Object>>) result.structuredContent().orElseThrow().get("proposals");
    }

    @Test
    void inModeSuggestThePlanWaitsForTheOperatorAndNothingChanges() throws Exception {
        ToolResult result = tool.propose(Optional.empty(), Actor.client("test"), NOW);

        assertThat(proposals(result)).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("tool", "text_word_count").containsEntry("timeoutMs", 100L)
                    .containsEntry("outcome", "queued").containsEntry("failure", "NONE");
            assertThat(governor.state((String) p.get("proposalId"))).contains(ActionState.QUEUED);
        });
        assertThat(governor.pending()).singleElement().satisfies(a -> assertThat(a.target())
                .isEqualTo("tool:text_word_count"));
        assertThat(configs.read(CONFIG)).isEmpty();

        assertThat(governor.operator().approve(governor.pending().get(0).id())).contains(ActionState.APPLIED_LEASED);

        assertThat(configs.read(CONFIG)).contains(Map.of("tool", "text_word_count", "timeoutMs", 100L));
        assertThat(capability.status()).containsEntry("queued", 1L).containsEntry("applied", 1L);
    }

    @Test
    void inModeAutoThePlanIsAppliedAtOnce() throws Exception {
        governor.withMode(Names.CAPABILITY, Mode.AUTO);

        ToolResult result = tool.propose(Optional.of("text_word_count"), Actor.client("test"), NOW);

        assertThat(proposals(result)).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("outcome", "applied"));
        assertThat(configs.read(CONFIG)).contains(Map.of("tool", "text_word_count", "timeoutMs", 100L));
    }

    @Test
    void haltedOrWithoutAGovernorNothingIsProposed() {
        ${capabilityClass}ProposeTool noGovernor = new ${capabilityClass}ProposeTool(component, capability, null);
        assertThat(noGovernor.propose(Optional.empty(), Actor.client("test"), NOW).structuredContent()
                .orElseThrow()).containsEntry("failure", "NO_GOVERNOR");

        capability.halt();
        assertThat(tool.propose(Optional.empty(), Actor.client("test"), NOW).structuredContent().orElseThrow())
                .containsEntry("failure", "HALTED");
        assertThat(governor.pending()).isEmpty();
    }

    @Test
    void onlyTheNamedToolIsProposed() {
        assertThat(proposals(tool.propose(Optional.of("server_status"), Actor.client("test"), NOW))).isEmpty();
    }

    @Test
    void aCallOfAToolWithAPlanCarriesItInMeta() {
        component.plans();
        McpRequest call = new McpRequest("s", "r1", Optional.empty(), McpRequest.TOOLS_CALL, "text_word_count",
                Map.of(), null, NOW, 0);
        McpRequest other = new McpRequest("s", "r2", Optional.empty(), McpRequest.TOOLS_CALL, "server_status",
                Map.of(), null, NOW, 0);

        assertThat(component.process(call)).map(Enhancement::metadata)
                .contains(Map.of("plannedTimeoutMs", 100L));
        assertThat(component.process(other)).isEmpty();
    }
}
