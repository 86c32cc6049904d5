package dev.autonomy.benchmarks.jmh;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.control.core.GovernorSettings;
import dev.autonomy.control.engine.Governor;
import dev.autonomy.control.engine.Journal;
import dev.autonomy.control.store.ControlDatabase;
import dev.autonomy.control.store.MemoryControlStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The governor's routine decision (propose → decision in {@code auto} mode, the executor a no-op, the journal append
 * excluded: a stub), with its state in memory and in the MVStore (written, committed by the next journal append);
 * and the journal append on its own (one entry, committed). Sample time, so percentiles are real.
 *
 * <p>Run: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*'
 * dev.autonomy.benchmarks.jmh.GovernorBenchmark [--quick]} — prints p50/p99/p99.9 beside the goals.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GovernorBenchmark {

    /** The goal of a routine decision (the issue), and the seed's floor. */
    static final double GOAL_MICROS = 100;
    static final double SEED_FLOOR_MICROS = 50_000;

    /** A clock that moves one minute per reading: budgets never run out, windows stay small. */
    static final class MinutePerCallClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return millis.addAndGet(60_000);
        }
    }

    static final class NoOpExecutor implements ActionExecutor {
        private static final ExecutionResult OK = ExecutionResult.ok("applied", Map.of());

        @Override
        public ExecutionResult apply(ProposedAction action) {
            return OK;
        }

        @Override
        public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) {
            return OK;
        }
    }

    static final Journal STUB_JOURNAL = drafts -> drafts;
    static final GovernorSettings SETTINGS = GovernorSettings.DEFAULTS.withModes(Mode.SUGGEST,
            Map.of("learning.routing", Mode.AUTO)).withBudgets(Map.of(), 10_000, 3, 5, 100_000);
    static final AuditEntry DRAFT = AuditEntry.draft(AuditEntry.Type.APPLIED, "3f1c9a52-4d8e-4b1e-9a57-0c2d3e4f5a6b",
            "learning", "routing", "routing:summarize", Actor.capability("learning"), "applied",
            Map.of("message", "applied", "effect", Map.of("previous", Map.of("agent-a", 0.5))));
    static final Map<String, Object> PAYLOAD = Map.of("capability", "summarize", "weights",
            Map.of("agent-a", 0.7, "agent-b", 0.3));

    /** A routine proposal: learning's routing advice, as the learning plugin would make it. */
    static ProposedAction proposal(long n) {
        return ProposedAction.of("learning", "routing", "routing:summarize-" + (n & 1023), PAYLOAD, false,
                "route summarize to the better agent", Instant.EPOCH);
    }

    @State(Scope.Benchmark)
    public static class InMemory {
        Governor governor;
        Clock clock;
        final AtomicLong n = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp() {
            clock = new MinutePerCallClock();
            governor = new Governor(clock, new MemoryControlStore(), STUB_JOURNAL, List::of, SETTINGS);
            governor.executors(Map.of("learning", new NoOpExecutor()));
        }

        /** Forgets the closed actions of the last iteration (a week of minute-per-call time has passed). */
        @Setup(Level.Iteration)
        public void sweep() {
            governor.sweep();
        }
    }

    @State(Scope.Benchmark)
    public static class Persistent {
        Governor governor;
        Clock clock;
        ControlDatabase database;
        ScheduledExecutorService maintenance;
        Path dir;
        final AtomicLong n = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            clock = new MinutePerCallClock();
            dir = Files.createTempDirectory("governor-bench");
            database = ControlDatabase.open(dir, Clock.systemUTC());
            maintenance = maintain(database);
            governor = new Governor(clock, database.state(), STUB_JOURNAL, List::of, SETTINGS);
            governor.executors(Map.of("learning", new NoOpExecutor()));
        }

        @Setup(Level.Iteration)
        public void sweep() {
            governor.sweep();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            maintenance.shutdownNow();
            database.close();
            delete(dir);
        }
    }

    @State(Scope.Benchmark)
    public static class JournalState {
        ControlDatabase database;
        ScheduledExecutorService maintenance;
        Path dir;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("journal-bench");
            database = ControlDatabase.open(dir, Clock.systemUTC());
            maintenance = maintain(database);
        }

        /** One append every ~10 ms, as the governor appends (not measured): commits are not paced then. */
        @Setup(Level.Invocation)
        public void pause() {
            LockSupport.parkNanos(10_000_000);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            maintenance.shutdownNow();
            database.close();
            delete(dir);
        }
    }

    /** Appends back to back, as in a flood of proposals: commits are paced, so appends wait. */
    @State(Scope.Benchmark)
    public static class FloodState {
        ControlDatabase database;
        ScheduledExecutorService maintenance;
        Path dir;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("journal-flood-bench");
            database = ControlDatabase.open(dir, Clock.systemUTC());
            maintenance = maintain(database);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            maintenance.shutdownNow();
            database.close();
            delete(dir);
        }
    }

    /** As the bundle does: commit, sync and compact every second in the background. */
    static ScheduledExecutorService maintain(ControlDatabase database) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-maintenance");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(database::maintain, 1, 1, TimeUnit.SECONDS);
        return s;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public Decision decisionStateInMemory(InMemory s) {
        return s.governor.submit(proposal(s.n.incrementAndGet()));
    }

    @Benchmark
    public Decision decisionStateInMvStore(Persistent s) {
        return s.governor.submit(proposal(s.n.incrementAndGet()));
    }

    @Benchmark
    @Measurement(iterations = 5, time = 4)
    public AuditEntry journalAppend(JournalState s) {
        return s.database.journal().append(DRAFT);
    }

    @Benchmark
    public AuditEntry journalAppendFlood(FloodState s) {
        return s.database.journal().append(DRAFT);
    }

    // ------------------------------------------------------------------ report

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        OptionsBuilder options = new OptionsBuilder();
        options.include(GovernorBenchmark.class.getName() + "\\.");
        if (quick) {
            options.warmupIterations(1).measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("Governor (JMH sample time, 1 fork, " + Runtime.getRuntime().availableProcessors()
                + " cores)");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            var stats = r.getPrimaryResult().getStatistics();
            String goal;
            String label;
            switch (method) {
                case "decisionStateInMemory":
                    label = "routine decision, state in memory (journal excluded)";
                    goal = verdict(stats.getPercentile(99));
                    break;
                case "decisionStateInMvStore":
                    label = "routine decision, state in the MVStore (journal excluded)";
                    goal = verdict(stats.getPercentile(99));
                    break;
                case "journalAppend":
                    label = "journal append, one entry committed (one every ~10 ms)";
                    goal = "reported (no goal)";
                    break;
                default:
                    label = "journal append back to back (flood: commits paced to "
                            + "100/s)";
                    goal = "reported (no goal)";
                    break;
            }
            System.out.printf(Locale.ROOT, "  %-60s p50 %8.1f µs  p99 %8.1f µs  p99.9 %8.1f µs  (n=%d)  %s%n", label,
                    stats.getPercentile(50), stats.getPercentile(99), stats.getPercentile(99.9), stats.getN(), goal);
        }
    }

    private static String verdict(double p99) {
        return String.format(Locale.ROOT, "goal p99 < %.0f µs: %s (seed floor %.0f ms)", GOAL_MICROS,
                p99 < GOAL_MICROS ? "met" : "NOT met", SEED_FLOOR_MICROS / 1000);
    }
}
