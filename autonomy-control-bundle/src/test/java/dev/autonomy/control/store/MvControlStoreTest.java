package dev.autonomy.control.store;

import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.action.Actor;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.QueuedProposal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MvControlStoreTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void stateQueueAppliedActionsAndHistorySurviveAReopenAfterACommit() throws Exception {
        ProposedAction a = ProposedAction.of("learning", "tool.policy", "tool:x", Map.of("retries", 2,
                "weights", Map.of("a", 0.5)), true, "fewer errors", T);
        ProposedAction b = ProposedAction.of("goals", "goal.create", "goal:1", Map.of(), false, "", T);
        AppliedAction applied = new AppliedAction(a, ExecutionResult.ok("set", Map.of("previous", 1)), 5, 600_005,
                AppliedAction.State.OPEN, 0);
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            MvControlStore s = db.state();
            s.put("paused|learning", "why");
            s.put("paused|goals", "other");
            s.put("mode|learning", "off");
            s.putQueued(new QueuedProposal(b, 7, 2));
            s.putQueued(new QueuedProposal(a, 7, 1));
            s.putApplied(applied);
            s.recordAction(new ActionRecord(10, "learning", "tool.policy"));
            s.recordAction(new ActionRecord(20, "goals", "goal.create"));
            // the journal's commit makes it durable
            db.journal().append(AuditEntry.draft(AuditEntry.Type.HALTED, null, null, null, null, Actor.SYSTEM,
                    "x", Map.of()));
            db.closeImmediately();
        }
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            MvControlStore s = db.state();
            assertThat(s.withPrefix("paused|")).containsExactly(Map.entry("paused|goals", "other"),
                    Map.entry("paused|learning", "why"));
            assertThat(s.get("mode|learning")).isEqualTo("off");
            assertThat(s.queued()).extracting(q -> q.action().id()).containsExactly(a.id(), b.id());
            assertThat(s.queued().get(0).action()).isEqualTo(a);
            assertThat(s.applied()).containsExactly(applied);
            assertThat(s.actionsAfter(10)).containsExactly(new ActionRecord(20, "goals", "goal.create"));
            s.pruneActionsUpTo(15);
            assertThat(s.actionsAfter(0)).hasSize(1);
            s.removeQueued(s.queued().get(0));
            assertThat(s.queued()).hasSize(1);
            assertThat(List.copyOf(s.withPrefix("nothing|").keySet())).isEmpty();
        }
    }
}
