package dev.autonomy.learning.component;

import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.learning.core.Adaptation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code learn_feedback} and {@code forget}: ratings by request or provider, per session, rate-limited; forgetting a session and
 * what its ratings taught.
 */
class RatingsTest extends LearnerFixture {

    // ------------------------------------------------------------------ feedback, forget

    @Test
    void feedbackOnARoutedRequestCountsForItsAgentAlsoAfterARestart() throws IOException {
        agents.put("c", List.of("good", "bad"));
        Learner l = learner();
        l.onEvent(routed("r1", "c", "good", 0.5));
        l.onEvent(end("r1", "agent_route", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        l.onEvent(end("r2", "text_reverse", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        awaitRecorded(l, 3);
        Map<String, Object> f = l.feedback("s1", "r1", null, 5, "great");
        assertThat(f).containsEntry("provider", "agent:good").containsEntry("rating", 5)
                .containsEntry("commentKept", false);
        assertThat(l.feedback("s1", "r2", "", 2, null)).containsEntry("provider", "tool:text_reverse");
        assertThat(l.feedback("s2", null, "agent:bad", 1, null)).containsEntry("provider", "agent:bad");
        assertThatThrownBy(() -> l.feedback("s1", "r9", null, 4, null))
                .hasMessageContaining("no request r9 is known to learning");
        assertThatThrownBy(() -> l.feedback("s1", "r1", null, 7, null)).hasMessageContaining("rating must be 1..5");
        assertThatThrownBy(() -> l.feedback("s2", null, "bob", 3, null))
                .hasMessageContaining("provider must be tool:<name> or agent:<id>");
        assertThatThrownBy(() -> l.feedback("s2", null, null, 3, null)).hasMessageContaining("give the requestId");
        l.close();
        open.remove(l);

        Learner again = learner(); // not started, no cycle: the rating reads the recent requests from the store
        assertThat(again.feedback("s1", "r1", null, 4, null)).containsEntry("provider", "agent:good");
        assertThat(again.snapshot().cycles()).isZero();
        assertThatThrownBy(() -> again.feedback("s2", "r1", null, 4, null))
                .as("still only in its own session").hasMessageContaining("no request r1 is known");
        again.runCycle();
        assertThat(again.snapshot().patterns().userPreferences()).anySatisfy(u -> {
            assertThat(u.provider()).isEqualTo("agent:good");
            assertThat(u.ratings()).isEqualTo(2);
        });
    }

    @Test
    void aRequestIsRatedOnlyFromItsOwnSessionAndAProviderMustBeKnown() throws IOException {
        agents.put("c", List.of("good", "bad"));
        tools.put("live", IDEMPOTENT);
        Learner l = learner();
        l.onEvent(routed("r1", "c", "good", 0.5));
        l.onEvent(end("r1", "agent_route", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        awaitRecorded(l, 2);
        assertThatThrownBy(() -> l.feedback("intruder", "r1", null, 1, null))
                .as("another session's request: not found, and its provider not revealed")
                .hasMessageContaining("no request r1 is known to learning in this session")
                .hasMessageNotContaining("good");
        assertThatThrownBy(() -> l.feedback("intruder", "r1", "agent:good", 1, null))
                .hasMessageContaining("no request r1 is known to learning in this session");
        assertThat(l.feedback("s1", "r1", null, 4, null)).containsEntry("provider", "agent:good");
        assertThat(l.feedback("x", null, "tool:live", 4, null)).as("a live tool").containsEntry("rating", 4);
        assertThat(l.feedback("x", null, "agent:bad", 2, null)).as("a live agent").containsEntry("rating", 2);
        assertThatThrownBy(() -> l.feedback("x", null, "tool:agent_route", 3, null))
                .hasMessageContaining("no provider 'tool:agent_route' is known");
        l.runCycle();
        assertThat(l.feedback("x", null, "tool:agent_route", 3, null)).as("seen by learning (in its patterns)")
                .containsEntry("rating", 3);
        assertThatThrownBy(() -> l.feedback("x", null, "tool:made_up", 1, null))
                .hasMessageContaining("no provider 'tool:made_up' is known");
        assertThatThrownBy(() -> l.feedback("x", null, "agent:ghost", 1, null))
                .hasMessageContaining("no provider 'agent:ghost' is known");
    }

    @Test
    void aSessionRatesAtMostThirtyTimesAMinute() throws IOException {
        tools.put("live", IDEMPOTENT);
        Learner l = learner();
        for (int i = 0; i < Learner.MAX_RATINGS_PER_MINUTE; i++) {
            l.feedback("eager", null, "tool:live", 5, null);
        }
        assertThatThrownBy(() -> l.feedback("eager", null, "tool:live", 5, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too many ratings from this session");
        assertThat(l.feedback("calm", null, "tool:live", 5, null)).as("other sessions are not affected")
                .containsEntry("rating", 5);
        clock.advance(Duration.ofSeconds(61));
        assertThat(l.feedback("eager", null, "tool:live", 5, null)).containsEntry("rating", 5);
    }

    @Test
    void forgettingASessionDeletesWhatWasLearnedFromIt() throws IOException {
        Learner l = learner();
        l.onEvent(end("a1", "t", SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        l.onEvent(new SessionEvent(SessionEventTypes.REQUEST_COMPLETED, "other", "b1", clock.instant(),
                Map.of(SessionEventTypes.TOOL, "t", SessionEventTypes.OUTCOME, "success")));
        awaitRecorded(l, 2);
        assertThat(l.forget("s1")).isEqualTo(1);
        l.runCycle();
        assertThat(l.snapshot().patterns().experiences()).isEqualTo(1);
        assertThatThrownBy(() -> l.forget(" ")).hasMessage("give a session id");
        assertThatThrownBy(() -> l.feedback("s1", "a1", null, 3, null)).as("its requests are gone from memory too")
                .hasMessageContaining("no request a1 is known");
        assertThat(l.feedback("other", "b1", null, 3, null)).containsEntry("provider", "tool:t");
    }

    @Test
    void forgettingASessionWithdrawsThePreferencesItsRatingsMadeAndItsRatingCount() throws IOException {
        tools.put("t", IDEMPOTENT);
        tools.put("u", IDEMPOTENT);
        governor.withMode("learning", Mode.AUTO);
        Learner l = learner();
        for (int i = 0; i < 6; i++) {
            l.feedback("fan", null, "tool:t", 5, null);
            l.feedback("critic", null, "tool:u", 1, null);
        }
        l.runCycle();
        Adaptation context = only(l, Adaptation.Kind.CONTEXT);
        assertThat(context.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(context.payload().get("preferences").toString()).contains("tool:t").contains("tool:u");
        for (int i = 6; i < Learner.MAX_RATINGS_PER_MINUTE; i++) {
            l.feedback("fan", null, "tool:t", 5, null);
        }
        assertThatThrownBy(() -> l.feedback("fan", null, "tool:t", 5, null)).hasMessageContaining("too many");

        assertThat(l.forget("fan")).isEqualTo(Learner.MAX_RATINGS_PER_MINUTE);
        assertThat(l.feedback("fan", null, "tool:t", 5, null)).as("its rating count went too")
                .containsEntry("rating", 5);
        l.runCycle();
        Adaptation after = only(l, Adaptation.Kind.CONTEXT);
        assertThat(after.payload().get("preferences").toString()).as("tool:t's preference came from the forgotten "
                + "session's ratings").doesNotContain("tool:t").contains("tool:u");
        assertThat(noteOf(l, after.id())).contains("preferences re-checked after a session was forgotten: 1 withdrawn");
        String served = l.context(route("any", "c")).get("preferences").toString()
                + l.context(route("other", "c")).get("preferences");
        assertThat(served).doesNotContain("tool:t");
    }
}
