package dev.autonomy.mcp.engine;

import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.mcp.core.Attempts;
import dev.autonomy.mcp.core.ToolPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One admitted call's attempts on worker threads, each under the policy's time limit, retried as {@link Attempts}
 * says. {@code done} runs once the call completed and every attempt thread ended: a timed-out attempt keeps the
 * call's concurrency slot until its thread returns.
 */
final class Execution {

    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);

    /** What the attempts came to: the result, and the outcome, error class and attempts of its request event. */
    record Executed(ToolResult result, String outcome, String errorClass, int attempts) {
    }

    /** Where and under what the attempts run. */
    record Runner(ExecutorService workers, ScheduledExecutorService scheduler) {
    }

    private final Runner runner;
    private final McpRequest request;
    private final Context context;
    private final RegisteredTool tool;
    private final ToolPolicy policy;
    private final boolean idempotent;
    private final ClientChannel channel;
    private final Runnable done;
    private final CompletableFuture<Executed> result = new CompletableFuture<>();
    /** The call itself, plus every attempt whose thread may still run. */
    private final AtomicInteger holders = new AtomicInteger(1);

    private Execution(Runner runner, McpRequest request, Context context, RegisteredTool tool, ToolPolicy policy,
                      boolean idempotent, ClientChannel channel, Runnable done) {
        this.runner = runner;
        this.request = request;
        this.context = context;
        this.tool = tool;
        this.policy = policy;
        this.idempotent = idempotent;
        this.channel = channel;
        this.done = done;
        result.whenComplete((r, t) -> release());
    }

    /** Starts the first attempt; the future never completes exceptionally. */
    static CompletableFuture<Executed> start(Runner runner, McpRequest request, Context context, RegisteredTool tool,
                                             ToolPolicy policy, boolean idempotent, ClientChannel channel,
                                             Runnable done) {
        Execution ex = new Execution(runner, request, context, tool, policy, idempotent, channel, done);
        ex.attempt(1);
        return ex.result;
    }

    private void release() {
        if (holders.decrementAndGet() == 0) {
            done.run();
        }
    }

    private void answer(ToolResult r, String outcome, String errorClass, int attempts) {
        result.complete(new Executed(r, outcome, errorClass, attempts));
    }

    private void attempt(int n) {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<ToolResult> attempt = new CompletableFuture<>();
        CallImpl call = new CallImpl(request.arguments(), context, channel, cancelled);
        holders.incrementAndGet();
        // Claimed by whichever comes first: the worker starting the attempt, or the timer finding it still queued.
        AtomicBoolean claimed = new AtomicBoolean();
        Future<?> task;
        try {
            task = runner.workers().submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return; // timed out while queued; the timer released this attempt's hold
                }
                try {
                    ToolResult r = tool.tool().call(call);
                    attempt.complete(r == null ? ToolResult.error("Tool " + tool.name() + " returned no result") : r);
                } catch (Throwable t) {
                    attempt.completeExceptionally(t);
                } finally {
                    release();
                }
            });
        } catch (RuntimeException rejected) {
            release();
            answer(ToolResult.error("The server is overloaded; try again shortly."), SessionEventTypes.OUTCOME_BUSY,
                    "Rejected", n);
            return;
        }
        ScheduledFuture<?> timer;
        try {
            timer = runner.scheduler().schedule(() -> {
                if (attempt.completeExceptionally(new AttemptTimeout())) {
                    cancelled.set(true);
                    if (claimed.compareAndSet(false, true)) {
                        // never started, so its finally will never run: release its hold here
                        task.cancel(false);
                        release();
                    } else {
                        task.cancel(true);
                    }
                }
            }, policy.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the container is stopping: the attempt still runs (or ran) and completes the call by itself
            timer = null;
        }
        final ScheduledFuture<?> timerOrNull = timer;
        attempt.whenComplete((r, t) -> {
            if (timerOrNull != null) {
                timerOrNull.cancel(false);
            }
            if (t == null) {
                answer(r, r.isError() ? SessionEventTypes.OUTCOME_TOOL_ERROR : SessionEventTypes.OUTCOME_SUCCESS,
                        r.isError() ? "ToolError" : "", n);
                return;
            }
            boolean timedOut = t instanceof AttemptTimeout;
            if (Attempts.retried(policy, n, idempotent)) {
                long backoff = Attempts.backoffMs(policy, n);
                LOG.debug("{} attempt {} of {} failed ({}); retrying in {} ms", request.requestId(), n,
                        tool.name(), timedOut ? "timeout" : t.getClass().getSimpleName(), backoff);
                try {
                    runner.scheduler().schedule(() -> attempt(n + 1), backoff, TimeUnit.MILLISECONDS);
                    return;
                } catch (RejectedExecutionException shuttingDown) {
                    // stopping: no retry; this attempt's failure is the answer
                }
            }
            if (timedOut) {
                answer(ToolResult.error("Tool " + tool.name() + " timed out after " + policy.timeoutMs() + " ms"),
                        SessionEventTypes.OUTCOME_TIMEOUT, "Timeout", n);
            } else {
                LOG.error("Internal error in {} (ref {})", tool.name(), request.requestId(), t);
                answer(ToolResult.error("Internal error in " + tool.name() + " (ref " + request.requestId() + ")"),
                        SessionEventTypes.OUTCOME_INTERNAL_ERROR, t.getClass().getSimpleName(), n);
            }
        });
    }

    /** Completes an attempt that ran out of time; no stack trace, it is a signal. */
    private static final class AttemptTimeout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AttemptTimeout() {
            super(null, null, false, false);
        }
    }
}
