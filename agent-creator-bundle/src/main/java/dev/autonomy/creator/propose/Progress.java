package dev.autonomy.creator.propose;

/** Hears build stages (for progress notifications and the shell). */
public interface Progress {
    /** Stage {@code index} (from 0) of {@code total} has started. */
    void stage(String stage, int index, int total);

    Progress NONE = (s, i, t) -> {
    };
}
