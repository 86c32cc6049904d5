package dev.autonomy.control.store;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.ActionRecord;
import dev.autonomy.control.core.AppliedAction;
import dev.autonomy.control.core.EndedProposal;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.core.HaltState;
import dev.autonomy.control.core.QueuedProposal;
import dev.autonomy.control.engine.ControlStore;
import dev.autonomy.control.engine.Governor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MvControlStoreTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void stateQueueAppliedEndedActionsAndHistorySurviveAReopenAfterACommit() throws Exception {
        ProposedAction a = ProposedAction.of("learning", "tool.policy", "tool:x", Map.of("retries", 2,
                "weights", Map.of("a", 0.5)), true, "fewer errors", T);
        ProposedAction b = ProposedAction.of("goals", "goal.create", "goal:1", Map.of(), false, "", T);
        AppliedAction applied = new AppliedAction(a, ExecutionResult.ok("set", Map.of("previous", 1)), 5, 600_005,
                AppliedAction.State.OPEN, 0, 42);
        EndedProposal ended = new EndedProposal("p9", "goals", ActionState.WITHDRAWN, 30);
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            MvControlStore s = db.state();
            s.putHalt(new HaltState("tests", "operator:ann", 3));
            s.putPaused("learning", "why");
            s.putPaused("goals", "other");
            s.putMode("learning", Mode.OFF);
            s.putNoGainStreak("learning", 4);
            s.putGoneSince("goals", 17);
            s.putRollbackTimes("learning|tool:x", new long[]{1, 2, 3});
            s.putQueued(new QueuedProposal(b, 7, 2));
            s.putQueued(new QueuedProposal(a, 7, 1));
            s.putApplied(applied);
            s.putEnded(ended);
            s.recordAction(new ActionRecord(10, "learning", "tool.policy"));
            s.recordAction(new ActionRecord(20, "goals", "goal.create"));
            // the journal's commit makes it durable
            db.journal().append(AuditEntry.draft(AuditEntry.Type.HALTED, null, null, null, null, Actor.SYSTEM,
                    "x", Map.of()));
            db.closeImmediately();
        }
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            MvControlStore s = db.state();
            assertThat(s.halt()).contains(new HaltState("tests", "operator:ann", 3));
            assertThat(s.paused()).containsExactly(Map.entry("goals", "other"), Map.entry("learning", "why"));
            assertThat(s.modes()).containsExactly(Map.entry("learning", Mode.OFF));
            assertThat(s.noGainStreaks()).containsExactly(Map.entry("learning", 4));
            assertThat(s.goneSince()).containsExactly(Map.entry("goals", 17L));
            assertThat(s.rollbackTimes().get("learning|tool:x")).containsExactly(1, 2, 3);
            assertThat(s.queued()).extracting(q -> q.action().id()).containsExactly(a.id(), b.id());
            assertThat(s.queued().get(0).action()).isEqualTo(a);
            assertThat(s.applied()).containsExactly(applied);
            assertThat(s.ended()).containsExactly(ended);
            assertThat(s.actionsAfter(10)).containsExactly(new ActionRecord(20, "goals", "goal.create"));
            s.pruneActionsUpTo(15);
            assertThat(s.actionsAfter(0)).hasSize(1);
            s.removeQueued(s.queued().get(0));
            assertThat(s.queued()).hasSize(1);
            s.removeEnded(ended);
            assertThat(s.ended()).isEmpty();
        }
    }

    @Test
    void aFailedResultKeepsItsFailureCode() throws Exception {
        ProposedAction a = ProposedAction.of("learning", "tool.policy", "tool:x", Map.of(), true, "", T);
        AppliedAction rec = new AppliedAction(a, ExecutionResult.ok("set", Map.of()), 5, 0,
                AppliedAction.State.CLOSED, 9);
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            db.state().putApplied(rec);
            assertThat(db.state().applied().get(0).result().failure()).isEqualTo(FailureCode.NONE);
        }
    }

    /** A store written by release 0.1 (format 1: small state as tab- and comma-joined text in one map). */
    private void writeFormatOne(Path file, ProposedAction queued, long now) {
        MVStore mv = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<String, String> state = mv.openMap("state");
        state.put("halt", (now - 5_000) + "\toperator:ann\tmaintenance window");
        state.put("paused|goals", "3 rollbacks of goal:1 within 60 min");
        state.put("mode|learning.tool.policy", "auto");
        state.put("mode|broken", "sometimes");
        state.put("nogain|learning", "2");
        state.put("gone|goals", Long.toString(now - 1_000));
        state.put("rollbacks|goals|goal:1", (now - 3_000) + "," + (now - 2_000) + "," + (now - 1_000));
        Codec codec = new Codec();
        mv.<String, String>openMap("approvals").put(MvControlStore.key(1, queued.id()),
                codec.queued(new QueuedProposal(queued, now - 10_000, 1)));
        MVMap<Long, String> actions = mv.openMap("actions");
        actions.put(1L, (now - 60_000) + "\tlearning\ttool.policy");
        actions.put(2L, "damaged");
        mv.close();
    }

    @Test
    void aStoreOfReleaseZeroOneIsMigratedOnFirstOpenAndTheGovernorSeesItsState() throws Exception {
        long now = T.toEpochMilli();
        ProposedAction queued = ProposedAction.of("learning", "tool.policy", "tool:y", Map.of(), true, "", T);
        Files.createDirectories(dir);
        writeFormatOne(dir.resolve(ControlDatabase.FILE), queued, now);

        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            MvControlStore s = db.state();
            assertThat(StoreFormat.of(db.mvStore())).isEqualTo(ControlStore.FORMAT);
            assertThat(db.mvStore().hasMap("state")).isFalse();
            assertThat(s.halt()).contains(new HaltState("maintenance window", "operator:ann", now - 5_000));
            assertThat(s.paused()).containsOnlyKeys("goals");
            assertThat(s.modes()).containsExactly(Map.entry("learning.tool.policy", Mode.AUTO));
            assertThat(s.noGainStreaks()).containsExactly(Map.entry("learning", 2));
            assertThat(s.goneSince()).containsExactly(Map.entry("goals", now - 1_000));
            assertThat(s.rollbackTimes().get("goals|goal:1")).containsExactly(now - 3_000, now - 2_000, now - 1_000);
            assertThat(s.actionsAfter(0)).containsExactly(new ActionRecord(now - 60_000, "learning", "tool.policy"));

            Governor g = new Governor(Clock.fixed(T, ZoneOffset.UTC), s, db.journal()::append, List::of,
                    GovernorSettings.DEFAULTS);
            assertThat(g.isHalted()).isTrue();
            assertThat(g.pausedCapabilities()).containsOnlyKeys("goals");
            assertThat(g.mode("learning", "tool.policy")).isEqualTo(Mode.AUTO);
            assertThat(g.state(queued.id())).contains(ActionState.QUEUED);
            assertThat(g.status().actionsLastHour()).isEqualTo(1);
        }
        // opened again: already format 2, nothing changes
        try (ControlDatabase db = ControlDatabase.open(dir, Clock.systemUTC())) {
            assertThat(db.state().halt()).isPresent();
            assertThat(db.state().queued()).hasSize(1);
        }
    }

    @Test
    void aStoreOfANewerFormatIsRefusedRatherThanMisread() throws Exception {
        Files.createDirectories(dir);
        MVStore mv = new MVStore.Builder().fileName(dir.resolve(ControlDatabase.FILE).toString()).open();
        mv.<String, String>openMap(StoreFormat.META).put(StoreFormat.FORMAT, "99");
        mv.close();
        assertThatThrownBy(() -> ControlDatabase.open(dir, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 99");
    }
}
