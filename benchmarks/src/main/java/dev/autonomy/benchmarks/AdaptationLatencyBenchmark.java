package dev.autonomy.benchmarks;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Figure {@code learn}, part 3: from a decision to the first call under the new behaviour, in the real container.
 * The distribution runs (a private copy, headless) and the adaptation probe bundle
 * ({@code benchmarks/adaptation-probe-bundle}) is dropped into its {@code deploy/}; its tool
 * {@code bench_adaptation_latency} changes routing advice, then autonomy's tool policy override, again and again,
 * timing each change inside the container, and returns the percentiles, which are printed here.
 *
 * <p>The copy's governor configuration ends with {@code modes=learning=off}: learning's own routing adaptations
 * (mode auto out of the box) would otherwise mix their advice for the probe's capability with the probe's, once
 * they had seen enough of its calls. A tool policy gives {@code bench_adaptation_latency} a long time limit.
 */
final class AdaptationLatencyBenchmark {

    static final String TOOL = "bench_adaptation_latency";
    static final String PROBE_ARTIFACT = "adaptation-probe-bundle";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** One measurement call: 1,100 changes on a busy machine may take minutes. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(30);
    static final String GOVERNOR_OVERRIDE = """

            # --- benchmarks (learn): learning proposes nothing, so that its routing advice never mixes with the
            # adaptation probe's (learning.routing is auto out of the box).
            modes=learning=off
            """;
    static final String PROBE_TOOL_POLICY = """
            # benchmarks (learn): one call of bench_adaptation_latency makes 1,000 changes and more
            tool=bench_adaptation_latency
            timeoutMs=1800000
            """;

    private final Settings settings;
    private final Launched launched;

    AdaptationLatencyBenchmark(Settings settings, Launched launched) {
        this.settings = settings;
        this.launched = launched;
    }

    int changes() {
        return settings.quick() ? 100 : 1000;
    }

    int warmUp() {
        return 100;
    }

    void run() {
        Optional<Path> probe = probeBundle();
        if (probe.isEmpty()) {
            System.out.println("learn advice/policy n/a: no " + PROBE_ARTIFACT + "-*.jar in benchmarks/target/probe"
                    + " (build: mvn -pl benchmarks -am package)");
            return;
        }
        Optional<Container> installed = Container.install(settings.distribution(),
                settings.work().resolve("learn-container"));
        if (installed.isEmpty()) {
            System.out.println("learn advice/policy n/a: " + settings.distribution() + "/bin/autonomy is not built");
            return;
        }
        Container container = installed.get();
        container.clearDeploy();
        configure(container);
        Path data = settings.work().resolve("learn-data");
        Dirs.deleteTree(data);
        int port = Jvm.freeLoopbackPort();
        URI endpoint = Container.endpoint(port);
        System.err.println("  [learn] starting the container");
        ProcessTree server = launched.start(container.headless(data, port), container.home(),
                settings.logs().resolve("learn.log"));
        McpSyncClient client = null;
        try {
            new InitializeProbe().await(endpoint, System.nanoTime(), TIMEOUT, server);
            client = client(endpoint);
            System.err.println("  [learn] dropping " + probe.get().getFileName() + " into deploy/");
            container.deploy(probe.get());
            Mcp.awaitTool(client, TOOL, TIMEOUT);
            Mcp.awaitTool(client, "agent_route", TIMEOUT);
            System.err.println("  [learn] routing advice: " + warmUp() + " + " + changes() + " changes");
            Map<String, Object> routing = measure(client, "routing");
            printRouting(routing);
            System.err.println("  [learn] tool policy: " + warmUp() + " + " + changes() + " changes");
            Map<String, Object> policy = measure(client, "policy");
            printPolicy(policy);
        } finally {
            if (client != null) {
                Mcp.closeQuietly(client);
            }
            launched.stop(server);
        }
    }

