package dev.autonomy.foundation.api.tool;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolResultTest {

    @Test
    void textFactoryMakesASuccessfulSingleTextBlock() {
        ToolResult r = ToolResult.text("hello");

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).containsExactly(new Content.Text("hello"));
        assertThat(r.structuredContent()).isEmpty();
        assertThat(r.meta()).isEmpty();
    }

    @Test
    void errorFactoryMakesAFailedResultWithTheMessage() {
        ToolResult r = ToolResult.error("bad input");

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("bad input");
    }

    @Test
    void structuredFactoryCarriesTheObjectAndItsText() {
        ToolResult r = ToolResult.structured(Map.of("words", 3), "3 words");

        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent()).contains(Map.of("words", 3));
        assertThat(r.text()).isEqualTo("3 words");
    }

    @Test
    void withMetaReturnsACopyWithOneMoreEntry() {
        ToolResult original = ToolResult.text("x").withMeta("a/one", 1);

        ToolResult more = original.withMeta("a/two", "2");

        assertThat(original.meta()).containsOnlyKeys("a/one");
        assertThat(more.meta()).containsExactly(Map.entry("a/one", 1), Map.entry("a/two", "2"));
        assertThat(more.content()).isEqualTo(original.content());
    }

    @Test
    void withMetaReplacesAnEntryOfTheSameKey() {
        ToolResult r = ToolResult.text("x").withMeta("k", 1).withMeta("k", 2);

        assertThat(r.meta()).containsExactly(Map.entry("k", 2));
    }

    @Test
    void withMetaRejectsANonJsonValue() {
        assertThatThrownBy(() -> ToolResult.text("x").withMeta("k", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.k");
    }

    @Test
    void textJoinsTextBlocksWithNewlinesAndSkipsImages() {
        ToolResult r = new ToolResult(List.of(Content.text("a"), new Content.Image("AAAA", "image/png"),
                Content.text("b")), Optional.empty(), false, Map.of());

        assertThat(r.text()).isEqualTo("a\nb");
    }

    @Test
    void contentMetaAndStructuredContentAreCopiedAndUnmodifiable() {
        List<Content> content = new ArrayList<>(List.of(Content.text("a")));
        Map<String, Object> structured = new HashMap<>(Map.of("k", 1));
        Map<String, Object> meta = new HashMap<>(Map.of("m", 1));

        ToolResult r = new ToolResult(content, Optional.of(structured), false, meta);
        content.add(Content.text("b"));
        structured.put("k2", 2);
        meta.put("m2", 2);

        assertThat(r.text()).isEqualTo("a");
        assertThat(r.structuredContent()).contains(Map.of("k", 1));
        assertThat(r.meta()).isEqualTo(Map.of("m", 1));
        assertThatThrownBy(() -> r.content().add(Content.text("c")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.meta().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.structuredContent().get().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullMetaBecomesEmpty() {
        assertThat(new ToolResult(List.of(), Optional.empty(), false, null).meta()).isEmpty();
    }
}
