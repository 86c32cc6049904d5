package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.autonomy.learning.core.Fixtures.T0;
import static dev.autonomy.learning.core.Fixtures.completed;
import static dev.autonomy.learning.core.Fixtures.failed;
import static dev.autonomy.learning.core.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;

class ExperienceCollectorTest {

    @Test
    void aCompletedRequestBecomesARequestExperienceWithShapeOnly() {
        List<LearningExperience> xs = AdaptiveLearning.collectLearningExperiences(List.of(
                completed("r1", "text_word_count", 1500, 300)));
        assertThat(xs).hasSize(1);
        LearningExperience x = xs.get(0);
        assertThat(x.kind()).isEqualTo(ExperienceKind.REQUEST);
        assertThat(x.provider()).isEqualTo("tool:text_word_count");
        assertThat(x.outcome()).isEqualTo("success");
        assertThat(x.errorClass()).isEmpty();
        assertThat(x.latencyMicros()).isEqualTo(1500);
        assertThat(x.inputBytes()).isEqualTo(300);
        assertThat(x.sessionId()).isEqualTo("s1");
        assertThat(x.requestId()).isEqualTo("r1");
        assertThat(x.inputFeatures()).containsOnlyKeys("attempts", "depth", "resultBytes", "cached", "client");
        assertThat(x.succeeded()).isTrue();
    }

    @Test
    void aFailureWithoutErrorClassIsClassifiedByItsOutcome() {
        LearningExperience x = AdaptiveLearning.collectLearningExperiences(List.of(
                failed("r1", "slow_tool", SessionEventTypes.OUTCOME_TIMEOUT, null, 5_000_000))).get(0);
        assertThat(x.outcome()).isEqualTo("timeout");
        assertThat(x.errorClass()).isEqualTo("timeout");
        LearningExperience y = AdaptiveLearning.collectLearningExperiences(List.of(
                failed("r2", "t", SessionEventTypes.OUTCOME_INTERNAL_ERROR, "IOException", 10))).get(0);
        assertThat(y.errorClass()).isEqualTo("IOException");
    }

    @Test
    void aRoutingDecisionTakesTheOutcomeOfItsRequest() {
        List<LearningExperience> xs = AdaptiveLearning.collectLearningExperiences(List.of(
                routed("r1", "summarize", "b", List.of("a", "b"), 0.25),
                failed("r1", "agent_route", SessionEventTypes.OUTCOME_TOOL_ERROR, null, 777)));
        LearningExperience routing = xs.stream().filter(x -> x.kind() == ExperienceKind.ROUTING).findFirst()
                .orElseThrow();
        assertThat(routing.provider()).isEqualTo("agent:b");
        assertThat(routing.capability()).isEqualTo("summarize");
        assertThat(routing.candidates()).containsExactly("a", "b");
        assertThat(routing.propensity()).isEqualTo(0.25);
        assertThat(routing.outcome()).isEqualTo("tool_error");
        assertThat(routing.latencyMicros()).isEqualTo(777);
        assertThat(xs).hasSize(2); // and the agent_route request itself
    }

    @Test
    void aRoutingDecisionWaitsForItsOutcomeAcrossBatches() {
        ExperienceCollector.Collected first = ExperienceCollector.collect(List.of(),
                List.of(routed("r1", "summarize", "a", List.of("a", "b"), 0.5)));
        assertThat(first.experiences()).isEmpty();
        assertThat(first.pendingRouted()).hasSize(1);
        ExperienceCollector.Collected second = ExperienceCollector.collect(first.pendingRouted(),
                List.of(completed("r1", "agent_route", 900, 50)));
        assertThat(second.pendingRouted()).isEmpty();
        assertThat(second.experiences()).extracting(LearningExperience::kind)
                .containsExactly(ExperienceKind.ROUTING, ExperienceKind.REQUEST);
        assertThat(second.experiences().get(0).succeeded()).isTrue();
    }

    @Test
    void aRoutingDecisionWithoutOutcomeInAOneOffBatchHasNone() {
        List<LearningExperience> xs = AdaptiveLearning.collectLearningExperiences(List.of(
                routed("r1", "summarize", "a", List.of("a", "b"), 0.5)));
        assertThat(xs).singleElement().satisfies(x -> assertThat(x.hasOutcome()).isFalse());
    }

    @Test
    void gapsKeepTheShapeAndDropEverythingElse() {
        SessionEvent gap = new SessionEvent(SessionEventTypes.CAPABILITY_GAP, "s1", "r9", T0, Map.of(
                SessionEventTypes.CAPABILITY, "translate",
                SessionEventTypes.INPUT_SHAPE, Map.of("text", "string", "nested", Map.of("secret", "x"))));
        LearningExperience x = AdaptiveLearning.collectLearningExperiences(List.of(gap)).get(0);
        assertThat(x.kind()).isEqualTo(ExperienceKind.CAPABILITY_GAP);
        assertThat(x.provider()).isEqualTo("capability:translate");
        assertThat(x.inputFeatures()).isEqualTo(Map.of("shape", Map.of("text", "string")));
    }

