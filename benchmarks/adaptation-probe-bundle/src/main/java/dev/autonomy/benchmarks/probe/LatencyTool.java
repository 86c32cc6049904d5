package dev.autonomy.benchmarks.probe;

import dev.autonomy.foundation.api.plugin.RoutingAdvice;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench_adaptation_latency {kind, changes, warmup}}: changes a behaviour {@code changes} times (after
 * {@code warmup} changes that are not counted) and times each change until the first call that shows it. Calls go
 * through this bundle's {@link ToolInvoker}, one at a time, the first right after the change: the same plugin
 * pipeline and invocation policies as a client's call, without the transport.
 *
 * <ul>
 *   <li>{@code routing}: the advice of {@link RoutePlugin} is switched between {@code {bench_a: 1, bench_b: 0}}
 *       and the reverse (a volatile write). Latency: from that write until the first {@code agent_route} call
 *       that chose the new agent returned ({@code toStart}: until the new agent began serving it;
 *       {@code toPlugin}: until the plugin pipeline first handed the new advice to a request).</li>
 *   <li>{@code policy}: autonomy's override of {@code bench_flaky} (factory configuration
 *       {@value ToolPolicyKeys#AUTONOMY_FACTORY_PID}, location {@code ?}, as autonomy's executors write it) is
 *       switched between {@code retries=0} and {@code retries=1} ({@code retryBackoffMs=0}) with
 *       {@link Configuration#update}. Latency: from before that call until the first call whose outcome shows the
 *       new retries returned ({@code toStart}: until that call began; {@code update}: the update call itself;
 *       {@code toNotified}: until the service event that tells the foundation of the change, seen by a
 *       {@link ServiceListener} on the foundation's policy component, which gets the same event).</li>
 * </ul>
 * Calls that still showed the old behaviour are counted ({@code staleCalls}). Figures in microseconds.
 */
@Component(service = Tool.class)
public final class LatencyTool implements Tool {

    static final String NAME = "bench_adaptation_latency";
    /** Longest wait for one change to show before the run is given up. */
    private static final long CHANGE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Longest wait for the agents and the override to be in place before the first change. */
    private static final long READY_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final String ANY_BUNDLE = "?";

    private static final Map<String, Object> INPUT = Map.of("type", "object",
            "properties", Map.of(
                    "kind", Map.of("type", "string", "enum", List.of("routing", "policy")),
                    "changes", Map.of("type", "integer", "minimum", 1, "maximum", 100_000),
                    "warmup", Map.of("type", "integer", "minimum", 0, "maximum", 100_000)),
            "required", List.of("kind"), "additionalProperties", false);

    private final ToolInvoker invoker;
    private final ConfigurationAdmin configAdmin;
    private final RoutePlugin plugin;
    private final AtomicLong nonces = new AtomicLong(System.nanoTime());
    private final BundleContext context;
    /** The foundation's policy component of bench_flaky, as a service: its properties are the configuration's. */
    private final ServiceListener policyEvents = this::policyEvent;
    /** Retries of the last policy event seen, and when (System.nanoTime()). */
    private volatile long notifiedRetries = -1;
    private volatile long notifiedAt;

    @Activate
    public LatencyTool(BundleContext context, @Reference ToolInvoker invoker,
                       @Reference ConfigurationAdmin configAdmin, @Reference RoutePlugin plugin)
            throws InvalidSyntaxException {
        this.context = context;
        this.invoker = invoker;
        this.configAdmin = configAdmin;
        this.plugin = plugin;
        context.addServiceListener(policyEvents, "(&(" + ToolPolicyKeys.TOOL + "=" + FlakyTool.NAME
                + ")(service.factoryPid=" + ToolPolicyKeys.AUTONOMY_FACTORY_PID + "))");
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(policyEvents);
    }

    private void policyEvent(ServiceEvent event) {
        long now = System.nanoTime();
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            return;
        }
        Object retries = event.getServiceReference().getProperty(ToolPolicyKeys.RETRIES);
        if (retries instanceof Number) {
            notifiedAt = now;
            notifiedRetries = ((Number) retries).longValue();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Benchmark tool (adaptation probe): times routing advice or tool policy changes until the first call "
                + "under the new behaviour; percentiles in microseconds.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return INPUT;
    }

    /** Thrown to end a run early with a message for the caller. */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;

        Abort(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public synchronized ToolResult call(ToolCall call) throws IOException {
        String kind = call.stringArgument("kind", "");
        int changes = intArgument(call, "changes", 1000);
        int warmup = intArgument(call, "warmup", Math.min(100, changes));
        try {
            Map<String, Object> out = kind.equals("routing") ? routing(changes, warmup, call)
                    : policy(changes, warmup, call);
            return ToolResult.structured(out, kind + ": " + out.get("latencyMicros"));
        } catch (Abort e) {
            return ToolResult.error(kind + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ routing advice

    private Map<String, Object> routing(int changes, int warmup, ToolCall call) throws Abort {
        long[] latency = new long[changes];
        long[] toStart = new long[changes];
        long[] toPlugin = new long[changes];
        long[] callNanos = new long[changes];
        long stale = 0;
        long maxStale = 0;
        String current = Probe.AGENT_A;
        try {
            // ready: both agents registered and the advice followed
            plugin.publish(advice(current));
            long ready = System.nanoTime();
            String seen;
            while (!current.equals(seen = route(call, ready, true))) {
                if (System.nanoTime() - ready > READY_LIMIT_NANOS) {
                    throw new Abort("agent_route chose " + seen + ", not " + current + " as advised, 60 s after the"
                            + " advice was published (another plugin's advice for " + Probe.CAPABILITY + "?)");
                }
                sleepMillis(10);
            }
            for (int i = -warmup; i < changes; i++) {
                checkCancelled(call);
                String target = current.equals(Probe.AGENT_A) ? Probe.AGENT_B : Probe.AGENT_A;
                long t0 = System.nanoTime();
                plugin.publish(advice(target));
                int calls = 0;
                while (true) {
                    long start = System.nanoTime();
                    String chosen = route(call, t0, false);
                    long end = System.nanoTime();
                    calls++;
                    if (target.equals(chosen)) {
                        if (i >= 0) {
                            latency[i] = end - t0;
                            toStart[i] = Probe.lastServed(target) - t0;
                            toPlugin[i] = plugin.firstServed() - t0;
                            callNanos[i] = end - start;
                            stale += calls - 1;
                            maxStale = Math.max(maxStale, calls - 1);
                        }
                        break;
                    }
                    if (end - t0 > CHANGE_LIMIT_NANOS) {
                        throw new Abort("change " + i + ": agent_route still chose " + chosen + " after " + calls
                                + " calls in 30 s");
                    }
                }
                current = target;
            }
        } finally {
            plugin.clear();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "routing");
        out.put("changes", changes);
        out.put("warmup", warmup);
        out.put("latencyMicros", percentiles(latency));
        out.put("toStartMicros", percentiles(toStart));
        out.put("toPluginMicros", percentiles(toPlugin));
        out.put("callMicros", percentiles(callNanos));
        out.put("staleCalls", stale);
        out.put("maxStaleCallsInOneChange", maxStale);
        return out;
    }

    private static RoutingAdvice advice(String agent) {
        String other = agent.equals(Probe.AGENT_A) ? Probe.AGENT_B : Probe.AGENT_A;
        return new RoutingAdvice(Probe.CAPABILITY, Map.of(agent, 1.0, other, 0.0));
    }

    /**
     * One {@code agent_route} call; the agent it chose. While {@code waiting} for the agents, an error result is
     * "not yet" (until the ready limit); afterwards it ends the run.
     */
    private String route(ToolCall call, long since, boolean waiting) throws Abort {
        ToolResult r = invoker.invoke(Probe.ROUTE_TOOL, Map.of("capability", Probe.CAPABILITY, "input", Map.of()));
        if (r.isError()) {
            if (waiting && System.nanoTime() - since < READY_LIMIT_NANOS) {
                checkCancelled(call);
                return "";
            }
            throw new Abort("agent_route failed: " + r.text());
        }
        Object routing = r.meta().get(Probe.META_ROUTING);
        Object chosen = routing instanceof Map ? ((Map<?, ?>) routing).get("chosen") : null;
        if (!(chosen instanceof String)) {
            throw new Abort("agent_route's result has no " + Probe.META_ROUTING + ".chosen: " + r.meta());
        }
        return (String) chosen;
    }

    // ------------------------------------------------------------------ tool policy

    private Map<String, Object> policy(int changes, int warmup, ToolCall call) throws Abort, IOException {
        long[] latency = new long[changes];
        long[] toStart = new long[changes];
        long[] update = new long[changes];
        long[] toNotified = new long[changes];
        long notifiedMissing = 0;
        long[] callNanos = new long[changes];
        long stale = 0;
        long maxStale = 0;
        // Named after the tool, as autonomy's executors name theirs: every update changes this one configuration.
        Configuration config = configAdmin.getFactoryConfiguration(ToolPolicyKeys.AUTONOMY_FACTORY_PID,
                FlakyTool.NAME, ANY_BUNDLE);
        int current = 0;
        try {
            // ready: the override exists and calls follow it
            long ready = System.nanoTime();
            config.update(overrideWith(current));
            while (flaky() != current) {
                if (System.nanoTime() - ready > READY_LIMIT_NANOS) {
                    throw new Abort("calls of bench_flaky still retried 60 s after retries=0 was written");
                }
                checkCancelled(call);
                sleepMillis(10);
            }
            for (int i = -warmup; i < changes; i++) {
                checkCancelled(call);
                int target = 1 - current;
                Hashtable<String, Object> next = overrideWith(target);
                long t0 = System.nanoTime();
                config.update(next);
                long updated = System.nanoTime();
                int calls = 0;
                while (true) {
                    long start = System.nanoTime();
                    int retries = flaky();
                    long end = System.nanoTime();
                    calls++;
                    if (retries == target) {
                        if (i >= 0) {
                            latency[i] = end - t0;
                            toStart[i] = start - t0;
                            update[i] = updated - t0;
                            // the event of this change: the listener may be called after the foundation's
                            long seen = awaitNotified(target);
                            if (seen - t0 > 0) {
                                toNotified[i] = seen - t0;
                            } else {
                                toNotified[i] = Long.MAX_VALUE;
                                notifiedMissing++;
                            }
                            callNanos[i] = end - start;
                            stale += calls - 1;
                            maxStale = Math.max(maxStale, calls - 1);
                        }
                        break;
                    }
                    if (end - t0 > CHANGE_LIMIT_NANOS) {
                        throw new Abort("change " + i + ": calls of bench_flaky still ran under retries="
                                + current + " " + calls + " calls and 30 s after retries=" + target
                                + " was written");
                    }
                }
                current = target;
            }
        } finally {
            try {
                config.delete();
            } catch (IOException | IllegalStateException ignored) {
                // gone already; the container's data folder is the benchmark's own
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "policy");
        out.put("changes", changes);
        out.put("warmup", warmup);
        out.put("latencyMicros", percentiles(latency));
        out.put("toStartMicros", percentiles(toStart));
        out.put("updateMicros", percentiles(update));
        out.put("toNotifiedMicros", percentiles(Arrays.stream(toNotified).filter(v -> v != Long.MAX_VALUE)
                .toArray()));
        out.put("notifiedNotSeen", notifiedMissing);
        out.put("callMicros", percentiles(callNanos));
        out.put("staleCalls", stale);
        out.put("maxStaleCallsInOneChange", maxStale);
        return out;
    }

    /** When the listener saw the policy event with {@code retries} (System.nanoTime()), 0 if not within 1 s. */
    private long awaitNotified(int retries) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (notifiedRetries != retries) {
            if (System.nanoTime() > deadline) {
                return 0;
            }
            Thread.onSpinWait();
        }
        return notifiedAt;
    }

    private static Hashtable<String, Object> overrideWith(int retries) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(ToolPolicyKeys.TOOL, FlakyTool.NAME);
        p.put(ToolPolicyKeys.RETRIES, retries);
        p.put(ToolPolicyKeys.RETRY_BACKOFF_MS, 0L);
        return p;
    }

    /**
     * One call of bench_flaky with a new nonce: 1 if it succeeded (it was retried), 0 if its first attempt's failure
     * was the answer. Any other error (the server stopping, a time limit) ends the run.
     */
    private int flaky() throws Abort {
        ToolResult r = invoker.invoke(FlakyTool.NAME, Map.of("nonce", nonces.incrementAndGet()));
        if (!r.isError()) {
            return 1;
        }
        if (r.text().startsWith("Internal error in " + FlakyTool.NAME)) {
            return 0;
        }
        throw new Abort("bench_flaky failed otherwise: " + r.text());
    }

    // ------------------------------------------------------------------ helpers

    /** p50, p90, p99 (nearest rank), max and mean of nanosecond samples, in microseconds (0.1 µs). */
    static Map<String, Object> percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", s.length);
        if (s.length == 0) {
            return m;
        }
        m.put("p50", micros(rank(s, 0.50)));
        m.put("p90", micros(rank(s, 0.90)));
        m.put("p99", micros(rank(s, 0.99)));
        m.put("max", micros(s[s.length - 1]));
        m.put("mean", micros((long) Arrays.stream(s).average().orElse(0)));
        return m;
    }

    private static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static int intArgument(ToolCall call, String name, int fallback) {
        Object v = call.arguments().get(name);
        return v instanceof Number ? ((Number) v).intValue() : fallback;
    }

    private static void checkCancelled(ToolCall call) throws Abort {
        if (call.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new Abort("cancelled (the call's time limit passed or the client cancelled it)");
        }
    }

    private static void sleepMillis(long millis) throws Abort {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abort("interrupted");
        }
    }
}
