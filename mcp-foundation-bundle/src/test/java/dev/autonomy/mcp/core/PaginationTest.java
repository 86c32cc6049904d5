package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaginationTest {

    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    private static Pagination.Page<String> page(List<String> items, String cursor) {
        return Pagination.page(items, cursor, 2, Function.identity());
    }

    @Test
    void firstPageHoldsPageSizeItemsAndACursor() {
        Pagination.Page<String> p = page(FIVE, null);

        assertThat(p.items()).containsExactly("a", "b");
        assertThat(p.nextCursor()).isPresent();
    }

    @Test
    void cursorsWalkThroughAllItemsAndTheLastPageHasNoCursor() {
        Pagination.Page<String> p1 = page(FIVE, null);
        Pagination.Page<String> p2 = page(FIVE, p1.nextCursor().orElseThrow());
        Pagination.Page<String> p3 = page(FIVE, p2.nextCursor().orElseThrow());

        assertThat(p2.items()).containsExactly("c", "d");
        assertThat(p3.items()).containsExactly("e");
        assertThat(p3.nextCursor()).isEmpty();
    }

    @Test
    void aFullLastPageHasNoCursor() {
        Pagination.Page<String> p2 = page(List.of("a", "b", "c", "d"),
                page(List.of("a", "b", "c", "d"), null).nextCursor().orElseThrow());

        assertThat(p2.items()).containsExactly("c", "d");
        assertThat(p2.nextCursor()).isEmpty();
    }

    @Test
    void aCursorContinuesAfterItsKeyWhenItemsWereRemoved() {
        String cursor = page(FIVE, null).nextCursor().orElseThrow(); // after "b"

        Pagination.Page<String> p = page(List.of("a", "d", "e"), cursor);

        assertThat(p.items()).containsExactly("d", "e");
    }

    @Test
    void aCursorContinuesAfterItsKeyWhenItemsWereAdded() {
        String cursor = page(FIVE, null).nextCursor().orElseThrow(); // after "b"

        Pagination.Page<String> p = page(List.of("a", "aa", "b", "bb", "c", "d", "e"), cursor);

        assertThat(p.items()).containsExactly("bb", "c");
    }

    @Test
    void aCursorPastEveryRemainingItemGivesAnEmptyLastPage() {
        String cursor = page(FIVE, null).nextCursor().orElseThrow(); // after "b"

        Pagination.Page<String> p = page(List.of("a", "b"), cursor);

        assertThat(p.items()).isEmpty();
        assertThat(p.nextCursor()).isEmpty();
    }

    @Test
    void anEmptyListIsOneEmptyPage() {
        Pagination.Page<String> p = page(List.of(), null);

        assertThat(p.items()).isEmpty();
        assertThat(p.nextCursor()).isEmpty();
    }

    @Test
    void aCursorThatIsNotBase64IsRejected() {
        assertThatThrownBy(() -> page(FIVE, "not a cursor!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid cursor");
    }

    @Test
    void aBase64CursorThisServerDidNotIssueIsRejected() {
        String foreign = Base64.getUrlEncoder().encodeToString("page=2".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> page(FIVE, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid cursor");
    }

    @Test
    void pageSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> Pagination.page(FIVE, null, 0, Function.identity()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be >= 1, was 0");
    }

    @Test
    void pageItemsAreACopy() {
        Pagination.Page<String> p = page(FIVE, null);

        assertThatThrownBy(() -> p.items().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
