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
 */
public final class StartupBenchmark {

    private static final Duration GOAL = Duration.ofMillis(1500);
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
