package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestToolTest {

    @Test
    void ofTakesAnyObjectWithDefaultAnnotations() {
        TestTool tool = TestTool.of("probe", call -> ToolResult.text("x"));

        assertThat(tool.name()).isEqualTo("probe");
        assertThat(tool.description()).isEqualTo("test tool probe");
        assertThat(tool.inputSchema()).isEqualTo(Map.of("type", "object"));
        assertThat(tool.annotations()).isEqualTo(ToolAnnotations.DEFAULTS);
    }

    @Test
    void aCallRunsTheBehaviourOnTheCall() throws Exception {
        TestTool tool = new TestTool("upper", TestTool.TEXT_SCHEMA, ToolAnnotations.PURE,
                call -> ToolResult.text(call.stringArgument("text", "").toUpperCase()));

        ToolResult r = tool.call(TestToolCall.of("upper", Map.of("text", "hi"), Instant.EPOCH));

        assertThat(r.text()).isEqualTo("HI");
        assertThat(tool.inputSchema()).containsEntry("required", List.of("text"));
        assertThat(tool.annotations()).isEqualTo(ToolAnnotations.PURE);
    }

    @Test
    void whatTheBehaviourThrowsReachesTheCaller() {
        TestTool tool = TestTool.of("boom", call -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> tool.call(TestToolCall.of("boom", Map.of(), Instant.EPOCH)))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }
}
