package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ContextPipelineTest {

    private static final McpRequest REQUEST = new McpRequest("s1", "r1", Optional.empty(), McpRequest.TOOLS_CALL,
            "echo", Map.of("a", 1), McpRequest.ClientInfo.UNKNOWN, Instant.EPOCH, 0);

    private final ContextPipeline pipeline = new ContextPipeline();

    @Test
    void aThrowingAdapterIsSkippedAndCounted() {
        pipeline.addAdapter(1, base -> {
            throw new IllegalStateException("adapter bug");
        }, "broken", 10);
        pipeline.addAdapter(2, base -> base.withExtension("ok", true), "fine", 0);

        Context c = pipeline.build(REQUEST, List.of());

        assertThat(c.extensions()).isEqualTo(Map.of("ok", true));
        assertThat(pipeline.adapterFailures()).isEqualTo(1);
    }

    @Test
    void anAdapterReturningAContextOfAnotherRequestIsSkippedAndCounted() {
        pipeline.addAdapter(1, base -> Context.of(new McpRequest("other", "r", Optional.empty(), "tools/call", "x",
                Map.of(), null, base.request().receivedAt(), 0), List.of()).withExtension("forged", true), "forger", 0);

        Context c = pipeline.build(REQUEST, List.of());

        assertThat(c.extensions()).isEmpty();
        assertThat(pipeline.adapterFailures()).isEqualTo(1);
    }

    @Test
    void adaptersRunHighestRankingFirstAndSeeEachOthersExtensions() {
        pipeline.addAdapter(1, base -> {
            List<Object> order = new ArrayList<>((List<?>) base.extension("order").orElse(List.of()));
            order.add("low");
            return base.withExtension("order", order);
        }, "low", 1);
        pipeline.addAdapter(2, base -> base.withExtension("order", List.of("high")), "high", 10);

        assertThat(pipeline.build(REQUEST, List.of()).extension("order")).contains(List.of("high", "low"));
        assertThat(pipeline.adapterNames()).containsExactly("high", "low");
    }

    @Test
    void aThrowingPluginIsSkippedAndCounted() {
        pipeline.addPlugin(1, req -> {
            throw new IllegalStateException("plugin bug");
        }, "broken", 10);
        pipeline.addPlugin(2, req -> Optional.of(Enhancement.metadata("fine", Map.of("k", 1))), "fine", 0);

        Context c = pipeline.build(REQUEST, List.of());

        assertThat(c.enhancements()).extracting(Enhancement::source).containsExactly("fine");
        assertThat(pipeline.pluginFailures()).isEqualTo(1);
    }

    @Test
    void pluginsSeeTheRequest() {
        List<McpRequest> seen = new ArrayList<>();
        pipeline.addPlugin(1, req -> {
            seen.add(req);
            return Optional.empty();
        }, "spy", 0);

        pipeline.build(REQUEST, List.of());

        assertThat(seen).containsExactly(REQUEST);
    }

    @Test
    void aRemovedPluginNoLongerRuns() {
        pipeline.addPlugin(1, req -> Optional.of(Enhancement.metadata("gone", Map.of("k", 1))), "gone", 0);

        pipeline.removePlugin(1);

        assertThat(pipeline.build(REQUEST, List.of()).enhancements()).isEmpty();
        assertThat(pipeline.pluginNames()).isEmpty();
    }
}
