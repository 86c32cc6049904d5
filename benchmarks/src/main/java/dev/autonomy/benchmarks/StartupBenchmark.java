package dev.autonomy.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Figure 2, container start: the time from exec of {@code bin/autonomy --headless} to the first MCP
 * {@code initialize} that succeeds over HTTP (polled every 10 ms), median of several starts with a fresh data
 * folder each ("cold", the first start after installing), then as many with the data folder the previous start
 * left ("warm cache": the framework's bundle cache is reused). Each run ends with SIGTERM and a wait for exit.
 *
 * <p>Then over stdio, as a client that launches its server sees it: exec of {@code bin/autonomy --stdio} to the
 * answer to {@code initialize} and to the first, complete {@code tools/list} (the server answers only once every
 * bundle present at launch is up), with an empty data folder and with the data folder kept; and the same for Felix
 * with the foundation alone (the product's other bundles removed from {@code bundle/}), the floor.
 */
public final class StartupBenchmark {

    private static final Duration GOAL = Duration.ofMillis(1500);
    private static final Duration GOAL_EMPTY_DATA = Duration.ofSeconds(3);
    /** The bundles the floor leaves out: everything of the product but foundation-api and the foundation. */
    private static final List<String> BEYOND_FOUNDATION = List.of("agents-bundle", "autonomy-api",
            "autonomy-control-bundle", "agent-creator-bundle", "learning-bundle");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final Launched launched;
    private final InitializeProbe probe = new InitializeProbe();

    private StartupBenchmark(Settings settings, Launched launched) {
        this.settings = settings;
        this.launched = launched;
    }

    public static void main(String[] args) {
        BenchmarkMain.run("start", args,
                (settings, launched) -> new StartupBenchmark(settings, launched).run());
    }

    private void run() {
        System.out.println("== start: exec of bin/autonomy --headless to the first successful MCP initialize ==");
        Machine.printNoteIfBusy();
        Optional<Container> installed = Container.install(settings.distribution(),
                settings.work().resolve("container"));
        if (installed.isEmpty()) {
            System.out.println("start cold n/a: " + settings.distribution() + "/bin/autonomy is not built");
            return;
        }
        Container container = installed.get();
        container.clearDeploy();
        Path data = settings.work().resolve("start-data");

        List<Duration> cold = new ArrayList<>();
        List<Duration> coldStops = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            Dirs.deleteTree(data);
            cold.add(startAndStop(container, data, "cold " + (i + 1), coldStops));
        }
        print("cold", cold, coldStops);

        List<Duration> warm = new ArrayList<>();
        List<Duration> warmStops = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            warm.add(startAndStop(container, data, "warm " + (i + 1), warmStops));
        }
        print("warm-cache", warm, warmStops);

        System.out.println("== start stdio: exec of bin/autonomy --stdio to initialize answered and to a complete "
                + "tools/list ==");
        stdio("product", container);
        Container floor = Container.install(settings.distribution(), settings.work().resolve("container-floor"))
                .orElseThrow();
        floor.clearDeploy();
        floor.removeBundles(BEYOND_FOUNDATION);
        stdio("floor (Felix + foundation alone)", floor);
    }

    private void stdio(String label, Container container) {
        Path data = settings.work().resolve("start-stdio-data");
        List<StdioStartProbe.Timing> empty = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            Dirs.deleteTree(data);
            empty.add(stdioStart(container, data, label + " empty " + (i + 1)));
        }
        printStdio(label, "empty-data", empty, GOAL_EMPTY_DATA);
        List<StdioStartProbe.Timing> warm = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            warm.add(stdioStart(container, data, label + " warm " + (i + 1)));
        }
        printStdio(label, "warm-data", warm, GOAL);
    }

    private StdioStartProbe.Timing stdioStart(Container container, Path data, String label) {
        System.err.println("  [start] stdio " + label);
        return StdioStartProbe.measure(launched, container.stdio(data), container.home(),
                settings.logs().resolve("start-stdio.log"), START_TIMEOUT);
    }

    private static void printStdio(String label, String kind, List<StdioStartProbe.Timing> runs, Duration goal) {
        List<Duration> listed = runs.stream().map(StdioStartProbe.Timing::listed).toList();
        List<Integer> tools = runs.stream().map(StdioStartProbe.Timing::tools).distinct().toList();
        System.out.println("start stdio " + label + " " + kind + " median "
                + Format.seconds(Format.median(listed)) + " to a complete tools/list (goal < " + Format.seconds(goal)
                + "), " + Format.seconds(Format.median(runs.stream().map(StdioStartProbe.Timing::initialized)
                .toList())) + " to initialize; runs: " + Format.seconds(listed) + "; tools listed: " + tools);
        System.out.flush();
    }

    private Duration startAndStop(Container container, Path data, String label, List<Duration> stops) {
        int port = Jvm.freeLoopbackPort();
        System.err.println("  [start] " + label);
        long exec = System.nanoTime();
        ProcessTree server = launched.start(container.headless(data, port), container.home(),
                settings.logs().resolve("start.log"));
        try {
            Duration started = probe.await(Container.endpoint(port), exec, START_TIMEOUT, server);
            ListeningSockets.warnIfNotLoopback("the container", server);
            return started;
        } finally {
            ProcessTree.Stopped stopped = launched.stop(server);
            stops.add(stopped.took());
            if (stopped.killed()) {
                System.out.println("  note: start " + label + ": the container did not exit within 10 s of SIGTERM"
                        + " and was killed");
            }
        }
    }

    private static void print(String kind, List<Duration> runs, List<Duration> stops) {
        System.out.println("start " + kind + " median " + Format.seconds(Format.median(runs))
                + " (goal < " + Format.seconds(GOAL) + ") runs: " + Format.seconds(runs)
                + "; stop after SIGTERM median " + Format.seconds(Format.median(stops)));
        System.out.flush();
    }
}
