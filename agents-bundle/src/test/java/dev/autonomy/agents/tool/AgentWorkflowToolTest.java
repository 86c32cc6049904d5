package dev.autonomy.agents.tool;

import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.traffic.TestToolCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AgentWorkflowToolTest {

    /** agent_route as the workflow sees it: upper-cases "text", fails on text.fail, names agent "u". */
    private final Fakes.Invoker route = new Fakes.Invoker((tool, args) -> {
        assertThat(tool).isEqualTo("agent_route");
        if ("text.fail".equals(args.get("capability"))) {
            return ToolResult.error("no good");
        }
        Map<?, ?> input = (Map<?, ?>) args.get("input");
        return ToolResult.structured(Map.of("upper", String.valueOf(input.get("text")).toUpperCase()), "upper")
                .withMeta(AgentRouteTool.META_ROUTING, Map.of("chosen", "u"));
    });

    private static TestToolCall workflow(List<Map<String, Object>> steps) {
        return TestToolCall.of("agent_workflow", Map.of("steps", steps), Instant.EPOCH);
    }

    @Test
    void eachStepGetsFieldsMappedFromThePreviousOutput() {
        AgentWorkflowTool tool = new AgentWorkflowTool(route, () -> 20);
        TestToolCall call = workflow(List.of(
                Map.of("capability", "text.upper", "input", Map.of("text", "hi")),
                Map.of("capability", "text.upper", "map", Map.of("text", "/upper"))));

        ToolResult r = tool.call(call);

        assertThat(r.isError()).isFalse();
        assertThat(route.calls).extracting(Fakes.Invocation::arguments).containsExactly(
                Map.of("capability", "text.upper", "input", Map.of("text", "hi")),
                Map.of("capability", "text.upper", "input", Map.of("text", "HI")));
        assertThat(r.structuredContent().orElseThrow()).containsEntry("completed", 2).containsEntry("total", 2)
                .containsEntry("output", Map.of("upper", "HI"));
        assertThat(r.text()).isEqualTo("Workflow completed (2 steps). Output of step 2:\nupper");
        assertThat(call.progressMessages()).containsExactly("step 1 (text.upper)", "step 2 (text.upper)");
    }

    @Test
    void stopsAtTheFirstFailingStep() {
        AgentWorkflowTool tool = new AgentWorkflowTool(route, () -> 20);

        ToolResult r = tool.call(workflow(List.of(
                Map.of("capability", "text.upper", "input", Map.of("text", "a")),
                Map.of("capability", "text.fail"),
                Map.of("capability", "text.upper"))));

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("Workflow stopped: step 2 (text.fail) failed: no good");
        assertThat(route.calls).hasSize(2);
        assertThat(r.structuredContent().orElseThrow()).containsEntry("completed", 1L).containsEntry("total", 3);
        assertThat(r.structuredContent().orElseThrow().get("steps")).asList().first()
                .isEqualTo(Map.of("step", 1, "capability", "text.upper", "agent", "u", "isError", false,
                        "output", Map.of("upper", "A")));
    }

    @Test
    void theStepLimitIsReadAtEachCall() {
        AtomicInteger max = new AtomicInteger(1);
        AgentWorkflowTool tool = new AgentWorkflowTool(route, max::get);
        List<Map<String, Object>> twoSteps = List.of(Map.of("capability", "text.upper"),
                Map.of("capability", "text.upper"));

        ToolResult refused = tool.call(workflow(twoSteps));
        max.set(2);
        ToolResult ran = tool.call(workflow(twoSteps));

        assertThat(refused.isError()).isTrue();
        assertThat(refused.text()).isEqualTo("Invalid workflow: a workflow has 1..1 steps, this one has 2");
        assertThat(ran.isError()).isFalse();
    }

    @Test
    void aCancelledWorkflowStartsNoFurtherStep() {
        AgentWorkflowTool tool = new AgentWorkflowTool(route, () -> 20);
        TestToolCall call = workflow(List.of(Map.of("capability", "text.upper")));
        call.cancel();

        ToolResult r = tool.call(call);

        assertThat(r.text()).isEqualTo("Workflow stopped: step 1 (text.upper) not started: the workflow was "
                + "cancelled");
        assertThat(route.calls).isEmpty();
    }
}
