package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolAccessTest {

    @Test
    void anExactNameAllowsOnlyThatTool() {
        ToolAccess a = ToolAccess.parse("text_word_count");

        assertThat(a.allows("text_word_count")).isTrue();
        assertThat(a.allows("text_word_counter")).isFalse();
        assertThat(a.allows("text_word")).isFalse();
    }

    @Test
    void aPrefixAllowsEveryToolStartingWithIt() {
        ToolAccess a = ToolAccess.parse("text_*");

        assertThat(a.allows("text_word_count")).isTrue();
        assertThat(a.allows("text_")).isTrue();
        assertThat(a.allows("textual")).isFalse();
        assertThat(a.allows("agent_route")).isFalse();
    }

    @Test
    void aLoneStarAllowsEverything() {
        assertThat(ToolAccess.parse("*").allows("anything_at_all")).isTrue();
    }

    @Test
    void anEmptyHeaderDeniesEverything() {
        assertThat(ToolAccess.parse("").allows("text_word_count")).isFalse();
        assertThat(ToolAccess.parse("  ").allows("text_word_count")).isFalse();
    }

    @Test
    void anAbsentHeaderDeniesEverything() {
        assertThat(ToolAccess.parse(null)).isEqualTo(ToolAccess.NONE);
        assertThat(ToolAccess.NONE.allows("text_word_count")).isFalse();
    }

    @Test
    void entriesAreTrimmedAndEmptyOnesSkipped() {
        ToolAccess a = ToolAccess.parse(" text_* , agent_route ,, ");

        assertThat(a.patterns()).containsExactly("text_*", "agent_route");
        assertThat(a.allows("agent_route")).isTrue();
    }
}
