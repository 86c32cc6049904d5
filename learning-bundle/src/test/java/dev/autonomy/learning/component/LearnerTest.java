package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.value.JsonText;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.Holdout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The facade: routing learned, applied, advised, evaluated, halted and reverted by hand; restarts; patterns analysed
 * on demand between cycles; the status.
 */
class LearnerTest extends LearnerFixture {

    // ------------------------------------------------------------------ routing

    @Test
    void learnsRoutingAppliesItThroughTheGovernorAndAdvisesAllButTheHoldout() throws IOException {
        agents.put("c", List.of("good", "bad"));
        governor.withMode("learning.routing", Mode.AUTO);
        Learner l = learner();
        routeCalls(l, 60);
        awaitRecorded(l, 120); // each call: the routing decision and the agent_route request
        l.runCycle();

        Adaptation a = only(l, Adaptation.Kind.ROUTING);
        assertThat(a.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(a.target()).isEqualTo("capability:c");
        assertThat(governor.entries(AuditEntry.Type.PROPOSED)).extracting(AuditEntry::proposalId)
                .containsExactly(a.id());

        int advised = 0;
        int holdout = 0;
        for (int i = 0; i < 400; i++) {
            String rid = "probe-" + i;
            Optional<Enhancement> e = l.advice(route(rid, "c"));
            if (Holdout.isHoldout(rid, a.id(), a.holdoutShare())) {
                holdout++;
                assertThat(e).as("no advice for the holdout").isEmpty();
            } else {
                advised++;
                Map<String, Double> w = e.orElseThrow().routing().orElseThrow().weights();
                assertThat(w.get("good")).isGreaterThan(0.9);
                assertThat(w.get("bad")).isGreaterThanOrEqualTo(0.02);
            }
        }
        assertThat(holdout).isBetween(20, 60);
        assertThat(advised).isGreaterThan(300);
        assertThat(l.advice(route("x", "other"))).isEmpty();
        assertThat(l.advice(new McpRequest("s1", "y", Optional.empty(), McpRequest.TOOLS_CALL, "text_reverse",
                Map.of("capability", "c"), null, Instant.now(), 0))).isEmpty();

        // learn:evaluate estimates what is served: the learned weights mixed with the holdout
        assertThat(l.evaluate()).singleElement().satisfies(row -> {
            assertThat(row.policy()).isEqualTo("learned+holdout");
            assertThat(row.holdoutShare()).isEqualTo(a.holdoutShare());
        });

        l.halt();
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("h" + i, "c")))
                .allMatch(Optional::isEmpty)).as("halted: no advice").isTrue();
        assertThat(l.evaluate()).singleElement().satisfies(row -> assertThat(row.policy()).isEqualTo("uniform"));
        assertThat(l.context(route("h", "c"))).containsEntry("halted", true);
        l.resume();
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("r" + i, "c")))
                .anyMatch(Optional::isPresent)).isTrue();
        assertThat(l.context(route("h", "c"))).containsKeys("learning_history", "current_adaptations",
                "learning_opportunities", "learning_effectiveness");
    }

    @Test
    void aRunningExperimentSurvivesARestart() throws IOException {
        agents.put("c", List.of("good", "bad"));
        governor.withMode("learning.routing", Mode.AUTO);
        Learner l = learner();
        routeCalls(l, 60);
        awaitRecorded(l, 120);
        l.runCycle();
        String id = only(l, Adaptation.Kind.ROUTING).id();
        l.close();
        open.remove(l);

        Learner again = learner();
        Adaptation a = only(again, Adaptation.Kind.ROUTING);
        assertThat(a.id()).isEqualTo(id);
        assertThat(a.status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> again.advice(route("n" + i, "c")))
                .anyMatch(Optional::isPresent)).as("advice before the first cycle after the restart").isTrue();
        again.runCycle();
        assertThat(again.snapshot().patterns().experiences()).isEqualTo(120L);
    }

    @Test
    void anOperatorRevertsByHandThroughTheGovernor() throws IOException {
        agents.put("c", List.of("good", "bad"));
        governor.withMode("learning.routing", Mode.AUTO);
        Learner l = learner();
        routeCalls(l, 60);
        awaitRecorded(l, 120);
        l.runCycle();
        String id = l.resolveId("learning-routing");
        ExecutionResult r = l.revert(id, Actor.operator("me"));
        assertThat(r.success()).as(r.message()).isTrue();
        assertThat(rollbacks()).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(Actor.operator("me")));
        assertThat(only(l, Adaptation.Kind.ROUTING).status()).isEqualTo(Adaptation.Status.REVERTED);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> l.advice(route("v" + i, "c")))
                .allMatch(Optional::isEmpty)).isTrue();
        assertThat(l.revert(id, Actor.operator("me")).message()).contains("reverted already");
        assertThatThrownBy(() -> l.resolveId("nope")).hasMessageContaining("no adaptation 'nope'");
    }

    // ------------------------------------------------------------------ analysis on demand

    @Test
    void thePatternsShowNewExperiencesBeforeAnyCycleWhichAloneProposes() throws IOException {
        Learner l = afterFlakyCalls("flaky", 60);
        Learner.Analyzed now = l.patterns();
        assertThat(now.at()).isEqualTo(clock.instant());
        assertThat(now.patterns().experiences()).isEqualTo(60);
        assertThat(now.patterns().performanceTrends()).singleElement().satisfies(t -> {
            assertThat(t.provider()).isEqualTo("tool:flaky");
            assertThat(t.calls()).isEqualTo(60);
        });
        assertThat(now.knowledge().all()).as("what a cycle would propose from").isNotEmpty();
        assertThat(l.snapshot().cycles()).isZero();
        assertThat(l.adaptations()).as("proposals come from cycles only").isEmpty();
        assertThat(governor.entries(AuditEntry.Type.PROPOSED)).isEmpty();

        flakyCalls(l, "flaky", 6);
        awaitRecorded(l, 66);
        assertThat(l.patterns()).as("reused for a few seconds").isSameAs(now);
        clock.advance(Learner.ON_DEMAND_REUSE);
        assertThat(l.patterns().patterns().experiences()).isEqualTo(66);

        clock.advance(Learner.ON_DEMAND_REUSE);
        l.runCycle();
        flakyCalls(l, "flaky", 3);
        awaitRecorded(l, 69);
        Learner.Analyzed cycle = l.patterns();
        assertThat(cycle.at()).as("the cycle's analysis, the latest, is reused too").isEqualTo(l.snapshot().at());
        assertThat(cycle.patterns()).isEqualTo(l.snapshot().patterns());
        assertThat(only(l, Adaptation.Kind.RETRY).status()).isEqualTo(Adaptation.Status.ACTIVE);
    }

    @Test
    void theStatusAndThePatternsSayWhenTheNextCycleRuns() throws IOException {
        Learner l = learner();
        assertThat(l.status()).containsEntry("nextCycle", "").containsEntry("nextCycleIn", "not scheduled");
        l.start();
        Map<String, Object> status = l.status();
        Instant next = Instant.parse((String) status.get("nextCycle"));
        assertThat(next).isBetween(clock.instant().plusSeconds(50), clock.instant().plusSeconds(60));
        assertThat((String) status.get("nextCycleIn")).matches("in (5[0-9]|60) s");
        assertThat(l.nextCycle()).containsOnlyKeys("nextCycle", "nextCycleIn");
    }

    // ------------------------------------------------------------------ privacy, status

    @Test
    void theStatusShowsErrorsAsAClassAndAReferenceNeverTheirTextOrPaths() throws IOException {
        Learner l = learner();
        environmentFailure = new IllegalStateException("cannot read /srv/secret/place/config.json");
        l.cycleQuietly();
        environmentFailure = null;
        java.nio.file.Files.createDirectories(dir.resolve(AdaptationBook.FILE + ".tmp")); // saving fails
        tools.put("flaky", IDEMPOTENT);
        flakyCalls(l, "flaky", 60);
        awaitRecorded(l, requests);
        l.runCycle(); // proposes: the book cannot be saved
        Map<String, Object> status = l.status();
        assertThat(status.get("lastCycleError").toString()).matches("IllegalStateException \\(ref [0-9a-f]{8}\\)");
        assertThat(status.get("adaptationsError").toString()).matches("[A-Za-z]+Exception \\(ref [0-9a-f]{8}\\)");
        assertThat(JsonText.write(status)).doesNotContain("/srv").doesNotContain(dir.toString())
                .doesNotContain("secret");
    }
}
