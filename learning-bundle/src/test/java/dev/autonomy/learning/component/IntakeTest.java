package dev.autonomy.learning.component;

import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.learning.store.ExperienceStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Intake: the recent requests read from the store; what is stored of capability gaps. */
class IntakeTest extends LearnerFixture {

    // ------------------------------------------------------------------ recent requests

    @Test
    void aSecondReadOfTheRecentRequestsBringsNoForgottenSessionBack() throws IOException {
        try (ExperienceStore store = ExperienceStore.open(dir, options.store(), clock)) {
            Intake intake = new Intake(store, clock, () -> options, new byte[32]);
            // read at the same time by a cycle and by the analysis on demand
            LinkedHashMap<String, Intake.Recent> first = Intake.recentRequests();
            first.put("r1", new Intake.Recent("tool:a", "s1"));
            LinkedHashMap<String, Intake.Recent> second = new LinkedHashMap<>(first);
            assertThat(intake.needsWarming()).isTrue();
            intake.warmed(first);
            assertThat(intake.needsWarming()).isFalse();
            assertThat(intake.recentRequest("r1")).contains(new Intake.Recent("tool:a", "s1"));
            intake.forget("s1");
            intake.warmed(second);
            assertThat(intake.recentRequest("r1")).isEmpty();
        }
    }

    // ------------------------------------------------------------------ privacy, status

    @Test
    void capabilityGapsKeepNoRawNamesUnlessRawValuesAreKept() throws IOException {
        Learner l = learner();
        for (int i = 0; i < 2; i++) {
            l.onEvent(new SessionEvent(SessionEventTypes.CAPABILITY_GAP, "s1", "g" + i, clock.instant(), Map.of(
                    SessionEventTypes.CAPABILITY, "payroll.export", SessionEventTypes.INPUT_SHAPE,
                    Map.of("employeeEmail", "string", "salary", "number"))));
        }
        awaitRecorded(l, 2);
        l.close();
        open.remove(l);
        List<dev.autonomy.learning.core.LearningExperience> stored;
        try (var store = dev.autonomy.learning.store.ExperienceStore.open(dir, options.store(), clock)) {
            stored = store.scan(Instant.EPOCH);
        }
        assertThat(stored).hasSize(2).allSatisfy(x -> {
            assertThat(x.provider()).matches("capability:#[0-9a-f]{16}");
            assertThat(x.inputFeatures()).isEqualTo(Map.of("fields", 2L, "fieldTypes", Map.of("number", 1L,
                    "string", 1L)));
            assertThat(x.toString()).doesNotContain("payroll").doesNotContain("employeeEmail");
        });
        assertThat(stored.get(0).provider()).as("repeated gaps still group").isEqualTo(stored.get(1).provider());

        options = options.withKeepRawValues(true);
        Learner raw = learner();
        raw.onEvent(new SessionEvent(SessionEventTypes.CAPABILITY_GAP, "s1", "g9", clock.instant(), Map.of(
                SessionEventTypes.CAPABILITY, "payroll.export", SessionEventTypes.INPUT_SHAPE,
                Map.of("employeeEmail", "string"))));
        awaitRecorded(raw, 1);
        raw.close();
        open.remove(raw);
        try (var store = dev.autonomy.learning.store.ExperienceStore.open(dir, options.store(), clock)) {
            assertThat(store.scan(Instant.EPOCH).get(2).provider()).isEqualTo("capability:payroll.export");
        }
    }
}
