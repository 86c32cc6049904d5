package dev.autonomy.learning.core;

/** What an experience records. The codes are stored: never renumber them, only add. */
public enum ExperienceKind {
    /** A tool call finished ({@code request_completed} / {@code request_failed}); provider {@code tool:<name>}. */
    REQUEST(1),
    /** The router chose an agent ({@code agent_routed}), with the outcome of the routed call when known;
     * provider {@code agent:<id>}. */
    ROUTING(2),
    /** A capability was asked for that no agent offers; provider {@code capability:<name>}. */
    CAPABILITY_GAP(3),
    /** An agent appeared; provider {@code agent:<id>}. */
    AGENT_REGISTERED(4),
    /** An agent went away; provider {@code agent:<id>}. */
    AGENT_UNREGISTERED(5),
    /** A handler's queue overflowed: the learning history has a hole; provider {@code handler:<name>}. */
    EVENTS_DROPPED(6),
    /** A person rated a request or a provider. */
    FEEDBACK(7);

    private final int code;

    ExperienceKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ExperienceKind ofCode(int code) {
        for (ExperienceKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown experience kind code " + code);
    }
}
