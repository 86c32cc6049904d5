package dev.autonomy.foundation.api.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a table for the terminal: upper-case header, padded columns, numbers right-aligned; or, for scripts
 * ({@code --no-format}), tab-separated values without a header decoration.
 */
public final class Table {

    private Table() {
    }

    public static String render(List<String> headers, List<? extends List<?>> rows, boolean noFormat) {
        int n = headers.size();
        List<String[]> cells = new ArrayList<>();
        for (List<?> row : rows) {
            if (row.size() != n) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, header has " + n);
            }
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = row.get(i);
                c[i] = v == null ? "" : v.toString().replace('\n', ' ').replace('\t', ' ');
            }
            cells.add(c);
        }
        StringBuilder sb = new StringBuilder();
        if (noFormat) {
            sb.append(String.join("\t", headers)).append('\n');
            for (String[] c : cells) {
                sb.append(String.join("\t", c)).append('\n');
            }
            return sb.toString();
        }
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = headers.get(i).length();
            numeric[i] = !cells.isEmpty();
        }
        for (String[] c : cells) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], c[i].length());
                numeric[i] &= c[i].isEmpty() || c[i].matches("-?[0-9][0-9,.]*( ?[a-zµ%]+)?");
            }
        }
        String[] upper = headers.stream().map(Table::upperAscii).toArray(String[]::new);
        line(sb, upper, width, numeric);
        for (String[] c : cells) {
            line(sb, c, width, numeric);
        }
        return sb.toString();
    }

    /** Upper-cases each word, except units like {@code µs}: they would become a Greek capital. */
    private static String upperAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (String word : s.split(" ", -1)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word.chars().allMatch(c -> c < 128) ? word.toUpperCase(java.util.Locale.ROOT) : word);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] c, int[] width, boolean[] numeric) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            if (i > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(width[i] - c[i].length());
            l.append(numeric[i] ? pad + c[i] : c[i] + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
