package dev.autonomy.benchmarks;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Calls {@code text_word_count} in a loop from {@code concurrency} workers, first for a warm-up of a number of
 * calls, then for a measured period, and prints one {@link LoadResult} line. It runs in its own JVM, and the same
 * code measures every server, so the client's own cost is the same on both sides of a comparison.
 *
 * <pre>
 * LoadGenerator [--concurrency N] [--warmup CALLS] [--seconds S] [--label TEXT] --http URL --server-pid PID
 * LoadGenerator [--concurrency N] [--warmup CALLS] [--seconds S] [--label TEXT] [--server-log FILE]
 *               --stdio COMMAND ARGS...
 * </pre>
 *
 * <p>Each worker has its own client, so its own MCP session, one request in flight at a time. Over HTTP the
 * sessions share one server process ({@code --server-pid}, whose CPU time is measured). Over stdio each client
 * starts its own server process (as stdio clients do; {@code {n}} in the command is replaced by the worker's
 * number), the warm-up is per process, and the CPU time of all of them is measured.
 *
 * <p>Every call sends a different text, so no result cache can answer it.
 */
public final class LoadGenerator {

    static final String TEXT = "The quick brown fox jumps over the lazy dog while a benchmark counts every word of"
            + " this sentence, again and again, to see what the server adds to each call";

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Options options;

