package dev.autonomy.benchmarks;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Figure 4, agent creation: a spec sent with {@code agent_create} until a real MCP client sees the new tool
 * {@code agent_<id>} after {@code notifications/tools/list_changed}, with the creator's time per stage; the first
 * creation after the start (cold), then more (warm). Beside it the peer: the same agent built by hand with
 * {@code mvn package} (bnd-maven-plugin) and dropped into {@code deploy/}. Then many create/remove cycles of one id,
 * and the container's heap and loaded classes after a full GC, before and after.
 *
 * <p>The container runs from a private copy of the distribution whose governor configuration lets agent creation
 * apply at once ({@code modes=agent-creation=auto}) with budgets no run reaches, with the example text tools in
 * {@code deploy/} (the agents' steps call {@code text_reverse}).
 */
public final class AgentCreationBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A cold creation on a busy machine may take many seconds: longer than the other benchmarks' 30 s. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(10);
    /** How long a rejection "target ... is leased by ..." is retried before the benchmark gives up. */
    private static final Duration LEASE_RETRY_LIMIT = Duration.ofSeconds(30);
    private static final long LEASE_RETRY_PAUSE_MILLIS = 2;
    private static final String TOOL = "text_reverse";
    private static final List<String> STAGES = List.of("generate", "compile", "check", "weave", "test", "package",
            "deploy");
    private static final String COLD_ID = "bench_cold";
    private static final String CYCLE_ID = "bench_cycle";
    static final String GOVERNOR_OVERRIDE = """

            # --- benchmarks (AgentCreationBenchmark): creations apply at once; no budget stops a long run.
            # runawayRollbacks is at its maximum (1000): a larger value makes the governor reject the whole file.
            modes=agent-creation=auto
            agentsPerHour=1000000
            defaultActionsPerHour=1000000
            globalActionsPerHour=1000000
            runawayRollbacks=1000
            """;

    private final Settings settings;
    private final Launched launched;
    private final ToolListWatch watch = new ToolListWatch();

    private AgentCreationBenchmark(Settings settings, Launched launched) {
        this.settings = settings;
        this.launched = launched;
    }

    public static void main(String[] args) {
        BenchmarkMain.run("create", args,
                (settings, launched) -> new AgentCreationBenchmark(settings, launched).run());
    }

    /** One agent_create as the client saw it. */
    private record Creation(String id, Duration listed, Duration returned, Map<String, Double> stageMillis,
                            double totalMillis) {
    }

    private int warmCreations() {
        return settings.quick() ? 10 : 50;
    }

    private int peerRuns() {
        return settings.quick() ? 1 : Math.max(3, settings.runs());
    }

    private int cycles() {
        return settings.quick() ? 50 : 1000;
    }

    private void run() {
        System.out.println("== create: agent_create {spec} until a client sees agent_<id> after tools/list_changed"
                + " (per stage), vs the same agent built with mvn package and dropped into deploy/; create/remove"
                + " cycles and the heap ==");
        Machine.printNoteIfBusy();
        Optional<Container> installed = Container.install(settings.distribution(),
                settings.work().resolve("create-container"));
        if (installed.isEmpty()) {
            System.out.println("create n/a: " + settings.distribution() + "/bin/autonomy is not built");
            return;
        }
        Container container = installed.get();
        Optional<Path> tools = container.toolBundle();
        if (tools.isEmpty()) {
            System.out.println("create n/a: no " + Container.TOOL_BUNDLE + "-*.jar in the distribution's examples/");
            return;
        }
        overrideGovernor(container);
        container.clearDeploy();
        try {
            Files.copy(tools.get(), container.home().resolve("deploy").resolve(tools.get().getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = settings.work().resolve("create-data");
        Dirs.deleteTree(data);
        int port = Jvm.freeLoopbackPort();
        URI endpoint = Container.endpoint(port);
        System.err.println("  [create] starting the container");
        ProcessTree server = launched.start(container.headless(data, port), container.home(),
                settings.logs().resolve("create.log"));
        McpSyncClient client = null;
        try {
            new InitializeProbe().await(endpoint, System.nanoTime(), TIMEOUT, server);
            client = client(endpoint, watch::changed);
            Mcp.awaitTool(client, "agent_create", TIMEOUT);
            Mcp.awaitTool(client, TOOL, TIMEOUT);
            measure(container, data, client, server);
        } finally {
            if (client != null) {
                Mcp.closeQuietly(client);
            }
            launched.stop(server);
        }
    }

    private void measure(Container container, Path data, McpSyncClient client, ProcessTree server) {
        // 1. cold: the first creation since the start
        System.err.println("  [create] cold creation");
        Creation cold = create(client, COLD_ID);
        System.out.println("create cold " + ms(cold.listed()) + " to list_changed with agent_" + COLD_ID
                + " (goal < 1 s; floor 5 s); call returned after " + ms(cold.returned()) + ", creator total "
                + millis(cold.totalMillis()));
        System.out.println("    stages: " + stages(s -> cold.stageMillis().getOrDefault(s, Double.NaN)));
        System.out.println("    " + COLD_ID + " serves: " + serves(client, COLD_ID));
        System.out.flush();

        // 1. warm: more creations, new ids
        List<Creation> warm = new ArrayList<>();
        for (int i = 1; i <= warmCreations(); i++) {
            if (i % 10 == 1) {
                System.err.println("  [create] warm creation " + i + " of " + warmCreations());
            }
            warm.add(create(client, String.format(Locale.ROOT, "bench_w%03d", i)));
        }
        List<Duration> listed = warm.stream().map(Creation::listed).collect(Collectors.toList());
        List<Duration> returned = warm.stream().map(Creation::returned).collect(Collectors.toList());
        Duration warmP50 = Format.median(listed);
        System.out.println("create warm n=" + warm.size() + " p50 " + ms(warmP50) + " p90 " + ms(p90(listed))
                + " max " + ms(Format.max(listed)) + " to list_changed (goal p50 < 100 ms; floor 5 s)");
        System.out.println("    call returned p50 " + ms(Format.median(returned)) + " p90 " + ms(p90(returned))
                + "; creator total p50 " + millis(medianOf(warm.stream().map(Creation::totalMillis)
                .collect(Collectors.toList()))) + "; list_changed comes after the server's debounce"
                + " (listChangedDebounceMs, 150 ms by default) and the client's tools/list");
        System.out.println("    stage p50: " + stages(s -> medianOf(warm.stream()
                .map(c -> c.stageMillis().getOrDefault(s, Double.NaN)).collect(Collectors.toList()))));
        System.out.flush();

        // 2. the peer: mvn package + deploy/
        peer(container, data, client, warmP50, cold.listed());

        // 3. create/remove cycles, heap and classes after a full GC
        cycles(client, server);
    }

    // ------------------------------------------------------------------ 1. creation

    private Creation create(McpSyncClient client, String id) {
        String tool = "agent_" + id;
        long sent = System.nanoTime();
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("agent_create",
                Map.of("spec", spec(id))));
        long back = System.nanoTime();
        Map<String, Object> out = structured(r);
        if (Boolean.TRUE.equals(r.isError()) || !"created".equals(out.get("status"))) {
            throw new IllegalStateException("agent_create " + id + " came back " + out.get("status") + ": "
                    + text(r));
        }
        Duration seen = watch.await(tool, true, sent, TIMEOUT).orElseThrow(() -> new IllegalStateException(
                "agent_create " + id + " returned 'created', but no tools/list_changed listed " + tool + " within "
                        + TIMEOUT.toSeconds() + " s"));
        Map<String, Double> stages = new LinkedHashMap<>();
        if (out.get("stageMillis") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> stages.put(String.valueOf(k), ((Number) v).doubleValue()));
        }
        double total = out.get("totalMillis") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new Creation(id, seen, Duration.ofNanos(back - sent), stages, total);
    }

    /** The agent of creator.test.mjs: reverse the text with text_reverse, then append '!' by a template. */
    static Map<String, Object> spec(String id) {
        Map<String, Object> text = Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string")),
                "required", List.of("text"));
        String capability = "bench.reverse_" + id;
        return Map.of(
                "id", id,
                "description", "reverses a text and appends ! (benchmark agent " + id + ")",
                "capabilities", List.of(Map.of(
                        "name", capability,
                        "description", "reverse + suffix",
                        "inputSchema", text,
                        "outputSchema", text,
                        "steps", List.of(
                                Map.of("id", "r", "call", TOOL, "args", Map.of("text", "${/input/text}")),
                                Map.of("id", "o", "template", Map.of("text", "${/r/text}!"))))),
                "tools", List.of(TOOL),
                "tests", List.of(Map.of("name", "example", "capability", capability,
                        "input", Map.of("text", "abc"), "expect", Map.of("text", "cba!"))));
    }

    /** Whether agent_{@code id} answers its capability right: a check, not a figure. */
    private static String serves(McpSyncClient client, String id) {
        try {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("agent_" + id,
                    Map.of("capability", "bench.reverse_" + id, "input", Map.of("text", "xyz"))));
            Object got = structured(r).get("text");
            return !Boolean.TRUE.equals(r.isError()) && "zyx!".equals(got) ? "yes (xyz -> zyx!)"
                    : "NO: " + text(r);
        } catch (RuntimeException e) {
            return "NO: " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------ 2. the peer

    private void peer(Container container, Path data, McpSyncClient client, Duration warmP50, Duration cold) {
        Path revision = data.resolve("agents").resolve(COLD_ID).resolve("r1");
        Path logs = settings.logs();
        List<Duration> totals = new ArrayList<>();
        List<Duration> builds = new ArrayList<>();
        List<Duration> pickups = new ArrayList<>();
        String lastServes = "";
        for (int i = 1; i <= peerRuns(); i++) {
            String id = "mvn_peer" + i;
            System.err.println("  [create] peer run " + i + " of " + peerRuns() + ": mvn package of agent " + id);
            MavenPeer peer = MavenPeer.write(revision, COLD_ID, id, TOOL,
                    settings.work().resolve("create-peer").resolve(id));
            Path log = logs.resolve("create-peer-" + id + ".log");
            long start = System.nanoTime();
            ProcessTree mvn = launched.start(peer.command(), peer.project(), log);
            try {
                if (!mvn.awaitExit(MAVEN_TIMEOUT)) {
                    throw new IllegalStateException("mvn package of the peer did not finish within " + MAVEN_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            launched.exited(mvn);
            long built = System.nanoTime();
            if (!Files.isRegularFile(peer.jar())) {
                throw new IllegalStateException("mvn package of the peer made no " + peer.jar() + " (see " + log + ")");
            }
            container.deploy(peer.jar());
            Duration seen = watch.await("agent_" + id, true, start, TIMEOUT).orElseThrow(() ->
                    new IllegalStateException("the hand-built agent_" + id + " was not listed within "
                            + TIMEOUT.toSeconds() + " s of its deployment (see " + logs.resolve("create.log") + ")"));
            totals.add(seen);
            builds.add(Duration.ofNanos(built - start));
            pickups.add(seen.minus(Duration.ofNanos(built - start)));
            lastServes = serves(client, id);
            // tidy: the next run starts from the same tool list
            long removed = System.nanoTime();
            container.undeploy(peer.jar());
            watch.await("agent_" + id, false, removed, TIMEOUT);
        }
        Duration median = Format.median(totals);
        System.out.println("create peer mvn package + deploy/ median " + Format.seconds(median) + " over "
                + totals.size() + " run(s) (mvn " + Format.seconds(Format.median(builds)) + ", deploy/ to"
                + " list_changed " + Format.seconds(Format.median(pickups)) + ") | ratio peer / creator warm p50 "
                + ratio(median, warmP50) + ", peer / creator cold " + ratio(median, cold));
        System.out.println("    runs: " + Format.seconds(totals) + "; bnd-maven-plugin " + MavenPeer.BND_VERSION
                + ", a fresh Maven JVM per run, offline; the hand-built agent serves: " + lastServes);
        System.out.flush();
    }

    // ------------------------------------------------------------------ 3. cycles and the heap

    private void cycles(McpSyncClient client, ProcessTree server) {
        JvmStats stats = new JvmStats(server.pid());
        System.err.println("  [create] baseline: full GC in the container (jcmd GC.run), jstat");
        JvmStats.Reading base = stats.afterFullGc(2);
        Map<String, Long> histogramBefore = stats.histogram(settings.logs().resolve("create-histogram-before.txt"));
        int n = cycles();
        int removeRetries = 0;
        int createRetries = 0;
        JvmStats.Reading half = null;
        long paused = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            if (i % 50 == 1) {
                System.err.println("  [create] cycle " + i + " of " + n);
                watch.clear();
            }
            if (i == n / 2 + 1) {
                // a reading half-way (not timed) tells a leak, which grows with the cycles, from a one-time cost
                long readingStart = System.nanoTime();
                half = stats.afterFullGc(2);
                paused += System.nanoTime() - readingStart;
            }
            createRetries += retryWhileLeased(() -> client.callTool(new McpSchema.CallToolRequest("agent_create",
                    Map.of("spec", spec(CYCLE_ID)))), "agent_create " + CYCLE_ID, "created");
            removeRetries += retryWhileLeased(() -> client.callTool(new McpSchema.CallToolRequest("agent_remove",
                    Map.of("id", CYCLE_ID))), "agent_remove " + CYCLE_ID, "removed");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start - paused);
        System.err.println("  [create] after the cycles: full GC, jstat");
        JvmStats.Reading after = stats.afterFullGc(2);
        Map<String, Long> histogramAfter = stats.histogram(settings.logs().resolve("create-histogram-after.txt"));
        double heapMiB = (after.heapUsedKiB() - base.heapUsedKiB()) / 1024;
        long classes = after.classesNow() - base.classesNow();
        System.out.println("create cycles " + Format.count(n) + " x (agent_create + agent_remove) of one id"
                + " (revisions 1.." + n + ") in " + Format.seconds(took) + ": "
                + String.format(Locale.ROOT, "%.1f", n / (took.toNanos() / 1e9)) + " cycles/s; retried while"
                + " 'leased': remove " + removeRetries + " time(s), create " + createRetries + " time(s)");
        System.out.println("create leak after full GC: heap " + signedMiB(heapMiB) + " (goal <= +16 MiB; "
                + mib(base.heapUsedKiB()) + " -> " + mib(after.heapUsedKiB()) + "), classes "
                + String.format(Locale.ROOT, "%+d", classes) + " (goal <= +100; " + Format.count(base.classesNow())
                + " -> " + Format.count(after.classesNow()) + " loaded, " + Format.count(after.classesUnloaded()
                - base.classesUnloaded()) + " unloaded meanwhile), metaspace "
                + signedMiB((after.metaspaceUsedKiB() - base.metaspaceUsedKiB()) / 1024));
        if (half != null) {
            System.out.println("    half-way (" + Format.count(n / 2) + " cycles): heap "
                    + signedMiB((half.heapUsedKiB() - base.heapUsedKiB()) / 1024) + ", classes "
                    + String.format(Locale.ROOT, "%+d", half.classesNow() - base.classesNow()) + ", metaspace "
                    + signedMiB((half.metaspaceUsedKiB() - base.metaspaceUsedKiB()) / 1024)
                    + "; agent_remove retries are for 'target ... is leased by ...' (the creation's validation"
                    + " still being recorded)");
        }
        System.out.println("    live bytes grew most (jcmd GC.class_histogram, logs/create-histogram-*.txt): "
                + JvmStats.grewMost(histogramBefore, histogramAfter, 8));
        System.out.flush();
    }

    /**
     * Calls until the result is {@code status}; a rejection because the target is leased (the previous change of
     * the id is still being recorded) is retried. Returns the retries.
     */
    private static int retryWhileLeased(java.util.function.Supplier<McpSchema.CallToolResult> call, String what,
                                        String status) {
        long deadline = System.nanoTime() + LEASE_RETRY_LIMIT.toNanos();
        int retries = 0;
        while (true) {
            McpSchema.CallToolResult r = call.get();
            Map<String, Object> out = structured(r);
            if (!Boolean.TRUE.equals(r.isError()) && status.equals(out.get("status"))) {
                return retries;
            }
            String text = text(r);
            if (!text.contains("is leased by") || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " came back " + out.get("status") + " (after " + retries
                        + " retries): " + text);
            }
            retries++;
            Sleep.millis(LEASE_RETRY_PAUSE_MILLIS);
        }
    }

    // ------------------------------------------------------------------ setup and helpers

    /** Appends the benchmark's budgets and modes to the copy's governor configuration. */
    private static void overrideGovernor(Container container) {
        Path cfg = container.home().resolve("etc/dev.autonomy.governor.cfg");
        try {
            Files.writeString(cfg, GOVERNOR_OVERRIDE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + cfg, e);
        }
    }

    /** As {@link Mcp#http}, with a request timeout long enough for a cold creation on a busy machine. */
    private static McpSyncClient client(URI endpoint, java.util.function.Consumer<List<McpSchema.Tool>> changed) {
        return Mcp.http(endpoint, changed, CALL_TIMEOUT, TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return r.structuredContent() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(McpSchema.CallToolResult r) {
        return r.content() == null ? "" : r.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining(" "));
    }

    private static String stages(Function<String, Double> millis) {
        return STAGES.stream().map(s -> s + " " + millis(millis.apply(s))).collect(Collectors.joining(", "));
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().collect(Collectors.toList());
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest rank. */
    private static Duration p90(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().collect(Collectors.toList());
        return sorted.get(Math.max(0, (int) Math.ceil(0.9 * sorted.size()) - 1));
    }

    private static String ms(Duration d) {
        return Format.millisFromMicros(d.toNanos() / 1000.0);
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "n/a" : Format.millisFromMicros(ms * 1000);
    }

    private static String ratio(Duration a, Duration b) {
        return b.isZero() ? "n/a" : String.format(Locale.ROOT, "%.1fx", a.toNanos() / (double) b.toNanos());
    }

    private static String mib(double kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }

    private static String signedMiB(double mib) {
        return String.format(Locale.ROOT, "%+.1f MiB", mib);
    }
}
