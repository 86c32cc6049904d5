package dev.autonomy.learning.core;

/**
 * Where an adaptation stands in learning's book: finer than its {@link Adaptation.Status} (an active adaptation may
 * wait to be kept, or wait for its rollback; a rejected one may have expired). Each state belongs to exactly one
 * status. The book's note says the same in words, for people; code reads this.
 */
public enum AdaptationState {
    /** Recorded, being submitted to the governor. */
    PROPOSED(Adaptation.Status.PROPOSED, "proposed"),
    /** Queued by the governor for a person's approval. */
    WAITING_FOR_APPROVAL(Adaptation.Status.PROPOSED, "waiting for approval"),
    /** Applied: its experiment runs. */
    ACTIVE(Adaptation.Status.ACTIVE, "active:", "approved:"),
    /** Shown better, but not kept yet: kept once autonomy resumes or a governor runs, unless its time is up. */
    KEEP_WAITING(Adaptation.Status.ACTIVE, "better with confidence; kept once"),
    /** Due to be reverted, but the governor did not roll it back: tried again at every cycle. */
    REVERT_PENDING(Adaptation.Status.ACTIVE, "revert pending:"),
    /** Kept: in force for every request. */
    KEPT(Adaptation.Status.KEPT, "kept:"),
    /** Undone. */
    REVERTED(Adaptation.Status.REVERTED, "reverted"),
    /** Turned down, or applying it failed. */
    REJECTED(Adaptation.Status.REJECTED, "rejected:", "not approved:", "applying failed:", "the governor failed"),
    /** Not approved in time: an approval that comes later is refused, since its evidence is old. */
    EXPIRED(Adaptation.Status.REJECTED, "expired:");

    private final Adaptation.Status status;
    /** How the notes of this state began before the state was stored (read only to upgrade old books). */
    private final String[] notePrefixes;

    AdaptationState(Adaptation.Status status, String... notePrefixes) {
        this.status = status;
        this.notePrefixes = notePrefixes;
    }

    /** The status this state belongs to. */
    public Adaptation.Status status() {
        return status;
    }

    /** The plain state of a status. */
    public static AdaptationState of(Adaptation.Status status) {
        return switch (status) {
            case PROPOSED -> PROPOSED;
            case ACTIVE -> ACTIVE;
            case KEPT -> KEPT;
            case REVERTED -> REVERTED;
            case REJECTED -> REJECTED;
        };
    }

    /**
     * The state of a book entry written before states were stored, from how its note begins; the plain state of
     * its status when the note says nothing known or does not fit the status.
     */
    public static AdaptationState fromNote(String note, Adaptation.Status status) {
        String n = note == null ? "" : note;
        for (AdaptationState s : values()) {
            if (s.status != status) {
                continue;
            }
            for (String p : s.notePrefixes) {
                if (n.startsWith(p)) {
                    return s;
                }
            }
        }
        return of(status);
    }
}
