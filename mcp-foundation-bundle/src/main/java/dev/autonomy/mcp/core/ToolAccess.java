package dev.autonomy.mcp.core;

import java.util.Arrays;
import java.util.List;

/**
 * The tools a bundle may call, parsed from its {@code Autonomy-Tool-Access} header: exact names and prefixes ending
 * in {@code *}. An absent or empty header allows nothing.
 */
public record ToolAccess(List<String> patterns) {

    public static final ToolAccess NONE = new ToolAccess(List.of());

    public ToolAccess {
        patterns = List.copyOf(patterns);
    }

    public static ToolAccess parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        return new ToolAccess(Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public boolean allows(String tool) {
        for (String p : patterns) {
            if (p.equals("*") || p.equals(tool) || (p.endsWith("*") && tool.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
