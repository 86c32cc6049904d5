package dev.autonomy.testkit.traffic;

import dev.autonomy.foundation.api.plugin.Enhancement;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestToolCallTest {

    private final TestToolCall call = TestToolCall.of("text_upper", Map.of("text", "hi"), Instant.ofEpochMilli(5));

    @Test
    void aCallCarriesItsArgumentsInAContextWithOnlyItsRequest() {
        assertThat(call.arguments()).isEqualTo(Map.of("text", "hi"));
        assertThat(call.context().request().toolName()).isEqualTo("text_upper");
        assertThat(call.context().request().sessionId()).isEqualTo("test");
        assertThat(call.context().request().requestId()).isEqualTo("test-5");
        assertThat(call.context().recentRequests()).isEmpty();
        assertThat(call.context().enhancements()).isEmpty();
        assertThat(call.stringArgument("text", "")).isEqualTo("hi");
    }

    @Test
    void withEnhancementsTheSameRequestCarriesThem() {
        Enhancement e = Enhancement.metadata("learning", Map.of("hint", "x"));
        TestToolCall enhanced = call.with(e);
        assertThat(enhanced.context().enhancements()).containsExactly(e);
        assertThat(enhanced.context().request()).isEqualTo(call.context().request());
        assertThat(call.context().enhancements()).as("the original is unchanged").isEmpty();
    }

    @Test
    void itKeepsTheProgressMessagesAndIsCancelledOnlyWhenCancelled() {
        call.progress(1, 2, "half");
        call.progress(2, 2, "done");
        assertThat(call.progressMessages()).containsExactly("half", "done");
        assertThat(call.isCancelled()).isFalse();
        call.cancel();
        assertThat(call.isCancelled()).isTrue();
    }
}
