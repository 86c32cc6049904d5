package dev.autonomy.foundation.api.context;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextTest {

    private static McpRequest request(String id) {
        return new McpRequest("s1", id, Optional.empty(), McpRequest.TOOLS_CALL, "t", Map.of(), null,
                Instant.EPOCH, 0);
    }

    @Test
    void ofStartsWithoutExtensionsOrEnhancements() {
        Context c = Context.of(request("r1"), List.of(request("r0")));

        assertThat(c.extensions()).isEmpty();
        assertThat(c.enhancements()).isEmpty();
        assertThat(c.recentRequests()).extracting(McpRequest::requestId).containsExactly("r0");
    }

    @Test
    void withExtensionReturnsACopyAndLeavesTheOriginalUnchanged() {
        Context base = Context.of(request("r1"), List.of());

        Context extended = base.withExtension("geo", "here");

        assertThat(base.extension("geo")).isEmpty();
        assertThat(extended.extension("geo")).contains("here");
    }

    @Test
    void withExtensionReplacesAnEarlierValueOfTheSameName() {
        Context c = Context.of(request("r1"), List.of()).withExtension("a", 1).withExtension("b", 2)
                .withExtension("a", 3);

        assertThat(c.extensions()).containsExactly(Map.entry("a", 3), Map.entry("b", 2));
    }

    @Test
    void extensionValuesAreImmutableCopies() {
        List<Object> value = new ArrayList<>(List.of("x"));

        Context c = Context.of(request("r1"), List.of()).withExtension("list", value);
        value.add("y");

        @SuppressWarnings("unchecked")
        List<Object> stored = (List<Object>) c.extension("list").orElseThrow();
        assertThat(stored).containsExactly("x");
        assertThatThrownBy(() -> stored.add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anExtensionMustBeAJsonValue() {
        Context c = Context.of(request("r1"), List.of());

        assertThatThrownBy(() -> c.withExtension("bad", new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withEnhancementReturnsACopyWithTheEnhancementAppended() {
        Context base = Context.of(request("r1"), List.of()).withEnhancement(Enhancement.metadata("p1", Map.of()));

        Context more = base.withEnhancement(Enhancement.metadata("p2", Map.of("k", 1)));

        assertThat(base.enhancements()).extracting(Enhancement::source).containsExactly("p1");
        assertThat(more.enhancements()).extracting(Enhancement::source).containsExactly("p1", "p2");
    }

    @Test
    void collectionsAreUnmodifiable() {
        Context c = Context.of(request("r1"), new ArrayList<>(List.of(request("r0"))));

        assertThatThrownBy(() -> c.recentRequests().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.extensions().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.enhancements().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRequestIsRequired() {
        assertThatThrownBy(() -> Context.of(null, List.of())).isInstanceOf(NullPointerException.class);
    }
}
