package dev.autonomy.control.core;

import dev.autonomy.api.action.ProposedAction;

import java.util.Map;

/**
 * Mode and budget keys: {@code <capability>[.<kind>]}, where a kind may itself contain dots
 * ({@code learning.tool.policy}). Of the keys of a table, the most specific one matching an action wins:
 * {@code learning.tool.policy}, then {@code learning.tool}, then {@code learning}.
 */
public final class Keys {

    private Keys() {
    }

    /**
     * The most specific key of {@code table} that matches actions of {@code kind} by {@code capability}, or
     * {@code null} if none does. An empty kind matches only the capability's own key.
     */
    public static String mostSpecific(Map<String, ?> table, String capability, String kind) {
        if (table.isEmpty()) {
            return null;
        }
        String key = kind == null || kind.isEmpty() ? capability : capability + "." + kind;
        while (true) {
            if (table.containsKey(key)) {
                return key;
            }
            if (key.length() <= capability.length()) {
                return null;
            }
            key = key.substring(0, key.lastIndexOf('.'));
        }
    }

    /** Checks a key's shape; returns it trimmed, or throws naming {@code what} and the bad key. */
    public static String validate(String what, String key) {
        String k = key == null ? "" : key.trim();
        int dot = k.indexOf('.');
        String capability = dot < 0 ? k : k.substring(0, dot);
        boolean ok = ProposedAction.CAPABILITY_PATTERN.matcher(capability).matches()
                && (dot < 0 || ProposedAction.KIND_PATTERN.matcher(k.substring(dot + 1)).matches());
        if (!ok) {
            throw new IllegalArgumentException(what + ": key must be <capability>[.<kind>] in lower case "
                    + "(e.g. learning or learning.tool.policy), was '" + key + "'");
        }
        return k;
    }

    /** The capability part of a key. */
    public static String capabilityOf(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
