package dev.autonomy.api.action;

import java.util.Objects;

/** Who asked for or decided something: an operator at the shell, an MCP client, a capability, the system. */
public record Actor(Kind kind, String name) {

    public enum Kind { OPERATOR, MCP_CLIENT, CAPABILITY, SYSTEM }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system");

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("actor name must not be blank");
        }
    }

    public static Actor operator(String name) {
        return new Actor(Kind.OPERATOR, name);
    }

    public static Actor client(String name) {
        return new Actor(Kind.MCP_CLIENT, name);
    }

    public static Actor capability(String name) {
        return new Actor(Kind.CAPABILITY, name);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
