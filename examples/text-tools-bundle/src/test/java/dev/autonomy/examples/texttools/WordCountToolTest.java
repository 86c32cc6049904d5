package dev.autonomy.examples.texttools;

import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.traffic.TestToolCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WordCountToolTest {

    private final WordCountTool tool = new WordCountTool();

    @Test
    void countsWordsCharactersAndLines() {
        ToolResult result = tool.call(TestToolCall.of(tool.name(), Map.of("text", "a b\nc"), Instant.EPOCH));

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).contains(Map.of("words", 3, "characters", 5, "lines", 2));
        assertThat(result.text()).isEqualTo("3 words, 5 characters, 2 lines");
    }

    @Test
    void emptyTextHasNothing() {
        assertThat(WordCountTool.count("")).isEqualTo(new WordCountTool.Counts(0, 0, 0));
    }

    @Test
    void whitespaceOnlyHasNoWords() {
        assertThat(WordCountTool.count("  \t ")).isEqualTo(new WordCountTool.Counts(0, 4, 1));
    }

    @Test
    void runsOfWhitespaceSeparateOneWordEach() {
        assertThat(WordCountTool.count("  one   two\t\tthree  ").words()).isEqualTo(3);
    }

    @Test
    void finalLineBreakAddsNoLine() {
        assertThat(WordCountTool.count("a\nb\n").lines()).isEqualTo(2);
        assertThat(WordCountTool.count("a\r\nb").lines()).isEqualTo(2);
    }

    @Test
    void charactersAreCodePoints() {
        // "😀" is one code point but two Java chars (a surrogate pair).
        assertThat(WordCountTool.count("a😀").characters()).isEqualTo(2);
    }

    @Test
    void describesItselfAsAPureTextTool() {
        assertThat(tool.name()).isEqualTo("text_word_count").matches(Tool.NAME_PATTERN);
        assertThat(tool.annotations().cacheable()).isTrue();
        assertThat(tool.annotations()).isEqualTo(ToolAnnotations.PURE.withTitle("Word count"));
        assertThat(tool.capabilities()).containsExactlyInAnyOrder("text", "count");
        assertThat(tool.inputSchema()).containsEntry("required", java.util.List.of("text"));
        assertThat(tool.outputSchema()).isPresent();
    }

    @Test
    void oneOfAThingIsSingular() throws Exception {
        assertThat(WordCountTool.plural(1, "line")).isEqualTo("1 line");
        assertThat(WordCountTool.plural(0, "line")).isEqualTo("0 lines");
        assertThat(WordCountTool.plural(2, "word")).isEqualTo("2 words");
    }
}
