package dev.autonomy.learning.component;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.store.StoreSettings;
import dev.autonomy.testkit.MutableClock;
import dev.autonomy.testkit.TestGovernor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learner with a governor, tool policies and a container in memory: events in, cycles run by hand. The tests of
 * each part of the learner extend this.
 */
abstract class LearnerFixture {

    static final ToolAnnotations IDEMPOTENT = new ToolAnnotations(null, true, false, true, false, false);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    /** The real governor in memory, on the learner's clock; every mode suggest unless a test sets one. */
    TestGovernor governor = new TestGovernor(clock, GovernorSettings.DEFAULTS);
    final FakePolicies policies = new FakePolicies();
    final Map<String, ToolAnnotations> tools = new LinkedHashMap<>();
    final Map<String, List<String>> agents = new LinkedHashMap<>();
    final List<Learner> open = new ArrayList<>();
    boolean governorPresent = true;
    RuntimeException environmentFailure;
    int requests;

    LearningOptions options = LearningOptions.DEFAULTS.withRandomSeed(7)
            .withStore(StoreSettings.DEFAULTS.withSync(false).withGroupCommitMillis(0));

    Learner learner() throws IOException {
        Learner l = new Learner(dir, options, clock, new LearningEnvironment() {
            @Override
            public Optional<AutonomyGovernor> governor() {
                if (environmentFailure != null) {
                    throw environmentFailure;
                }
                return governorPresent ? Optional.of(governor) : Optional.empty();
            }

            @Override
            public Map<String, ToolAnnotations> tools() {
                return Map.copyOf(tools);
            }

            @Override
            public Map<String, List<String>> agentsByCapability() {
                return Map.copyOf(agents);
            }
        }, policies);
        governor.executor(Learner.CAPABILITY, l::apply, l::rollback); // as LearningComponent, its executor
        open.add(l);
        return l;
    }

    /** The validations the governor journaled, oldest first (data: improved, done, evidence). */
    List<AuditEntry> validations() {
        return governor.entries(AuditEntry.Type.VALIDATED);
    }

    /** The rollbacks the governor carried out, oldest first (data: reason, message, effect). */
    List<AuditEntry> rollbacks() {
        return governor.entries(AuditEntry.Type.ROLLED_BACK);
    }

    /** An object in a journal entry's data (the evidence of a validation, the effect of a rollback). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> data, String key) {
        return (Map<String, Object>) data.get(key);
    }

    @AfterEach
    void close() {
        open.forEach(Learner::close);
    }

    // ------------------------------------------------------------------ events

    String nextId() {
        return "req-" + (++requests);
    }

    SessionEvent routed(String rid, String capability, String chosen, double propensity) {
        return new SessionEvent(SessionEventTypes.AGENT_ROUTED, "s1", rid, clock.instant(), Map.of(
                SessionEventTypes.CAPABILITY, capability, SessionEventTypes.CHOSEN, chosen,
                SessionEventTypes.CANDIDATES, List.of("good", "bad"), SessionEventTypes.PROPENSITY, propensity));
    }

    SessionEvent end(String rid, String tool, String outcome, Map<String, Object> extra) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(SessionEventTypes.TOOL, tool);
        d.put(SessionEventTypes.DURATION_MICROS, 1000L);
        d.put(SessionEventTypes.OUTCOME, outcome);
        d.put(SessionEventTypes.ARGUMENT_BYTES, 20L);
        d.put(SessionEventTypes.DEPTH, 0L);
        d.putAll(extra);
        boolean ok = outcome.equals(SessionEventTypes.OUTCOME_SUCCESS);
        if (!ok) {
            d.put(SessionEventTypes.ERROR_CLASS, outcome.equals(SessionEventTypes.OUTCOME_INTERNAL_ERROR)
                    ? "IllegalStateException" : "ToolError");
        }
        return new SessionEvent(ok ? SessionEventTypes.REQUEST_COMPLETED : SessionEventTypes.REQUEST_FAILED, "s1", rid,
                clock.instant(), d);
    }

    /** {@code n} routed calls of capability c, alternating good and bad; the bad agent fails every third call. */
    void routeCalls(Learner l, int n) {
        for (int i = 0; i < n; i++) {
            String rid = nextId();
            boolean good = i % 2 == 0;
            l.onEvent(routed(rid, "c", good ? "good" : "bad", 0.5));
            boolean ok = good || (i / 2) % 3 != 0;
            l.onEvent(end(rid, "agent_route", ok ? SessionEventTypes.OUTCOME_SUCCESS
                    : SessionEventTypes.OUTCOME_TOOL_ERROR, Map.of()));
        }
    }

    void awaitRecorded(Learner l, long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (((Number) l.status().get("experiencesRecorded")).longValue() < n) {
            assertThat(System.nanoTime()).as("recorded " + n).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    static McpRequest route(String requestId, String capability) {
        return new McpRequest("s1", requestId, Optional.empty(), McpRequest.TOOLS_CALL, "agent_route",
                Map.of("capability", capability, "input", Map.of()), null, Instant.now(), 0);
    }

    Adaptation only(Learner l, Adaptation.Kind kind) {
        List<Map<String, Object>> all = l.adaptations();
        return all.stream().filter(m -> m.get("kind").equals(kind.name().toLowerCase()))
                .map(Adaptation::fromJson).findFirst().orElseThrow(() -> new AssertionError("no " + kind + ": "
                        + all));
    }

    String noteOf(Learner l, String id) {
        return l.adaptations().stream().filter(m -> m.get("id").equals(id)).map(m -> (String) m.get("note"))
                .findFirst().orElseThrow();
    }

    /** {@code n} calls of tool t; every third fails with an exception (a transient failure). */
    void flakyCalls(Learner l, String tool, int n) {
        for (int i = 0; i < n; i++) {
            l.onEvent(end(nextId(), tool, i % 3 == 0 ? SessionEventTypes.OUTCOME_INTERNAL_ERROR
                    : SessionEventTypes.OUTCOME_SUCCESS, Map.of()));
        }
    }

    /** Calls as the foundation reports them under an experiment. */
    void taggedCalls(Learner l, String tool, String experiment, boolean holdout, int n, int failEvery) {
        for (int i = 0; i < n; i++) {
            boolean fail = failEvery > 0 && i % failEvery == 0;
            l.onEvent(end(nextId(), tool, fail ? SessionEventTypes.OUTCOME_INTERNAL_ERROR
                    : SessionEventTypes.OUTCOME_SUCCESS, Map.of(SessionEventTypes.EXPERIMENT, experiment,
                    SessionEventTypes.VARIANT, holdout ? "holdout" : "treatment")));
        }
    }

    /** A learner in mode auto that recorded {@code n} calls of tool t, every third failing; no cycle has run. */
    Learner afterFlakyCalls(String tool, int n) throws IOException {
        tools.put(tool, IDEMPOTENT);
        governor.withMode("learning", Mode.AUTO);
        Learner l = learner();
        flakyCalls(l, tool, n);
        awaitRecorded(l, requests);
        return l;
    }

    /** A retry of tool {@code tool}, active. */
    Adaptation activeRetry(Learner l, String tool) {
        tools.put(tool, IDEMPOTENT);
        governor.withMode("learning", Mode.AUTO);
        flakyCalls(l, tool, 60);
        awaitRecorded(l, requests);
        l.runCycle();
        Adaptation a = only(l, Adaptation.Kind.RETRY);
        assertThat(a.status()).isEqualTo(Adaptation.Status.ACTIVE);
        clock.advance(Duration.ofSeconds(5));
        return a;
    }
}