    private Map<String, Object> measure(McpSyncClient client, String kind) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(TOOL,
                Map.of("kind", kind, "changes", changes(), "warmup", warmUp())));
        if (Boolean.TRUE.equals(r.isError()) || !(r.structuredContent() instanceof Map<?, ?>)) {
            throw new IllegalStateException(TOOL + " " + kind + " failed: " + text(r));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) r.structuredContent();
        return out;
    }

    private void printRouting(Map<String, Object> m) {
        Map<String, Object> latency = map(m, "latencyMicros");
        Map<String, Object> toStart = map(m, "toStartMicros");
        Map<String, Object> toPlugin = map(m, "toPluginMicros");
        System.out.println("learn advice p99 " + ms(latency, "p99") + " over " + Format.count(num(latency, "n"))
                + " changes (goal < 1 ms; floor 100 ms): routing advice published (volatile write in a plugin, as"
                + " learning serves its snapshot) -> the first agent_route call through ToolInvoker that chose the"
                + " new agent, returned");
        System.out.println("    p50 " + ms(latency, "p50") + " p90 " + ms(latency, "p90") + " max "
                + ms(latency, "max") + "; to the plugin handing the new advice to a request: p50 "
                + ms(toPlugin, "p50") + " p99 " + ms(toPlugin, "p99") + "; to the new agent starting to serve: p50 "
                + ms(toStart, "p50") + " p99 " + ms(toStart, "p99") + "; calls routed by the old advice: "
                + Format.count(num(m, "staleCalls")) + "; advice {a: 1, b: 0} and back, the first call right after"
                + " each change, after " + Format.count(num(m, "warmup")) + " unmeasured changes");
        System.out.flush();
    }

    private void printPolicy(Map<String, Object> m) {
        Map<String, Object> latency = map(m, "latencyMicros");
        Map<String, Object> update = map(m, "updateMicros");
        Map<String, Object> toStart = map(m, "toStartMicros");
        Map<String, Object> notified = map(m, "toNotifiedMicros");
        System.out.println("learn policy p99 " + ms(latency, "p99") + " over " + Format.count(num(latency, "n"))
                + " changes (goal < 10 ms; floor 100 ms): ConfigurationAdmin update of autonomy's override"
                + " (dev.autonomy.tool.policy.auto, bench_flaky retries 0 <-> 1) -> the first call whose outcome"
                + " shows the new retries, returned");
        System.out.println("    p50 " + ms(latency, "p50") + " p90 " + ms(latency, "p90") + " max "
                + ms(latency, "max") + "; the update() call itself p50 " + ms(update, "p50") + " p99 "
                + ms(update, "p99") + "; to the service event that tells the foundation p50 " + ms(notified, "p50")
                + " p99 " + ms(notified, "p99") + notSeen(m) + "; to the start of that first call p50 "
                + ms(toStart, "p50") + " p99 " + ms(toStart, "p99"));
        System.out.println("    calls still under the old retries: " + Format.count(num(m, "staleCalls"))
                + " (at most " + Format.count(num(m, "maxStaleCallsInOneChange")) + " in one change; calls one at a"
                + " time from the moment of the update, each failing one logged by the foundation); after "
                + Format.count(num(m, "warmup")) + " unmeasured changes");
        System.out.flush();
    }

    // ------------------------------------------------------------------ setup and helpers

    /** benchmarks/target/probe/adaptation-probe-bundle-*.jar, beside this code's target/classes. */
    static Optional<Path> probeBundle() {
        Path classes;
        try {
            classes = Path.of(AdaptationLatencyBenchmark.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        Path dir = classes.getParent().resolve("probe");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(PROBE_ARTIFACT + "-") && n.endsWith(".jar");
            }).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void configure(Container container) {
        Path governor = container.home().resolve("etc/dev.autonomy.governor.cfg");
        Path policy = container.home().resolve("etc/dev.autonomy.tool.policy-" + TOOL + ".cfg");
        try {
            Files.writeString(governor, GOVERNOR_OVERRIDE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.writeString(policy, PROBE_TOOL_POLICY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the container copy", e);
        }
    }

    /** As {@link Mcp#http}, with a request timeout long enough for a whole measurement. */
    private static McpSyncClient client(URI endpoint) {
        return Mcp.http(endpoint, tools -> { }, CALL_TIMEOUT, TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalStateException(TOOL + " returned no " + key + ": " + m);
        }
        return (Map<String, Object>) v;
    }

    private static String notSeen(Map<String, Object> m) {
        double n = num(m, "notifiedNotSeen");
        return n > 0 ? " (not seen in " + Format.count(n) + " changes)" : "";
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String ms(Map<String, Object> m, String key) {
        return Format.millisFromMicros(num(m, key));
    }

    private static String text(McpSchema.CallToolResult r) {
        return r.content() == null ? "" : r.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining(" "));
    }
}
