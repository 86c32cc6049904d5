package dev.autonomy.control.engine;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.FailureCode;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

/**
 * Runs executors for the governor, outside its lock: applies (with the {@code applying} lock a halt waits on) and
 * rollbacks (one at a time per proposal). An executor that throws or returns nothing becomes a failed result with
 * {@link FailureCode#EXECUTOR_ERROR} and a reference to the logged trace; a failure it did not classify becomes
 * {@link FailureCode#EXECUTOR_FAILED}.
 */
final class Execution {

    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);
    private static final long HALT_WAIT_SECONDS = 10;

    /** Applies hold it shared; a halt takes it exclusively, so a halt returns only after applies in flight ended. */
    private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();
    /** Proposals being rolled back; guarded by the governor's lock (see {@link #startRollback}). */
    private final Set<String> rollingBack = new HashSet<>();
    private final GovernorJournal journal;

    Execution(GovernorJournal journal) {
        this.journal = journal;
    }

    ExecutionResult apply(ProposedAction a, ActionExecutor executor, BooleanSupplier halted) {
        applying.readLock().lock();
        try {
            if (halted.getAsBoolean()) {
                // approved before the halt, not yet applied: a halt stops it too
                return ExecutionResult.failed(FailureCode.HALTED, "autonomy was halted before it was applied");
            }
            return classified(executor.apply(a), a);
        } catch (Exception | LinkageError e) {
            return internalError(a, "apply proposal " + a.id(), e);
        } finally {
            applying.readLock().unlock();
        }
    }

    void journalApply(ProposedAction a, Actor actor, ExecutionResult result) {
        journal.appendQuietly(List.of(GovernorJournal.entry(result.success() ? AuditEntry.Type.APPLIED
                : AuditEntry.Type.APPLY_FAILED, a, actor, result.message(), Map.of("message", result.message(),
                "effect", result.effect()))));
    }

    /** Call under the governor's lock: false if a rollback of this proposal is running already. */
    boolean startRollback(String proposalId) {
        return rollingBack.add(proposalId);
    }

    /** Call under the governor's lock. */
    void endRollback(String proposalId) {
        rollingBack.remove(proposalId);
    }

    ExecutionResult rollback(ProposedAction a, ActionExecutor executor, ExecutionResult applied) {
        try {
            return classified(executor.rollback(a, applied), a);
        } catch (Exception | LinkageError e) {
            return internalError(a, "roll back " + a.id(), e);
        }
    }

    /** Waits (bounded: an executor that hangs must not hang the halt) for applies under way to end. */
    void awaitApplies() {
        try {
            if (applying.writeLock().tryLock(HALT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                applying.writeLock().unlock();
            } else {
                LOG.warn("Halt: an action was still being applied after {} s", HALT_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutionResult classified(ExecutionResult r, ProposedAction a) {
        if (r == null) {
            return ExecutionResult.failed(FailureCode.EXECUTOR_ERROR, "the executor of " + a.capability()
                    + " returned no result");
        }
        return r.failure() == FailureCode.OTHER ? r.withFailure(FailureCode.EXECUTOR_FAILED) : r;
    }

    private static ExecutionResult internalError(ProposedAction a, String what, Throwable e) {
        String ref = Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL, 36);
        LOG.error("The executor of {} failed to {} (ref {})", a.capability(), what, ref, e);
        return ExecutionResult.failed(FailureCode.EXECUTOR_ERROR, "internal error in the executor of "
                + a.capability() + " (ref " + ref + ")");
    }
}
