package dev.autonomy.creator.propose;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.creator.deploy.AgentDeployment;
import dev.autonomy.creator.deploy.AgentStore;
import dev.autonomy.creator.pipeline.CreatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The governor's side of the creator: applies and rolls back approved proposals (serve a revision, remove an
 * agent) and keeps {@code data/}'s state of each agent in step. One lock per agent id: approvals, rollbacks and
 * the start-up reconcile of one agent never overlap.
 */
public final class ChangeExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeExecutor.class);

    private final AgentStore store;
    private final AgentDeployment deployment;
    private final CreationLedger ledger;
    private final Supplier<CreatorSettings> settings;
    private final Map<String, ReentrantLock> idLocks = new ConcurrentHashMap<>();

    public ChangeExecutor(AgentStore store, AgentDeployment deployment, CreationLedger ledger,
                          Supplier<CreatorSettings> settings) {
        this.store = store;
        this.deployment = deployment;
        this.ledger = ledger;
        this.settings = settings;
    }

    public ExecutionResult apply(ProposedAction action) throws IOException {
        String id = String.valueOf(action.payload().get("id"));
        ReentrantLock lock = idLock(id);
        lock.lock();
        try {
            if (action.kind().startsWith(CreationActions.KIND_CREATE)) {
                return create(action, id);
            }
            if (CreationActions.KIND_REMOVE.equals(action.kind())) {
                return remove(action, id);
            }
            return ExecutionResult.failed("unknown action kind " + action.kind());
        } finally {
            lock.unlock();
        }
    }

    private ExecutionResult create(ProposedAction action, String id) throws IOException {
        int revision = ((Number) action.payload().get("revision")).intValue();
        String sha = String.valueOf(action.payload().get("sha256"));
        long start = System.nanoTime();
        AgentStore.State before = store.state(id);
        if (revision < before.active()) {
            // approving an old proposal must not silently undo a newer revision
            return AgentDeployment.failure("verify", "revision " + revision + " of agent " + id + " is older than "
                    + "the serving revision " + before.active() + "; create it again, or use agent_rollback");
        }
        Optional<ExecutionResult> failure = deployment.deploy(id, revision, sha, true, settings.get());
        if (failure.isPresent()) {
            store.deleteRevision(id, revision);
            ledger.deployFailed(id, failure.get().effect().getOrDefault("stage", "deploy"),
                    failure.get().message());
            return failure.get();
        }
        store.saveState(id, new AgentStore.State(revision, with(before.applied(), action.id())));
        ledger.created(id, revision, action.payload().getOrDefault("capabilities", List.of()));
        ledger.history(Map.of("status", "deployed", "id", id, "revision", revision, "proposalId", action.id()),
                String.valueOf(action.payload().get("origin")), action.requestedBy());
        return ExecutionResult.ok("agent " + id + " revision " + revision + " serves as agent_" + id,
                Map.of("id", id, "revision", revision, "previous", before.active(),
                        "deployMicros", CreateOutcome.microsSince(start)));
    }

    private ExecutionResult remove(ProposedAction action, String id) throws IOException {
        AgentStore.State before = store.state(id);
        deployment.retire(id);
        store.saveState(id, new AgentStore.State(0, with(before.applied(), action.id())));
        ledger.history(Map.of("status", "removed", "id", id, "revision", before.active(), "proposalId",
                action.id()), "operator", action.requestedBy());
        return ExecutionResult.ok("agent " + id + " removed", Map.of("id", id, "revision", before.active()));
    }

    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        String id = String.valueOf(action.payload().get("id"));
        ReentrantLock lock = idLock(id);
        lock.lock();
        try {
            return rollbackLocked(action, applied, id);
        } finally {
            lock.unlock();
        }
    }

    private ExecutionResult rollbackLocked(ProposedAction action, ExecutionResult applied, String id)
            throws IOException {
        AgentStore.State state = store.state(id);
        // undoing a creation restores the revision before it; undoing a removal restores the removed one
        int restore = action.kind().startsWith(CreationActions.KIND_CREATE)
                ? ((Number) applied.effect().getOrDefault("previous", 0)).intValue()
                : ((Number) applied.effect().getOrDefault("revision", 0)).intValue();
        List<String> remaining = without(state.applied(), action.id());
        deployment.retire(id);
        if (restore > 0) {
            Optional<AgentStore.Revision> meta = store.revision(id, restore);
            if (meta.isEmpty()) {
                store.saveState(id, new AgentStore.State(0, remaining));
                return ExecutionResult.failed("revision " + restore + " of agent " + id + " is gone from data/");
            }
            Optional<ExecutionResult> failure = deployment.deploy(id, restore, meta.get().sha256(), false,
                    settings.get());
            if (failure.isPresent()) {
                store.saveState(id, new AgentStore.State(0, remaining));
                return failure.get();
            }
        }
        store.saveState(id, new AgentStore.State(restore, remaining));
        ledger.rolledBack();
        ledger.history(Map.of("status", "rolled_back", "id", id, "revision", restore, "proposalId", action.id()),
                "rollback", Actor.SYSTEM);
        return ExecutionResult.ok(restore > 0 ? "agent " + id + " is back at revision " + restore
                : "agent " + id + " no longer serves", Map.of("id", id, "revision", restore));
    }

    /**
     * After a restart the framework's bundle cache wins: an installed revision is left alone. Only an active
     * revision with no bundle (e.g. a fresh framework cache) is installed again from {@code data/}, hash-checked.
     */
    public void reconcile() {
        try {
            for (String id : store.ids()) {
                ReentrantLock lock = idLock(id);
                lock.lock();
                try {
                    deployment.reconcile(id, settings.get());
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not restore generated agents from data/: {}", e.toString());
        }
    }

    private ReentrantLock idLock(String id) {
        return idLocks.computeIfAbsent(id, k -> new ReentrantLock());
    }

    private static List<String> with(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    private static List<String> without(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.remove(item);
        return out;
    }
}
