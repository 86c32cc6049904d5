package dev.autonomy.api.governor;

import java.util.Locale;

/** How much a capability (or one kind of its actions) may do by itself. */
public enum Mode {
    /** Propose nothing; every proposal is rejected. */
    OFF,
    /** Proposals wait in the approvals queue until a person approves them. */
    SUGGEST,
    /** Proposals within budget are applied at once. */
    AUTO;

    /** Parses {@code off|suggest|auto}, case-insensitively. */
    public static Mode parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "off":
                    return OFF;
                case "suggest":
                    return SUGGEST;
                case "auto":
                    return AUTO;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("mode must be off, suggest or auto, was '" + s + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
