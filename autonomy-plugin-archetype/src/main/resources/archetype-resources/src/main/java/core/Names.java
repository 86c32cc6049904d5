package ${package}.core;

/** The names this capability goes by, in one place: the governor, the manifest and the shell use them. */
public final class Names {

    /** Service property {@code autonomy.capability}, manifest header {@code Autonomy-Capability}, the mode key. */
    public static final String CAPABILITY = "${capability}";
    /** The one kind of action it proposes; modes may be set per kind: {@code ${capability}.tool.timeout}. */
    public static final String KIND = "tool.timeout";
    /** Prefix of its MCP tools. */
    public static final String TOOL_PREFIX = "${toolPrefix}";

    private Names() {
    }
}
