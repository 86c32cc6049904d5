package dev.autonomy.foundation.api.tool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolAnnotationsTest {

    @Test
    void pureToolsAreCacheable() {
        assertThat(ToolAnnotations.PURE.cacheable()).isTrue();
    }

    @Test
    void mcpDefaultsAreNotCacheable() {
        assertThat(ToolAnnotations.DEFAULTS.cacheable()).isFalse();
    }

    @Test
    void idempotentButSessionDependentIsNotCacheable() {
        assertThat(new ToolAnnotations(null, true, false, true, false, false).cacheable()).isFalse();
    }

    @Test
    void withTitleChangesOnlyTheTitle() {
        assertThat(ToolAnnotations.PURE.withTitle("T"))
                .isEqualTo(new ToolAnnotations("T", true, false, true, false, true));
    }
}
