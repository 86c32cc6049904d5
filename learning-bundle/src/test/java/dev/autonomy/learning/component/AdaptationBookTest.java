package dev.autonomy.learning.component;

import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.core.AdaptationState;
import dev.autonomy.learning.core.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptationBookTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path dir;

    private static Adaptation routing(String id) {
        return new Adaptation(id, Adaptation.Kind.ROUTING, "capability:c", Map.of("capability", "c", "agents",
                java.util.List.of("a", "b"), "floor", 0.02), 0.1, Adaptation.Metric.FAILURE, 0,
                Adaptation.Status.PROPOSED, T0, null, null, new Evidence(40, 0.3, 0.99), "route c");
    }

    @Test
    void everyChangeIsOnDiskAndReadBack() throws IOException {
        AdaptationBook b = AdaptationBook.open(dir);
        b.put(routing("a1"), "proposed");
        b.update("a1", e -> e.with(e.adaptation().withStatus(Adaptation.Status.ACTIVE, T0.plusSeconds(1)))
                .withEffect(Map.of("adaptation", "a1")).withNote("active"));
        b.report("a1", Map.of("verdict", "continue"));
        b.put(routing("a2"), "proposed");

        AdaptationBook again = AdaptationBook.open(dir);
        assertThat(again.all()).extracting(Adaptation::id).containsExactly("a1", "a2");
        AdaptationBook.Entry e = again.get("a1").orElseThrow();
        assertThat(e.adaptation().status()).isEqualTo(Adaptation.Status.ACTIVE);
        assertThat(e.adaptation().startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(e.note()).isEqualTo("active");
        assertThat(e.effect()).containsEntry("adaptation", "a1");
        assertThat(e.report()).containsEntry("verdict", "continue");
        assertThat(again.lastError()).isEmpty();
    }

    @Test
    void aDamagedFileIsKeptAsideAndTheBookStartsEmpty() throws IOException {
        Files.writeString(dir.resolve(AdaptationBook.FILE), "{\"adaptations\": [ {\"id\": ");
        AdaptationBook b = AdaptationBook.open(dir);
        assertThat(b.all()).isEmpty();
        assertThat(b.lastError()).contains("could not be read");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(AdaptationBook.FILE + ".damaged-"));
        }
    }

    @Test
    void onlyTheNewestClosedAdaptationsAreKept() throws IOException {
        AdaptationBook b = AdaptationBook.open(dir);
        b.put(routing("open"), "proposed");
        for (int i = 0; i < AdaptationBook.MAX_CLOSED + 5; i++) {
            b.put(routing("c" + i).withStatus(Adaptation.Status.REJECTED, T0.plusSeconds(i)), "rejected");
        }
        assertThat(b.all()).hasSize(AdaptationBook.MAX_CLOSED + 1);
        assertThat(b.get("open")).isPresent();
        assertThat(b.get("c0")).isEmpty();
        assertThat(b.get("c" + (AdaptationBook.MAX_CLOSED + 4))).isPresent();
    }

    @Test
    void keptAdaptationsAreNeverForgottenOnlyDroppedOnesBeyondTheCap() throws IOException {
        AdaptationBook b = AdaptationBook.open(dir);
        b.put(routing("kept-old").withStatus(Adaptation.Status.ACTIVE, T0).withStatus(Adaptation.Status.KEPT, T0),
                "kept");
        b.update("kept-old", e -> e.withEffect(Map.of("tool", "t")).withValidated(true).withHoldoutPending(true));
        for (int i = 0; i < AdaptationBook.MAX_CLOSED + 5; i++) {
            b.put(routing("r" + i).withStatus(Adaptation.Status.REVERTED, T0.plusSeconds(1 + i)), "reverted");
        }
        assertThat(b.get("kept-old")).as("the oldest closed one, but kept: its record is its rollback recipe")
                .isPresent();
        assertThat(b.get("r0")).isEmpty();
        assertThat(b.all().stream().filter(a -> a.status().isDropped()).count()).isEqualTo(AdaptationBook.MAX_CLOSED);
        AdaptationBook.Entry again = AdaptationBook.open(dir).get("kept-old").orElseThrow();
        assertThat(again.validated()).isTrue();
        assertThat(again.holdoutPending()).isTrue();
        assertThat(again.effect()).containsEntry("tool", "t");
    }

    @Test
    void aBookWrittenBeforeStatesWereStoredOpensWithEachStateFromItsNote() throws IOException {
        // entries as the previous version wrote them: the state only in how the note begins
        java.util.List<Object> old = new java.util.ArrayList<>();
        old.add(oldEntry(routing("e1").withStatus(Adaptation.Status.REJECTED, T0.plusSeconds(1)),
                "expired: not approved within 24 h; proposed again if the evidence still holds"));
        old.add(oldEntry(routing("p1").withStatus(Adaptation.Status.ACTIVE, T0.plusSeconds(1)),
                "revert pending: the governor did not roll it back (leased); tried again at every cycle"));
        old.add(oldEntry(routing("a1").withStatus(Adaptation.Status.ACTIVE, T0.plusSeconds(1)),
                "active: applied by the governor"));
        old.add(oldEntry(routing("r1").withStatus(Adaptation.Status.REJECTED, T0.plusSeconds(1)),
                "rejected: mode off"));
        old.add(oldEntry(routing("q1"), "waiting for approval (autonomy:approve q1): mode suggest"));
        Files.writeString(dir.resolve(AdaptationBook.FILE), dev.autonomy.foundation.api.value.JsonText.write(
                Map.of("format", 1, "adaptations", old)));

        AdaptationBook b = AdaptationBook.open(dir);
        assertThat(b.lastError()).isEmpty();
        assertThat(b.get("e1").orElseThrow().state()).isEqualTo(AdaptationState.EXPIRED);
        assertThat(b.get("p1").orElseThrow().state()).isEqualTo(AdaptationState.REVERT_PENDING);
        assertThat(b.get("a1").orElseThrow().state()).isEqualTo(AdaptationState.ACTIVE);
        assertThat(b.get("r1").orElseThrow().state()).isEqualTo(AdaptationState.REJECTED);
        assertThat(b.get("q1").orElseThrow().state()).isEqualTo(AdaptationState.WAITING_FOR_APPROVAL);
        assertThat(b.get("e1").orElseThrow().note()).as("the words stay, for people")
                .startsWith("expired: not approved within 24 h");

        // saved again with the states, and read back from them (not from the notes)
        b.update("a1", e -> e.withNote("active: applied by the governor (preferences re-checked)"));
        AdaptationBook again = AdaptationBook.open(dir);
        assertThat(again.get("e1").orElseThrow().state()).isEqualTo(AdaptationState.EXPIRED);
        assertThat(again.get("p1").orElseThrow().state()).isEqualTo(AdaptationState.REVERT_PENDING);
        assertThat(Files.readString(dir.resolve(AdaptationBook.FILE))).contains("\"state\":\"revert_pending\"");
    }

    @Test
    void aStateThatDoesNotFitTheStatusFallsBackToTheStatussPlainState() throws IOException {
        AdaptationBook b = AdaptationBook.open(dir);
        b.put(routing("a1"), "proposed");
        b.update("a1", e -> e.withNote(AdaptationState.WAITING_FOR_APPROVAL, "waiting for approval"));
        assertThat(b.get("a1").orElseThrow().state()).isEqualTo(AdaptationState.WAITING_FOR_APPROVAL);
        b.update("a1", e -> e.with(e.adaptation().withStatus(Adaptation.Status.ACTIVE, T0.plusSeconds(1))));
        assertThat(b.get("a1").orElseThrow().state()).isEqualTo(AdaptationState.ACTIVE);
        b.update("a1", e -> e.withNote(AdaptationState.REVERT_PENDING, "revert pending: refused"));
        assertThat(AdaptationBook.open(dir).get("a1").orElseThrow().state()).isEqualTo(AdaptationState.REVERT_PENDING);
    }

    private static Map<String, Object> oldEntry(Adaptation a, String note) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(a.toJson());
        m.put("note", note);
        return m;
    }
}
