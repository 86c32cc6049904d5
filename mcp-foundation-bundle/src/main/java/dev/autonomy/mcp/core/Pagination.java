package dev.autonomy.mcp.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cursor pagination over a list sorted by a unique key. The cursor names the last key of the previous page, so a
 * page stays correct when items are added or removed between requests.
 */
public final class Pagination {

    private Pagination() {
    }

    public record Page<T>(List<T> items, Optional<String> nextCursor) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * @param sorted   items sorted ascending by {@code key}
     * @param cursor   the cursor from the previous page, or null for the first page
     * @throws IllegalArgumentException for a cursor this server did not issue
     */
    public static <T> Page<T> page(List<T> sorted, String cursor, int pageSize, Function<T, String> key) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1, was " + pageSize);
        }
        int from = 0;
        if (cursor != null) {
            String after = decode(cursor);
            from = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                if (key.apply(sorted.get(i)).compareTo(after) > 0) {
                    from = i;
                    break;
                }
            }
        }
        int to = Math.min(sorted.size(), from + pageSize);
        List<T> items = sorted.subList(from, to);
        Optional<String> next = to < sorted.size() ? Optional.of(encode(key.apply(sorted.get(to - 1))))
                : Optional.empty();
        return new Page<>(items, next);
    }

    static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("after:" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("after:")) {
                return s.substring("after:".length());
            }
        } catch (IllegalArgumentException e) {
            // fall through: not base64
        }
        throw new IllegalArgumentException("invalid cursor");
    }
}
