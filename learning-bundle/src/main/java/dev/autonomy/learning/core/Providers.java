package dev.autonomy.learning.core;

import java.util.HashSet;
import java.util.Set;

/**
 * Provider names, the same as proposal targets: {@code tool:<name>}, {@code agent:<id>}, {@code capability:<name>},
 * {@code handler:<name>}.
 */
public final class Providers {

    private Providers() {
    }

    public static final String TOOL = "tool:";
    public static final String AGENT = "agent:";
    public static final String CAPABILITY = "capability:";
    public static final String HANDLER = "handler:";
    public static final String CONTEXT = "context:";

    public static String tool(String name) {
        return TOOL + name;
    }

    public static String agent(String id) {
        return AGENT + id;
    }

    public static String capability(String name) {
        return CAPABILITY + name;
    }

    public static String handler(String name) {
        return HANDLER + name;
    }

    /** The name after the prefix: {@code tool:a} gives {@code a}; a name without a known prefix as it is. */
    public static String name(String provider) {
        int colon = provider.indexOf(':');
        return colon < 0 ? provider : provider.substring(colon + 1);
    }

    public static boolean isTool(String provider) {
        return provider.startsWith(TOOL);
    }

    public static boolean isAgent(String provider) {
        return provider.startsWith(AGENT);
    }

    /** The tools and agents that patterns name (routed agents as {@code agent:<id>}). */
    public static Set<String> named(InteractionPatterns p) {
        Set<String> out = new HashSet<>();
        p.performanceTrends().forEach(t -> out.add(t.provider()));
        p.userPreferences().forEach(u -> out.add(u.provider()));
        for (InteractionPatterns.RoutingPattern r : p.routing()) {
            r.arms().forEach(a -> out.add(agent(a.agent())));
        }
        out.removeIf(x -> !(isTool(x) || isAgent(x)));
        return Set.copyOf(out);
    }
}
