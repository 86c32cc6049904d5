package dev.autonomy.examples.texttools;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.traffic.TestToolCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReverseToolTest {

    private final ReverseTool tool = new ReverseTool();

    @Test
    void reversesText() {
        ToolResult result = tool.call(TestToolCall.of(tool.name(), Map.of("text", "abc def"), Instant.EPOCH));

        assertThat(result.isError()).isFalse();
        assertThat(result.text()).isEqualTo("fed cba");
        assertThat(result.structuredContent()).isEmpty();
    }

    @Test
    void keepsSurrogatePairsTogether() {
        // "😀" is U+1F600, the surrogate pair \uD83D\uDE00; reversed char by char it would become \uDE00\uD83D.
        assertThat(ReverseTool.reverse("a😀b")).isEqualTo("b😀a");
        assertThat(ReverseTool.reverse("a😀b").codePoints().toArray()).containsExactly('b', 0x1F600, 'a');
    }

    @Test
    void emptyStaysEmpty() {
        assertThat(ReverseTool.reverse("")).isEmpty();
    }

    @Test
    void describesItselfAsAPureTextTool() {
        assertThat(tool.name()).isEqualTo("text_reverse").matches(Tool.NAME_PATTERN);
        assertThat(tool.annotations().cacheable()).isTrue();
        assertThat(tool.capabilities()).containsExactlyInAnyOrder("text", "transform");
    }
}
