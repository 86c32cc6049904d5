package dev.autonomy.examples.pipeline;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.session.McpRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineExampleTest {

    private static McpRequest request(String tool, Map<String, Object> args) {
        return new McpRequest("s1", "r1", Optional.empty(), McpRequest.TOOLS_CALL, tool, args, null, Instant.EPOCH, 0);
    }

    @Test
    void summaryCountsRecentCallsPerTool() {
        var summary = SessionSummaryAdapter.summarize(List.of(request("a", Map.of()), request("b", Map.of()),
                request("a", Map.of())));
        assertThat(summary).isEqualTo(Map.of("recentRequests", 3, "toolCalls", Map.of("a", 2, "b", 1)));
    }

    @Test
    void adapterAddsItsExtension() {
        Context ctx = Context.of(request("a", Map.of()), List.of(request("x", Map.of())));
        Context adapted = new SessionSummaryAdapter().adaptContext(ctx);
        assertThat(adapted.extension(SessionSummaryAdapter.EXTENSION)).contains(
                Map.of("recentRequests", 1, "toolCalls", Map.of("x", 1)));
    }

    @Test
    void profileNamesArgumentsButNotTheirValues() {
        var profile = ArgumentProfilePlugin.profile(Map.of("text", "secret", "limit", 3));
        assertThat(profile).isEqualTo(Map.of("argumentNames", List.of("limit", "text"), "argumentCount", 2));
    }

    @Test
    void pluginReturnsAnEnhancementUnderItsName() {
        var e = new ArgumentProfilePlugin().process(request("a", Map.of("q", 1))).orElseThrow();
        assertThat(e.source()).isEqualTo("argument_profile");
        assertThat(e.routing()).isEmpty();
    }
}
