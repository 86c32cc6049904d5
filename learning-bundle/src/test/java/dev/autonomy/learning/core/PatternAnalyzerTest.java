package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.learning.core.InteractionPatterns.ArmPattern;
import dev.autonomy.learning.core.InteractionPatterns.ChangePoint;
import dev.autonomy.learning.core.InteractionPatterns.FailureIndicator;
import dev.autonomy.learning.core.InteractionPatterns.PerformanceTrend;
import dev.autonomy.learning.core.InteractionPatterns.SuccessIndicator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.autonomy.learning.core.Fixtures.at;
import static dev.autonomy.learning.core.Fixtures.call;
import static dev.autonomy.learning.core.Fixtures.routedCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PatternAnalyzerTest {

    /** tool:a — 8 small successes (1000 µs), 2 timeouts of 1 KB inputs (5 s). */
    private static List<LearningExperience> toolA() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            xs.add(call(i, "a", true, 1000, 100));
        }
        for (int i = 9; i <= 10; i++) {
            xs.add(LearningExperience.request(at(i), "s1", "r" + i, "a", SessionEventTypes.OUTCOME_TIMEOUT, "",
                    5_000_000, 1000));
        }
        return xs;
    }

    @Test
    void successRatesByProviderAndSizeClassWithWilsonIntervals() {
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(toolA());
        assertThat(p.experiences()).isEqualTo(10);
        assertThat(p.from()).isEqualTo(at(1));
        assertThat(p.to()).isEqualTo(at(10));
        assertThat(p.successIndicators()).extracting(SuccessIndicator::sizeClass, SuccessIndicator::calls,
                        SuccessIndicator::successes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("<256B", 8L, 8L),
                        org.assertj.core.groups.Tuple.tuple("<4KiB", 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple("*", 10L, 8L));
        SuccessIndicator all = p.successIndicators().get(2);
        assertThat(all.provider()).isEqualTo("tool:a");
        assertThat(all.successRate().lower()).isCloseTo(0.490, within(0.0005));
        assertThat(all.successRate().upper()).isCloseTo(0.943, within(0.0005));
    }

    @Test
    void failureRatesByProviderErrorClassAndSizeClass() {
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(toolA());
        assertThat(p.failureIndicators()).extracting(FailureIndicator::errorClass, FailureIndicator::sizeClass,
                        FailureIndicator::failures, FailureIndicator::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("timeout", "<4KiB", 2L, 2L),
                        org.assertj.core.groups.Tuple.tuple("timeout", "*", 2L, 10L));
        assertThat(p.failureIndicators()).allSatisfy(f -> assertThat(f.transientFailure()).isTrue());
    }

    @Test
    void trendsHaveMeansPercentilesAndTimeouts() {
        PerformanceTrend t = AdaptiveLearning.analyzeInteractionPatterns(toolA()).performanceTrends().get(0);
        assertThat(t.calls()).isEqualTo(10);
        assertThat(t.meanLatencyMicros()).isCloseTo((8 * 1000 + 2 * 5_000_000) / 10.0, within(1e-9));
        // 1000 µs falls in the bucket [960, 1024): its midpoint is reported
        assertThat(t.p50Micros()).isEqualTo(992);
        assertThat(t.p99Micros()).isEqualTo(992);
        assertThat(t.timeouts()).isEqualTo(2);
        assertThat(t.ewmaFailureRate()).isGreaterThan(0).isLessThan(0.2);
        assertThat(t.latencyChange()).isEmpty();
    }

    @Test
    void detectsALatencyStepWhereItBegan() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            xs.add(call(i, "e", true, i <= 200 ? 1000 : 4000, 10));
        }
        PerformanceTrend t = AdaptiveLearning.analyzeInteractionPatterns(xs).performanceTrends().get(0);
        ChangePoint c = t.latencyChange().orElseThrow();
        assertThat(c.sequence()).isEqualTo(201);
        assertThat(c.time()).isEqualTo(at(201));
        assertThat(c.detectedAt()).isBetween(202L, 260L);
        assertThat(c.before()).isCloseTo(1000, within(1e-6));
        assertThat(c.after()).isCloseTo(4000, within(1e-6));
        assertThat(c.countBefore()).isEqualTo(200);
        assertThat(c.countAfter()).isEqualTo(200);
        assertThat(c.confidence()).isEqualTo(1.0);
    }

    @Test
    void detectsAFailureStep() {
        List<LearningExperience> xs = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            xs.add(call(i, "f", i <= 300, 1000, 10));
        }
        ChangePoint c = AdaptiveLearning.analyzeInteractionPatterns(xs).performanceTrends().get(0).failureChange()
                .orElseThrow();
        assertThat(c.sequence()).isEqualTo(301);
        assertThat(c.before()).isEqualTo(0.0);
        assertThat(c.after()).isEqualTo(1.0);
    }

    @Test
    void preferencesFromRatings() {
        List<LearningExperience> xs = List.of(
                LearningExperience.feedback(at(1), "s1", "", "tool:a", 5, ""),
                LearningExperience.feedback(at(2), "s1", "", "tool:a", 4, "ok"),
                LearningExperience.feedback(at(3), "s1", "", "tool:a", 2, ""),
                LearningExperience.feedback(at(4), "s1", "r", "", 1, "")); // not resolved: skipped
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(xs);
        assertThat(p.userPreferences()).singleElement().satisfies(u -> {
            assertThat(u.provider()).isEqualTo("tool:a");
            assertThat(u.ratings()).isEqualTo(3);
            assertThat(u.meanRating()).isCloseTo(11.0 / 3, within(1e-12));
            assertThat(u.positive()).isEqualTo(2);
            assertThat(u.negative()).isEqualTo(1);
        });
    }

    @Test
    void routingArmsWithOffPolicySums() {
        List<LearningExperience> xs = List.of(routedCall(1, "sum", "a", true, 0.5),
                routedCall(2, "sum", "a", true, 0.5), routedCall(3, "sum", "b", false, 0.25));
        InteractionPatterns.RoutingPattern r = AdaptiveLearning.analyzeInteractionPatterns(xs).routing().get(0);
        assertThat(r.capability()).isEqualTo("sum");
        assertThat(r.decisions()).isEqualTo(3);
        assertThat(r.withOutcome()).isEqualTo(3);
        assertThat(r.arms()).extracting(ArmPattern::agent, ArmPattern::successes, ArmPattern::failures)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple("b", 0L, 1L));
        OffPolicy.ActionLog a = r.arms().get(0).log();
        assertThat(a.n()).isEqualTo(2);
        assertThat(a.sumInvP()).isEqualTo(4.0);
        assertThat(a.sumRInvP()).isEqualTo(4.0);
        assertThat(r.arms().get(1).log().sumInvP()).isEqualTo(4.0);
        assertThat(r.arms().get(1).log().sumRInvP()).isEqualTo(0.0);
        // IPS of "always a" = (4 + 0) / 3
        assertThat(OffPolicy.ips(List.of(a, r.arms().get(1).log()), Map.of("a", 1.0), 1.96).value())
                .isCloseTo(4.0 / 3, within(1e-12));
    }

    @Test
    void repetitionIsWhatACacheWouldHaveAnswered() {
        List<LearningExperience> xs = new ArrayList<>();
        // tool c: same arguments at 0, 10, 20 s (miss, hit, hit), then at 100 s (expired: miss)
        for (int s : new int[]{0, 10, 20, 100}) {
            xs.add(call(s, "c", true, 1000, 10).withInputFingerprint(99));
        }
        // tool d: a failure is not cached: fail, miss (stores), hit
        xs.add(call(0, "d", false, 1000, 10).withInputFingerprint(5));
        xs.add(call(1, "d", true, 1000, 10).withInputFingerprint(5));
        xs.add(call(2, "d", true, 1000, 10).withInputFingerprint(5));
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(xs);
        assertThat(p.repetition()).extracting(InteractionPatterns.RepetitionPattern::provider,
                        InteractionPatterns.RepetitionPattern::fingerprinted,
                        InteractionPatterns.RepetitionPattern::repeats)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tool:c", 4L, 2L),
                        org.assertj.core.groups.Tuple.tuple("tool:d", 3L, 1L));
    }

    @Test
    void countsDroppedEventsAndIgnoresOutcomelessRequests() {
        List<LearningExperience> xs = List.of(
                new LearningExperience(0, at(1), "", "", ExperienceKind.EVENTS_DROPPED, "handler:learning", "", "",
                        "", -1, -1, 0, Map.of("dropped", 7L), 0, 0, List.of()),
                LearningExperience.request(at(2), "s", "r", "x", "", "", 5, 5));
        InteractionPatterns p = AdaptiveLearning.analyzeInteractionPatterns(xs);
        assertThat(p.droppedEvents()).isEqualTo(7);
        assertThat(p.successIndicators()).isEmpty();
    }

    @Test
    void emptyInputGivesEmptyPatterns() {
        assertThat(AdaptiveLearning.analyzeInteractionPatterns(List.of())).isEqualTo(InteractionPatterns.EMPTY);
    }
}
