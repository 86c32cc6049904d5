package dev.autonomy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Figure 1, throughput against the bare SDK: the product container and a bare MCP SDK 2.1.0 server with the same
 * tool, each measured by the same load generator (a separate JVM, fresh for every point) at concurrency 1 and 8,
 * on Streamable HTTP and on stdio. Prints, per transport and concurrency, calls/s, p50, p99 and server CPU per
 * call of both, and the container's throughput as a share of the bare server's (goal at least 80 %).
 *
 * <p>Concurrency N means N clients, each with its own session and one call in flight. Over HTTP they share one
 * server process; over stdio each client starts its own server (a stdio server has one client), so stdio c=8 is
 * eight server processes and their summed CPU.
 */
public final class ThroughputBenchmark {

    static final double GOAL = 0.80;
    private static final int[] CONCURRENCIES = {1, 8};
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(20);
    /**
     * With fewer than 3 cores the common pool has parallelism 1, and CompletableFuture then runs every async step
     * on a new thread; the JDK HttpClient under the SDK client does one per response, which more than halves the
     * client's throughput. The load generator gets a real pool.
     */
    private static final List<String> LOAD_GENERATOR_JVM = List.of(
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism="
                    + Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final Settings settings;
    private final Launched launched;
    private final InitializeProbe probe = new InitializeProbe();

    private ThroughputBenchmark(Settings settings, Launched launched) {
        this.settings = settings;
        this.launched = launched;
    }

    public static void main(String[] args) {
        BenchmarkMain.run("foundation", args,
                (settings, launched) -> new ThroughputBenchmark(settings, launched).run());
    }

    private enum Transport {
        HTTP, STDIO;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One side of the comparison: it serves MCP on a transport, described as load generator arguments. */
    private interface Subject {
        String name();

        Serving serve(Transport transport);
    }

    /** A server ready for load: how the load generator reaches it, and how to stop it afterwards. */
    private static final class Serving implements AutoCloseable {
        final List<String> loadGeneratorArgs;
        private final Runnable stop;

        Serving(List<String> loadGeneratorArgs, Runnable stop) {
            this.loadGeneratorArgs = List.copyOf(loadGeneratorArgs);
            this.stop = stop;
        }

        @Override
        public void close() {
            stop.run();
        }
    }

    /** A measured point, or why there is none. */
    private record Outcome(LoadResult result, String failure) {
        static Outcome of(LoadResult result) {
            return new Outcome(result, null);
        }

        static Outcome failed(String why) {
            return new Outcome(null, why);
        }

        String summary() {
            return result != null ? result.summary() : failure;
        }
    }

    private void run() {
        System.out.println("== foundation: throughput of tools/call, container vs bare MCP SDK 2.1.0 (warm-up "
                + Format.count(settings.warmupCalls()) + " calls, " + settings.measureSeconds() + " s per point) ==");
        Machine.printNoteIfBusy();
        if (settings.quick()) {
            System.out.println("  note: --quick: short warm-up and measurement; the figures are indicative only");
        }
        Subject bare = bareSubject("bare");
        Optional<Subject> product = settings.selfTest() ? Optional.of(bareSubject("bare#2")) : containerSubject();

        for (Transport transport : Transport.values()) {
            Map<Integer, Outcome> measuredProduct = product.map(s -> measure(s, transport))
                    .orElseGet(() -> uniform(Outcome.failed("n/a")));
            Map<Integer, Outcome> measuredBare = measure(bare, transport);
            for (int c : CONCURRENCIES) {
                print(transport, c, product.map(Subject::name).orElse("container"), measuredProduct.get(c),
                        measuredBare.get(c));
            }
        }
    }

    private Map<Integer, Outcome> measure(Subject subject, Transport transport) {
        Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
        try (Serving serving = subject.serve(transport)) {
            for (int c : CONCURRENCIES) {
                outcomes.put(c, load(subject.name() + " " + transport + " c=" + c, c, serving));
            }
        } catch (RuntimeException e) {
            System.err.println(subject.name() + " " + transport + ": " + e.getMessage());
            for (int c : CONCURRENCIES) {
                outcomes.putIfAbsent(c, Outcome.failed("failed: " + e.getMessage()));
            }
        }
        return outcomes;
    }

    /** Runs one load generator JVM and reads its result line. */
    private Outcome load(String label, int concurrency, Serving serving) {
        List<String> args = new ArrayList<>(List.of("--label", label,
                "--concurrency", Integer.toString(concurrency),
                "--warmup", Long.toString(settings.warmupCalls()),
                "--seconds", Integer.toString(settings.measureSeconds())));
        args.addAll(serving.loadGeneratorArgs);
        Path out = settings.logs().resolve("load-" + label.replaceAll("[^a-z0-9#=]+", "-") + ".out");
        try {
            Files.deleteIfExists(out);
            ProcessTree generator = launched.start(Jvm.command(LOAD_GENERATOR_JVM, LoadGenerator.class, args),
                    settings.work(), out, true);
            if (!generator.awaitExit(LOAD_TIMEOUT)) {
                launched.stop(generator);
                return Outcome.failed("load generator timed out after " + LOAD_TIMEOUT.toMinutes() + " min");
            }
            launched.exited(generator);
            return Files.readAllLines(out).stream()
                    .filter(LoadResult::isResultLine)
                    .findFirst()
                    .map(line -> Outcome.of(LoadResult.parse(line)))
                    .orElseGet(() -> Outcome.failed("load generator failed (its error is above)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void print(Transport transport, int c, String productName, Outcome product, Outcome bare) {
        String ratio = "n/a";
        String detail = null;
        if (product.result() != null && bare.result() != null) {
            LoadResult p = product.result();
            LoadResult b = bare.result();
            ratio = Format.percent(p.callsPerSecond() / b.callsPerSecond());
            detail = String.format(Locale.ROOT, "    server cpu %+.0f µs/call over bare; client cpu %s vs %s per call",
                    p.serverCpuMicros() - b.serverCpuMicros(), Format.micros(p.clientCpuMicros()),
                    Format.micros(b.clientCpuMicros()));
        }
        System.out.println(String.format(Locale.ROOT, "foundation %-5s c=%-2d %s %s | bare %s | ratio %s (goal >= %s)",
                transport, c, productName, product.summary(), bare.summary(), ratio, Format.percent(GOAL)));
        if (detail != null) {
            System.out.println(detail);
        }
        System.out.flush();
    }

    private static Map<Integer, Outcome> uniform(Outcome outcome) {
        Map<Integer, Outcome> all = new LinkedHashMap<>();
        for (int c : CONCURRENCIES) {
            all.put(c, outcome);
        }
        return all;
    }

    // ---- the two subjects ----

    private Subject bareSubject(String name) {
        return new Subject() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Serving serve(Transport transport) {
                if (transport == Transport.STDIO) {
                    return stdio(name, Jvm.command(BareSdkServer.class, List.of("stdio")));
                }
                int port = Jvm.freeLoopbackPort();
                return http(name, Jvm.command(BareSdkServer.class, List.of("http", Integer.toString(port))), port);
            }
        };
    }

    private Optional<Subject> containerSubject() {
        Optional<Container> installed = Container.install(settings.distribution(),
                settings.work().resolve("container"));
        if (installed.isEmpty()) {
            System.out.println("  note: no container: " + settings.distribution() + "/bin/autonomy is not built");
            return Optional.empty();
        }
        Container container = installed.get();
        Optional<Path> tools = container.toolBundle();
        if (tools.isEmpty()) {
            System.out.println("  note: no container: no " + Container.TOOL_BUNDLE + "-*.jar in "
                    + container.home().resolve("examples"));
            return Optional.empty();
        }
        List<Path> extras = container.examples(settings.extrasGlob());
        container.clearDeploy();
        container.deploy(tools.get());
        extras.forEach(container::deploy);
        System.out.println(extras.isEmpty()
                ? "  note: no adapter/plugin jar in the distribution's examples/ (" + settings.extrasGlob()
                        + "): the container runs with the tool bundle only"
                : "  note: container deploy/ also holds " + extras.stream().map(p -> p.getFileName().toString())
                        .reduce((a, b) -> a + ", " + b).orElse(""));
        Path data = settings.work().resolve("throughput-data");
        return Optional.of(new Subject() {
            @Override
            public String name() {
                return "container";
            }

            @Override
            public Serving serve(Transport transport) {
                Dirs.deleteTree(data);
                if (transport == Transport.STDIO) {
                    // one process per data folder: each stdio server gets its own
                    return stdio("container", container.stdio(data.resolve("{n}")));
                }
                int port = Jvm.freeLoopbackPort();
                return http("container", container.headless(data.resolve("http"), port), port);
            }
        });
    }

    /** Over stdio the load generator starts the servers itself, as MCP clients do. */
    private Serving stdio(String name, List<String> command) {
        List<String> args = new ArrayList<>(List.of(
                "--server-log", settings.logs().resolve(name + "-stdio.log").toString(), "--stdio"));
        args.addAll(command);
        return new Serving(args, () -> { });
    }

    /** Starts an HTTP server process and waits until it answers initialize. */
    private Serving http(String name, List<String> command, int port) {
        ProcessTree server = launched.start(command, settings.work(), settings.logs().resolve(name + "-http.log"));
        try {
            probe.await(Container.endpoint(port), System.nanoTime(), READY_TIMEOUT, server);
        } catch (RuntimeException e) {
            launched.stop(server);
            throw e;
        }
        ListeningSockets.warnIfNotLoopback(name, server);
        return new Serving(List.of("--http", Container.endpoint(port).toString(),
                "--server-pid", Long.toString(server.pid())), () -> launched.stop(server));
    }
}
