package dev.autonomy.benchmarks;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Figure 3, hot deploy: with the container running and an MCP client connected, the time from the example tool
 * bundle appearing in {@code deploy/} until its tool is in tools/list (polled every 10 ms) and until the client
 * got {@code notifications/tools/list_changed} with the tool in the new list; then the same for deleting the jar.
 * FileInstall polls {@code deploy/} every 300 ms, so about 150 ms of each figure is waiting for the poll.
 */
public final class DeployPickupBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;
    private static final long SETTLE_MILLIS = 1000;

    private final Settings settings;
    private final Launched launched;

    private DeployPickupBenchmark(Settings settings, Launched launched) {
        this.settings = settings;
        this.launched = launched;
    }

    public static void main(String[] args) {
        BenchmarkMain.run("deploy", args,
                (settings, launched) -> new DeployPickupBenchmark(settings, launched).run());
    }

    /** When the client's tools change consumer saw the tool listed or not (System.nanoTime()). */
    private static final class Notifications {
        private record Seen(long nanos, boolean listed) {
        }

        private final List<Seen> seen = new ArrayList<>();

        synchronized void record(boolean listed) {
            seen.add(new Seen(System.nanoTime(), listed));
        }

        /** Time from {@code since} to the first notification after it whose list has (or lacks) the tool. */
        Optional<Duration> await(boolean listed, long since) {
            long deadline = since + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    for (Seen s : seen) {
                        if (s.nanos() >= since && s.listed() == listed) {
                            return Optional.of(Duration.ofNanos(s.nanos() - since));
                        }
                    }
                }
                Sleep.millis(POLL_MILLIS);
            }
            return Optional.empty();
        }
    }

    private void run() {
        System.out.println("== deploy: example tool bundle copied into deploy/ (FileInstall poll 300 ms) until"
                + " clients see the tool, and deleted until it is gone ==");
        Optional<Container> installed = Container.install(settings.distribution(),
                settings.work().resolve("container"));
        if (installed.isEmpty()) {
            System.out.println("deploy pickup n/a: " + settings.distribution() + "/bin/autonomy is not built");
            return;
        }
        Container container = installed.get();
        Optional<Path> bundle = container.toolBundle();
        if (bundle.isEmpty()) {
            System.out.println("deploy pickup n/a: no " + Container.TOOL_BUNDLE + "-*.jar in the distribution's"
                    + " examples/");
            return;
        }
        container.clearDeploy();
        Path data = settings.work().resolve("deploy-data");
        Dirs.deleteTree(data);
        int port = Jvm.freeLoopbackPort();
        URI endpoint = Container.endpoint(port);
        ProcessTree server = launched.start(container.headless(data, port), container.home(),
                settings.logs().resolve("deploy.log"));
        new InitializeProbe().await(endpoint, System.nanoTime(), TIMEOUT, server);

        Notifications notifications = new Notifications();
        McpSyncClient client = Mcp.http(endpoint, tools -> notifications.record(
                tools.stream().map(McpSchema.Tool::name).anyMatch(WordCountTool.NAME::equals)));
        try {
            measure(container, bundle.get(), client, notifications);
        } finally {
            Mcp.closeQuietly(client);
            launched.stop(server);
        }
    }

    private void measure(Container container, Path bundle, McpSyncClient client, Notifications notifications) {
        List<Duration> listed = new ArrayList<>();
        List<Optional<Duration>> listedNotified = new ArrayList<>();
        List<Duration> gone = new ArrayList<>();
        List<Optional<Duration>> goneNotified = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            System.err.println("  [deploy] run " + (i + 1));
            long deployed = System.nanoTime();
            container.deploy(bundle);
            listed.add(poll(client, names -> names.contains(WordCountTool.NAME), deployed));
            listedNotified.add(notifications.await(true, deployed));
            Sleep.millis(SETTLE_MILLIS);

            long deleted = System.nanoTime();
            container.undeploy(bundle);
            gone.add(poll(client, names -> !names.contains(WordCountTool.NAME), deleted));
            goneNotified.add(notifications.await(false, deleted));
            Sleep.millis(SETTLE_MILLIS);
        }
        System.out.println("deploy pickup median " + Format.seconds(Format.median(listed)) + " max "
                + Format.seconds(Format.max(listed)) + " (list_changed " + notified(listedNotified) + ")"
                + "; removal median " + Format.seconds(Format.median(gone)) + " max "
                + Format.seconds(Format.max(gone)) + " (list_changed " + notified(goneNotified) + ")");
        System.out.println("    runs: pickup " + Format.seconds(listed) + "; removal " + Format.seconds(gone));
        System.out.flush();
    }

    /** Polls tools/list until {@code condition} holds; the time since {@code since}. */
    private static Duration poll(McpSyncClient client, Predicate<Set<String>> condition, long since) {
        long deadline = since + TIMEOUT.toNanos();
        while (!condition.test(Mcp.toolNames(client))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tools/list did not change within " + TIMEOUT);
            }
            Sleep.millis(POLL_MILLIS);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private static String notified(List<Optional<Duration>> runs) {
        List<Duration> seen = runs.stream().flatMap(Optional::stream).collect(Collectors.toList());
        if (seen.isEmpty()) {
            return "never seen";
        }
        String missing = seen.size() < runs.size() ? ", missing in " + (runs.size() - seen.size()) + " runs" : "";
        return "median " + Format.seconds(Format.median(seen)) + " max " + Format.seconds(Format.max(seen)) + missing;
    }
}
