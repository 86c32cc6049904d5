package dev.autonomy.creator.gap;

import dev.autonomy.creator.propose.CreateOutcome;

/** Where a creation opportunity stands; {@link #label()} is what clients and the shell read. */
public enum OpportunityStatus {
    /** Asked for; no design attempted yet. */
    SEEN("seen"),
    /** No built-in template and no composition of the tools and agents present offers it. */
    NOT_COMPOSABLE("not composable"),
    /** A designed agent serves it. */
    CREATED("created"),
    /** A designed agent waits for a person's approval. */
    QUEUED("queued"),
    /** The governor turned the design down. */
    REJECTED("rejected"),
    /** The design failed at a stage of its build or deployment. */
    FAILED("failed");

    private final String label;

    OpportunityStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status a creation's outcome means. */
    public static OpportunityStatus ofOutcome(CreateOutcome.Status outcome) {
        switch (outcome) {
            case CREATED:
                return CREATED;
            case QUEUED:
                return QUEUED;
            case REJECTED:
                return REJECTED;
            default:
                return FAILED;
        }
    }
}
