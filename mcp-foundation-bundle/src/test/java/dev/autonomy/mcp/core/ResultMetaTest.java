package dev.autonomy.mcp.core;

import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultMetaTest {

    @Test
    void aResultIsTaggedWithItsRequestId() {
        ToolResult r = ResultMeta.tag(ToolResult.text("x"), "r1", List.of());

        assertThat(r.meta()).isEqualTo(Map.of(ResultMeta.REQUEST_ID, "r1"));
        assertThat(r.text()).isEqualTo("x");
    }

    @Test
    void pluginMetadataIsKeptBySourceAndEmptyMetadataLeftOut() {
        ToolResult r = ResultMeta.tag(ToolResult.text("x"), "r1", List.of(
                Enhancement.metadata("geo", Map.of("city", "Oslo")), Enhancement.metadata("quiet", Map.of())));

        assertThat(r.meta()).containsEntry(ResultMeta.ENHANCEMENTS, Map.of("geo", Map.of("city", "Oslo")));
    }

    @Test
    void withOnlyEmptyMetadataThereIsNoEnhancementsEntry() {
        ToolResult r = ResultMeta.tag(ToolResult.text("x"), "r1", List.of(Enhancement.metadata("quiet", Map.of())));

        assertThat(r.meta()).doesNotContainKey(ResultMeta.ENHANCEMENTS);
    }
}
