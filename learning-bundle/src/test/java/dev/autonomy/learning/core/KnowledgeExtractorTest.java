package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.learning.core.Knowledge.Insight;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.autonomy.learning.core.Fixtures.at;
import static dev.autonomy.learning.core.Fixtures.call;
import static dev.autonomy.learning.core.Fixtures.routedCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KnowledgeExtractorTest {

    private static final LearningSettings S = LearningSettings.DEFAULTS;

    private static ActionableKnowledge knowledgeOf(List<LearningExperience> xs) {
        return AdaptiveLearning.extractActionableKnowledge(AdaptiveLearning.analyzeInteractionPatterns(xs, S), S);
    }

    @Test
    void repeatedArgumentsMakeACacheCandidate() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            xs.add(call(i, "c", true, 2000, 10).withInputFingerprint(1000 + i % 10)); // each repeats 10 s later
        }
        // each fingerprint: stored at t, hits at t+10..t+60, expired at t+70 (stored again), hits at t+80, t+90
        // → 2 misses and 8 hits per fingerprint
        Knowledge k = knowledgeOf(xs).with(Insight.CACHE_CANDIDATE).get(0);
        assertThat(k.target()).isEqualTo("tool:c");
        assertThat(k.category()).isEqualTo(Knowledge.Category.OPTIMIZATION);
        assertThat(k.evidence().count()).isEqualTo(100);
        assertThat(k.evidence().effectSize()).isCloseTo(0.8, within(1e-12));
        assertThat(k.evidence().confidence()).isGreaterThan(0.999);
        assertThat(k.detail()).containsEntry("repeats", 80L);
    }

    @Test
    void transientFailuresAndTimeoutsAreFailurePrevention() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            xs.add(i % 10 == 0 ? call(i, "t", SessionEventTypes.OUTCOME_TIMEOUT, "", 1_000_000)
                    : call(i, "t", true, 900_000, 10));
        }
        ActionableKnowledge k = knowledgeOf(xs);
        Knowledge transientFailures = k.with(Insight.TRANSIENT_FAILURES).get(0);
        assertThat(transientFailures.target()).isEqualTo("tool:t");
        // z = (0.10 - 0.02) / √(0.02 · 0.98 / 100) = 5.71
        assertThat(transientFailures.evidence().effectSize()).isCloseTo(0.1, within(1e-12));
        assertThat(transientFailures.evidence().confidence()).isGreaterThan(0.9999);
        assertThat(transientFailures.detail()).containsEntry("errorClasses", List.of("timeout"));
        Knowledge timeouts = k.with(Insight.TIMEOUT_PRESSURE).get(0);
        assertThat(timeouts.detail()).containsEntry("timeouts", 10L).containsKey("p99Micros");
        assertThat(k.failurePrevention()).extracting(Knowledge::insight)
                .contains(Insight.TRANSIENT_FAILURES, Insight.TIMEOUT_PRESSURE);
    }

    @Test
    void permanentFailuresAreNotWorthARetry() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            xs.add(i % 5 == 0 ? call(i, "p", SessionEventTypes.OUTCOME_INVALID_ARGUMENTS, "", 100)
                    : call(i, "p", true, 100, 10));
        }
        assertThat(knowledgeOf(xs).with(Insight.TRANSIENT_FAILURES)).isEmpty();
    }

    @Test
    void tooFewCallsAreNoEvidence() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            xs.add(call(i, "few", SessionEventTypes.OUTCOME_TIMEOUT, "", 100));
        }
        assertThat(knowledgeOf(xs).all()).isEmpty();
    }

    @Test
    void largeInputsThatFailMoreAreFailingInputs() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            xs.add(call(i, "f", true, 100, 100));
            xs.add(call(100 + i, "f", i >= 20, 100, 70_000)); // 20 of 50 large inputs fail
        }
        Knowledge k = knowledgeOf(xs).with(Insight.FAILING_INPUT).get(0);
        assertThat(k.detail()).containsEntry("sizeClass", ">=64KiB");
        assertThat(k.evidence().effectSize()).isCloseTo(0.4, within(1e-12));
        assertThat(k.evidence().count()).isEqualTo(100);
    }

    @Test
    void ratingsMakePreferences() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            xs.add(LearningExperience.feedback(at(i), "s", "", "agent:liked", 5, ""));
            xs.add(LearningExperience.feedback(at(i), "s", "", "agent:disliked", 1, ""));
        }
        for (int i = 0; i < 4; i++) {
            xs.add(LearningExperience.feedback(at(i), "s", "", "agent:unknown", 5, "")); // below minRatings
        }
        ActionableKnowledge k = knowledgeOf(xs);
        // 10 of 10 good: z = 0.5 / √(0.25 / 10) = 3.16 → Φ = 0.9992
        Knowledge liked = k.with(Insight.PREFERRED_PROVIDER).get(0);
        assertThat(liked.target()).isEqualTo("agent:liked");
        assertThat(liked.evidence().effectSize()).isCloseTo(2.0, within(1e-12));
        assertThat(liked.evidence().confidence()).isCloseTo(0.9992, within(0.0001));
        assertThat(k.with(Insight.DISLIKED_PROVIDER)).extracting(Knowledge::target).containsExactly("agent:disliked");
        assertThat(k.userAdaptations()).hasSize(2);
    }

    @Test
    void aClearlyBetterAgentIsSuccessAmplification() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            xs.add(routedCall(i, "sum", "a", true, 0.5));
            xs.add(routedCall(100 + i, "sum", "b", i >= 9, 0.5)); // b fails 9 of 30
        }
        Knowledge k = knowledgeOf(xs).with(Insight.BEST_AGENT).get(0);
        assertThat(k.target()).isEqualTo("capability:sum");
        assertThat(k.detail()).containsEntry("best", "a").containsEntry("worst", "b");
        // pooled 51/60: se = √(0.85 · 0.15 · 2/30) = 0.0922; z = 0.3 / 0.0922 = 3.25
        assertThat(k.evidence().effectSize()).isCloseTo(0.3, within(1e-12));
        assertThat(k.evidence().confidence()).isCloseTo(Stats.normalCdf(0.3 / Math.sqrt(0.85 * 0.15 * 2 / 30)),
                within(1e-9));
    }

    @Test
    void closeAgentsAreNoKnowledge() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            xs.add(routedCall(i, "sum", "a", i >= 4, 0.5));
            xs.add(routedCall(100 + i, "sum", "b", i >= 5, 0.5));
        }
        assertThat(knowledgeOf(xs).with(Insight.BEST_AGENT)).isEmpty();
    }

    @Test
    void nearlyAlwaysSuccessfulIsReliable() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            xs.add(call(i, "r", true, 100, 10));
        }
        Knowledge k = knowledgeOf(xs).with(Insight.RELIABLE_PROVIDER).get(0);
        assertThat(k.evidence().effectSize()).isEqualTo(1.0);
        assertThat(k.category()).isEqualTo(Knowledge.Category.SUCCESS_AMPLIFICATION);
    }

    @Test
    void stepsUpInLatencyOrFailuresAreRegressions() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            xs.add(call(i, "slow", true, i <= 200 ? 1000 : 4000, 10));
            xs.add(call(i, "flaky", i <= 200, 1000, 10));
        }
        ActionableKnowledge k = knowledgeOf(xs);
        Knowledge latency = k.with(Insight.LATENCY_REGRESSION).get(0);
        assertThat(latency.target()).isEqualTo("tool:slow");
        assertThat(latency.evidence().effectSize()).isCloseTo(3.0, within(1e-6)); // 1000 → 4000 µs
        Knowledge failures = k.with(Insight.FAILURE_REGRESSION).get(0);
        assertThat(failures.target()).isEqualTo("tool:flaky");
        assertThat(failures.evidence().effectSize()).isEqualTo(1.0);
    }

    @Test
    void strongestEvidenceComesFirst() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            xs.add(i % 10 == 0 ? call(i, "weak", SessionEventTypes.OUTCOME_TIMEOUT, "", 10)
                    : call(i, "weak", true, 10, 1));
            xs.add(i % 2 == 0 ? call(i, "strong", SessionEventTypes.OUTCOME_TIMEOUT, "", 10)
                    : call(i, "strong", true, 10, 1));
        }
        assertThat(knowledgeOf(xs).with(Insight.TRANSIENT_FAILURES)).extracting(Knowledge::target)
                .containsExactly("tool:strong", "tool:weak");
    }

    @Test
    void busyRejectionsAndToolErrorsAreNoCaseForARetryTheEngineNeverRetriesThem() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            xs.add(i % 2 == 0 ? call(i, "busy", SessionEventTypes.OUTCOME_BUSY, "Rejected", 10)
                    : call(i, "busy", true, 10, 1));
            xs.add(i % 2 == 0 ? call(i, "errs", SessionEventTypes.OUTCOME_TOOL_ERROR, "ServiceUnavailable", 10)
                    : call(i, "errs", true, 10, 1));
            xs.add(i % 2 == 0 ? call(i, "throws", SessionEventTypes.OUTCOME_INTERNAL_ERROR, "IOException", 10)
                    : call(i, "throws", true, 10, 1));
        }
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(xs);
        assertThat(p.failureIndicators()).filteredOn(f -> f.provider().equals("tool:busy"))
                .allSatisfy(f -> {
                    assertThat(f.transientFailure()).as("busy is transient by nature").isTrue();
                    assertThat(f.retryable()).as("but never retried").isFalse();
                });
        assertThat(knowledgeOf(xs).with(Insight.TRANSIENT_FAILURES)).extracting(Knowledge::target)
                .containsExactly("tool:throws");
    }
}
