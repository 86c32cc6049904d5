package dev.autonomy.foundation.api.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {

    @Test
    void headersAreUpperCaseAndColumnsPadded() {
        String t = Table.render(List.of("tool", "calls"), List.of(List.of("a", 5), List.of("longer", 12)), false);
        assertThat(t).isEqualTo("TOOL    CALLS\na           5\nlonger     12\n");
    }

    @Test
    void unitsStayLowerCase() {
        assertThat(Table.render(List.of("mean µs"), List.of(List.of(3)), false)).startsWith("MEAN µs\n");
    }

    @Test
    void textColumnsAreLeftAligned() {
        assertThat(Table.render(List.of("a", "b"), List.of(List.of("x", "y1")), false)).isEqualTo("A  B\nx  y1\n");
    }

    @Test
    void noFormatIsTabSeparated() {
        assertThat(Table.render(List.of("a", "b"), List.of(List.of("x", 1)), true)).isEqualTo("a\tb\nx\t1\n");
    }

    @Test
    void tabsAndNewlinesInCellsBecomeSpaces() {
        assertThat(Table.render(List.of("a"), List.of(List.of("x\ty\nz")), true)).isEqualTo("a\nx y z\n");
    }

    @Test
    void aRowOfTheWrongWidthIsRejected() {
        assertThatThrownBy(() -> Table.render(List.of("a", "b"), List.of(List.of("x")), false))
                .hasMessage("row has 1 cells, header has 2");
    }
}
