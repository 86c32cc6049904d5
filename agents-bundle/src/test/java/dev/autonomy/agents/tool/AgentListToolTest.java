package dev.autonomy.agents.tool;

import dev.autonomy.agents.core.AgentSelection;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.traffic.TestToolCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AgentListToolTest {

    private static TestToolCall call() {
        return TestToolCall.of("agent_list", Map.of(), Instant.EPOCH);
    }

    @Test
    void listsTheActiveAgentsAndTheRefusedOnes() {
        AgentSelection.Refusal refusal = new AgentSelection.Refusal(42, "bad", "1.0.0", "no capabilities");
        AgentListTool tool = new AgentListTool(new Fakes.Registry(Fakes.agent("a", "text.upper")),
                () -> List.of(refusal), () -> true);

        ToolResult r = tool.call(call());

        Map<String, Object> listed = r.structuredContent().orElseThrow();
        assertThat(listed.get("agents")).asList().singleElement().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("id", "a").containsEntry("tool", "agent_a").containsEntry("calls", 0L);
        assertThat(listed.get("refused")).isEqualTo(List.of(Map.of("id", "bad", "version", "1.0.0", "reason",
                "no capabilities")));
        assertThat(r.text()).contains("refused: bad 1.0.0: no capabilities");
    }

    @Test
    void readsRefusalsAndExposureAtEachCall() {
        List<AgentSelection.Refusal> refused = new ArrayList<>();
        AtomicBoolean expose = new AtomicBoolean(true);
        AgentListTool tool = new AgentListTool(new Fakes.Registry(), () -> List.copyOf(refused), expose::get);

        assertThat(tool.call(call()).structuredContent().orElseThrow())
                .containsEntry("exposeAsTools", true).containsEntry("refused", List.of());
        refused.add(new AgentSelection.Refusal(1, "x", "2.0.0", "why"));
        expose.set(false);
        assertThat(tool.call(call()).structuredContent().orElseThrow())
                .containsEntry("exposeAsTools", false)
                .extractingByKey("refused").asList().hasSize(1);
    }
}