    @Test
    void agentLifecycleAndDropsAreRecorded() {
        List<LearningExperience> xs = AdaptiveLearning.collectLearningExperiences(List.of(
                new SessionEvent(SessionEventTypes.AGENT_REGISTERED, "", "", T0, Map.of(SessionEventTypes.AGENT_ID,
                        "echo", SessionEventTypes.VERSION, "1.0.0", SessionEventTypes.CAPABILITIES, List.of("echo"))),
                new SessionEvent(SessionEventTypes.EVENTS_DROPPED, "", "", T0, Map.of(SessionEventTypes.HANDLER,
                        "learning", SessionEventTypes.DROPPED, 12)),
                new SessionEvent(SessionEventTypes.SESSION_STARTED, "s1", "", T0, Map.of())));
        assertThat(xs).extracting(LearningExperience::kind)
                .containsExactly(ExperienceKind.AGENT_REGISTERED, ExperienceKind.EVENTS_DROPPED);
        assertThat(xs.get(0).provider()).isEqualTo("agent:echo");
        assertThat(xs.get(0).inputFeatures()).containsEntry("capabilities", List.of("echo"));
        assertThat(xs.get(1).inputFeatures()).containsEntry("dropped", 12L);
    }

    @Test
    void feedbackOnARoutedRequestIsAboutTheAgent() {
        List<LearningExperience> xs = AdaptiveLearning.collectLearningExperiences(List.of(
                        routed("r1", "summarize", "b", List.of("a", "b"), 0.5),
                        completed("r1", "agent_route", 900, 50),
                        completed("r2", "text_reverse", 10, 5)),
                List.of(new Feedback(T0, "s1", "r1", "", 5, "  great  "),
                        new Feedback(T0, "s1", "r2", "", 2, null),
                        new Feedback(T0, "s1", "", "tool:x", 4, "")));
        List<LearningExperience> feedback = xs.stream().filter(x -> x.kind() == ExperienceKind.FEEDBACK).toList();
        assertThat(feedback).extracting(LearningExperience::provider)
                .containsExactly("agent:b", "tool:text_reverse", "tool:x");
        assertThat(feedback.get(0).rating()).isEqualTo(5);
        assertThat(feedback.get(0).inputFeatures()).containsEntry("comment", "great");
    }

    @Test
    void feedbackCanArriveAsAnEvent() {
        SessionEvent f = new SessionEvent(LearningEventTypes.FEEDBACK, "s1", "r2", T0,
                Map.of(LearningEventTypes.RATING, 1));
        List<LearningExperience> xs = AdaptiveLearning.collectLearningExperiences(List.of(
                completed("r2", "text_reverse", 10, 5), f,
                new SessionEvent(LearningEventTypes.FEEDBACK, "s1", "r3", T0, Map.of(LearningEventTypes.RATING, 9))));
        assertThat(xs).hasSize(2);
        assertThat(xs.get(1).provider()).isEqualTo("tool:text_reverse");
        assertThat(xs.get(1).rating()).isEqualTo(1);
    }

    @Test
    void takesTheFingerprintWhenTheEventCarriesIt() {
        SessionEvent e = completed("r1", "t", 1, 1);
        Map<String, Object> d = new java.util.LinkedHashMap<>(e.data());
        d.put(LearningEventTypes.ARGUMENTS_FINGERPRINT, 12345L);
        LearningExperience x = AdaptiveLearning.collectLearningExperiences(List.of(new SessionEvent(e.type(),
                e.sessionId(), e.requestId(), e.time(), d))).get(0);
        assertThat(x.inputFingerprint()).isEqualTo(12345L);
    }

    @Test
    void readsTheFoundationsHexFingerprintAsAnUnsignedValue() {
        SessionEvent e = completed("r1", "t", 1, 1);
        Map<String, Object> d = new java.util.LinkedHashMap<>(e.data());
        d.put(SessionEventTypes.ARGUMENTS_FINGERPRINT, "ffffffffffffffff");
        LearningExperience x = AdaptiveLearning.collectLearningExperiences(List.of(new SessionEvent(e.type(),
                e.sessionId(), e.requestId(), e.time(), d))).get(0);
        assertThat(x.inputFingerprint()).isEqualTo(-1L);
        d.put(SessionEventTypes.ARGUMENTS_FINGERPRINT, "not hex");
        LearningExperience y = AdaptiveLearning.collectLearningExperiences(List.of(new SessionEvent(e.type(),
                e.sessionId(), e.requestId(), e.time(), d))).get(0);
        assertThat(y.inputFingerprint()).isZero();
    }

    @Test
    void keepsThePolicyExperimentAndTheVariantTheFoundationChose() {
        SessionEvent e = failed("r1", "t", SessionEventTypes.OUTCOME_INTERNAL_ERROR, "IOException", 5);
        Map<String, Object> d = new java.util.LinkedHashMap<>(e.data());
        d.put(SessionEventTypes.EXPERIMENT, "learning-retry-tool_t-1");
        d.put(SessionEventTypes.VARIANT, SessionEventTypes.VARIANT_HOLDOUT);
        LearningExperience x = AdaptiveLearning.collectLearningExperiences(List.of(new SessionEvent(e.type(),
                e.sessionId(), e.requestId(), e.time(), d))).get(0);
        assertThat(x.inputFeatures()).containsEntry(InputFeatures.EXPERIMENT, "learning-retry-tool_t-1")
                .containsEntry(InputFeatures.VARIANT, "holdout");
        d.put(SessionEventTypes.VARIANT, "something else");
        LearningExperience y = AdaptiveLearning.collectLearningExperiences(List.of(new SessionEvent(e.type(),
                e.sessionId(), e.requestId(), e.time(), d))).get(0);
        assertThat(y.inputFeatures()).doesNotContainKeys(InputFeatures.EXPERIMENT, InputFeatures.VARIANT);
    }
}
