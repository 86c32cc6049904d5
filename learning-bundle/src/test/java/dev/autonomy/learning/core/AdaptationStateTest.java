package dev.autonomy.learning.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptationStateTest {

    @Test
    void everyStateBelongsToOneStatusAndEachStatusHasItsPlainState() {
        for (Adaptation.Status s : Adaptation.Status.values()) {
            assertThat(AdaptationState.of(s).status()).isEqualTo(s);
        }
        assertThat(AdaptationState.EXPIRED.status()).isEqualTo(Adaptation.Status.REJECTED);
        assertThat(AdaptationState.REVERT_PENDING.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(AdaptationState.KEEP_WAITING.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(AdaptationState.WAITING_FOR_APPROVAL.status()).isEqualTo(Adaptation.Status.PROPOSED);
    }

    @Test
    void anOldNoteGivesItsStateByHowItBegins() {
        assertThat(AdaptationState.fromNote("expired: not approved within 24 h; proposed again if the evidence "
                + "still holds", Adaptation.Status.REJECTED)).isEqualTo(AdaptationState.EXPIRED);
        assertThat(AdaptationState.fromNote("revert pending: the governor did not roll it back (leased); tried again "
                + "at every cycle", Adaptation.Status.ACTIVE)).isEqualTo(AdaptationState.REVERT_PENDING);
        assertThat(AdaptationState.fromNote("better with confidence; kept once autonomy resumes (autonomy is "
                + "halted), unless its time is up first", Adaptation.Status.ACTIVE))
                .isEqualTo(AdaptationState.KEEP_WAITING);
        assertThat(AdaptationState.fromNote("active: routing advice for c", Adaptation.Status.ACTIVE))
                .isEqualTo(AdaptationState.ACTIVE);
        assertThat(AdaptationState.fromNote("approved: mode auto", Adaptation.Status.ACTIVE))
                .isEqualTo(AdaptationState.ACTIVE);
        assertThat(AdaptationState.fromNote("waiting for approval (autonomy:approve x): mode suggest",
                Adaptation.Status.PROPOSED)).isEqualTo(AdaptationState.WAITING_FOR_APPROVAL);
        assertThat(AdaptationState.fromNote("not approved: the proposal was rejected or expired",
                Adaptation.Status.REJECTED)).isEqualTo(AdaptationState.REJECTED);
        assertThat(AdaptationState.fromNote("kept: better with confidence; holdout ended", Adaptation.Status.KEPT))
                .isEqualTo(AdaptationState.KEPT);
        assertThat(AdaptationState.fromNote("reverted locally (no governor runs; going back needs none): x",
                Adaptation.Status.REVERTED)).isEqualTo(AdaptationState.REVERTED);
    }

    @Test
    void aNoteThatDoesNotFitItsStatusOrSaysNothingKnownGivesThePlainStateOfTheStatus() {
        assertThat(AdaptationState.fromNote("expired: not approved", Adaptation.Status.ACTIVE))
                .isEqualTo(AdaptationState.ACTIVE);
        assertThat(AdaptationState.fromNote("revert pending: x", Adaptation.Status.REVERTED))
                .isEqualTo(AdaptationState.REVERTED);
        assertThat(AdaptationState.fromNote("", Adaptation.Status.PROPOSED)).isEqualTo(AdaptationState.PROPOSED);
        assertThat(AdaptationState.fromNote(null, Adaptation.Status.KEPT)).isEqualTo(AdaptationState.KEPT);
        assertThat(AdaptationState.fromNote("something else", Adaptation.Status.REJECTED))
                .isEqualTo(AdaptationState.REJECTED);
    }
}