    private LoadGenerator(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // stdio servers are this JVM's children: they go when it goes, however it goes
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessTree.childrenOfThisJvm().stop(), "stop-servers"));
        int status = 0;
        try {
            LoadResult result = new LoadGenerator(Options.parse(args)).run();
            System.out.println(result.toLine());
        } catch (RuntimeException | InterruptedException | IOException e) {
            System.err.println("load generator failed: " + e);
            status = 1;
        }
        System.out.flush();
        // the SDK's client threads are not all daemons
        System.exit(status);
    }

    private LoadResult run() throws InterruptedException, IOException {
        List<McpSyncClient> clients = new ArrayList<>();
        boolean stdio = !options.stdioCommand.isEmpty();
        try (PrintWriter serverLog = serverLog()) {
            ProcessTree server;
            if (stdio) {
                // one server process per client, as stdio has it; {n} in the command tells them apart
                for (int i = 0; i < options.concurrency; i++) {
                    String n = Integer.toString(i);
                    List<String> command = options.stdioCommand.stream().map(a -> a.replace("{n}", n))
                            .collect(Collectors.toList());
                    clients.add(Mcp.stdio(command, line -> serverLog.println("[" + n + "] " + line)));
                }
                server = ProcessTree.childrenOfThisJvm();
            } else {
                for (int i = 0; i < options.concurrency; i++) {
                    clients.add(Mcp.http(options.http));
                }
                server = ProcessTree.of(ProcessHandle.of(options.serverPid)
                        .orElseThrow(() -> new IllegalStateException("no process " + options.serverPid)));
            }
            for (McpSyncClient client : clients) {
                Mcp.awaitTool(client, WordCountTool.NAME, TOOL_TIMEOUT);
            }
            checkAnswer(clients.get(0));
            if (stdio) {
                ListeningSockets.warnIfNotLoopback(options.label, server);
            }
            // the warm-up is per server process: each JVM has to compile its own hot paths
            long warmup = options.warmupCalls * (stdio ? options.concurrency : 1);
            return measure(clients, server, warmup);
        } finally {
            clients.forEach(Mcp::closeQuietly);
            if (stdio) {
                ProcessTree.childrenOfThisJvm().stop();
            }
        }
    }

    /** Where stdio servers' stderr goes: {@code --server-log FILE}, else nowhere. */
    private PrintWriter serverLog() throws IOException {
        if (options.serverLog == null) {
            return new PrintWriter(Writer.nullWriter());
        }
        return new PrintWriter(Files.newBufferedWriter(options.serverLog, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true);
    }

    /** A benchmark of a tool that answers wrongly would be meaningless. */
    private static void checkAnswer(McpSyncClient client) {
        CallToolResult result = client.callTool(Mcp.call(WordCountTool.NAME, TEXT));
        Object words = result.structuredContent() instanceof Map ? ((Map<?, ?>) result.structuredContent()).get("words")
                : null;
        int expected = TEXT.strip().split("\\s+").length;
        if (Boolean.TRUE.equals(result.isError()) || !(words instanceof Number)
                || ((Number) words).intValue() != expected) {
            throw new IllegalStateException("text_word_count answered " + result + ", expected " + expected + " words");
        }
    }

    private LoadResult measure(List<McpSyncClient> clients, ProcessTree server, long warmupCalls)
            throws InterruptedException {
        Window window = new Window();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.concurrency; i++) {
            Worker worker = new Worker(i, clients.get(i), window, completed, errors);
            workers.add(worker);
            Thread thread = new Thread(worker, "worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        progress("warming up (" + Format.count(warmupCalls) + " calls)");
        threads.forEach(Thread::start);
        while (completed.get() < warmupCalls) {
            failIfMostlyErrors(completed, errors);
            Sleep.millis(10);
        }

        progress("measuring " + options.measure.toSeconds() + " s");
        Duration serverCpu0 = server.cpuTime();
        Duration clientCpu0 = ProcessTree.cpuTimeOfThisJvm();
        long start = System.nanoTime();
        window.start = start;
        Sleep.millis(options.measure.toMillis());
        long end = System.nanoTime();
        window.end = end;
        Duration serverCpu = server.cpuTime().minus(serverCpu0);
        Duration clientCpu = ProcessTree.cpuTimeOfThisJvm().minus(clientCpu0);
        window.stopped = true;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(40));
        }

        Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
        long calls = 0;
        for (Worker worker : workers) {
            latencies.add(worker.latencies);
            calls += worker.measured;
        }
        failIfMostlyErrors(completed, errors);
        if (calls == 0) {
            throw new IllegalStateException("no call completed in the measured period");
        }
        double perCall = 1.0 / calls;
        return new LoadResult(calls / ((end - start) / 1e9),
                latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99),
                serverCpu.toNanos() / 1e3 * perCall, clientCpu.toNanos() / 1e3 * perCall,
                calls, errors.get());
    }

    private static void failIfMostlyErrors(AtomicLong completed, AtomicLong errors) {
        long e = errors.get();
        if (e >= 100 && e * 2 > completed.get()) {
            throw new IllegalStateException(e + " of " + completed.get() + " calls failed");
        }
    }

    private void progress(String what) {
        System.err.println("  [" + options.label + "] " + what);
    }

    /** The measured period, as System.nanoTime() bounds; calls that started before or ended after it don't count. */
    private static final class Window {
        volatile long start = Long.MAX_VALUE;
        volatile long end = Long.MAX_VALUE;
        volatile boolean stopped;
    }

    private static final class Worker implements Runnable {
        private final String id;
        private final McpSyncClient client;
        private final Window window;
        private final AtomicLong completed;
        private final AtomicLong errors;
        final Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
        long measured;

        Worker(int id, McpSyncClient client, Window window, AtomicLong completed, AtomicLong errors) {
            this.id = "w" + id + "-";
            this.client = client;
            this.window = window;
            this.completed = completed;
            this.errors = errors;
        }

        @Override
        public void run() {
            long sequence = 0;
            while (!window.stopped) {
                String text = TEXT + " " + id + sequence++;
                long t0 = System.nanoTime();
                boolean ok;
                try {
                    ok = !Boolean.TRUE.equals(client.callTool(Mcp.call(WordCountTool.NAME, text)).isError());
                } catch (RuntimeException e) {
                    ok = false;
                }
                long t1 = System.nanoTime();
                completed.incrementAndGet();
                if (!ok) {
                    errors.incrementAndGet();
                } else if (t0 >= window.start && t1 <= window.end) {
                    latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (t1 - t0) / 1000));
                    measured++;
                }
            }
        }
    }

    /** Command-line options. */
    private static final class Options {
        URI http;
        long serverPid;
        List<String> stdioCommand = List.of();
        int concurrency = 1;
        long warmupCalls = 20_000;
        Duration measure = Duration.ofSeconds(20);
        String label = "load";
        Path serverLog;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--http": o.http = URI.create(args[++i]); break;
                    case "--server-pid": o.serverPid = Long.parseLong(args[++i]); break;
                    case "--concurrency": o.concurrency = Integer.parseInt(args[++i]); break;
                    case "--warmup": o.warmupCalls = Long.parseLong(args[++i]); break;
                    case "--seconds": o.measure = Duration.ofSeconds(Long.parseLong(args[++i])); break;
                    case "--label": o.label = args[++i]; break;
                    case "--server-log": o.serverLog = Path.of(args[++i]); break;
                    case "--stdio":
                        o.stdioCommand = List.of(args).subList(i + 1, args.length);
                        i = args.length;
                        break;
                    default: throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if ((o.http == null) == o.stdioCommand.isEmpty()) {
                throw new IllegalArgumentException("give either --http URL --server-pid PID or --stdio COMMAND...");
            }
            if (o.http != null && o.serverPid == 0) {
                throw new IllegalArgumentException("--http needs --server-pid (to measure its CPU)");
            }
            if (o.concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + o.concurrency);
            }
            return o;
        }
    }
}
