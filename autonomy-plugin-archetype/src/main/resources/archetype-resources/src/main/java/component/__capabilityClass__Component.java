package ${package}.component;

import ${package}.core.LatencyPipeline;
import ${package}.core.Names;
import ${package}.core.RequestSample;
import ${package}.core.Settings;
import ${package}.core.TimeoutPlan;
import ${package}.core.ToolLatency;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.session.SessionEventTypes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ${capability} as Declarative Services see it: an {@link EventHandler} of {@code request_completed} and
 * {@code request_failed} that keeps the recent samples, and a {@link Plugin} that tells every call of a slow tool,
 * in the result's {@code _meta}, which time limit was planned for it. The work is the pure pipeline's
 * ({@link LatencyPipeline}); this class gathers input, converts the configuration, and stays thin. It changes
 * nothing: proposing is {@code ${capabilityClass}ProposeTool}'s job, applying the executor's.
 */
@Component(service = {${capabilityClass}Component.class, EventHandler.class, Plugin.class}, immediate = true,
        configurationPid = ${capabilityClass}Component.PID,
        property = {EventHandler.EVENT_TYPES + "=" + SessionEventTypes.REQUEST_COMPLETED,
                EventHandler.EVENT_TYPES + "=" + SessionEventTypes.REQUEST_FAILED,
                Plugin.NAME + "=" + Names.CAPABILITY})
@Designate(ocd = ${capabilityClass}Component.Config.class)
public final class ${capabilityClass}Component implements EventHandler, Plugin {

    /** The configuration PID: {@code etc/${package}.cfg}. */
    public static final String PID = "${package}";

    @ObjectClassDefinition(name = "${capability}", description = "Watches tool latencies and plans a time limit "
            + "for each slow tool; proposes it through the autonomy governor")
    public @interface Config {
        @AttributeDefinition(description = "Recent calls kept and analyzed, 10..1000000")
        int windowSize() default 10_000;

        @AttributeDefinition(description = "p95 (ms) from which a tool counts as slow, 0..3600000")
        long slowMs() default 1_000;

        @AttributeDefinition(description = "Calls a tool needs before it is judged, 1..100000")
        int minCalls() default 20;

        @AttributeDefinition(description = "Time limit planned = p95 x headroom, 1..10")
        double headroom() default 1.5;

        @AttributeDefinition(description = "Shortest time limit planned (ms)")
        long minTimeoutMs() default 1_000;

        @AttributeDefinition(description = "Longest time limit planned (ms)")
        long maxTimeoutMs() default 120_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(${capabilityClass}Component.class);

    private final Settings settings;
    private final RecentSamples samples;
    /** The plans of the last analysis, by tool: what the plugin reports. */
    private volatile Map<String, TimeoutPlan> lastPlans = Map.of();

    @Activate
    public ${capabilityClass}Component(Config config) {
        this(new Settings(config.slowMs(), config.minCalls(), config.headroom(), config.minTimeoutMs(),
                config.maxTimeoutMs()), windowSize(config.windowSize()));
        LOG.info("${capability} started: {}, window {}", settings, config.windowSize());
    }

    /** For tests: the settings and the window as values. */
    public ${capabilityClass}Component(Settings settings, int windowSize) {
        this.settings = settings;
        this.samples = new RecentSamples(windowSize(windowSize));
    }

    private static int windowSize(int value) {
        if (value < 10 || value > 1_000_000) {
            throw new IllegalArgumentException("windowSize must be 10..1000000, was " + value);
        }
        return value;
    }

    /** Keeps the sample; publishes nothing in turn. Runs on this handler's own queue, never on a request. */
    @Override
    public Optional<SessionEvent> handleEvent(SessionEvent event) {
        RequestSample.from(event).ifPresent(samples::add);
        return Optional.empty();
    }

    /** A call of a tool with a planned time limit carries it in {@code _meta}; other calls get nothing. */
    @Override
    public Optional<Enhancement> process(McpRequest request) {
        TimeoutPlan plan = lastPlans.get(request.toolName());
        if (plan == null) {
            return Optional.empty();
        }
        return Optional.of(Enhancement.metadata(Names.CAPABILITY, Map.of("plannedTimeoutMs", plan.timeoutMs())));
    }

    /** Runs the pipeline over the recent samples: the time limits it plans now. */
    public List<TimeoutPlan> plans() {
        List<TimeoutPlan> plans = LatencyPipeline.run(samples.snapshot(), settings);
        Map<String, TimeoutPlan> byTool = new LinkedHashMap<>();
        plans.forEach(p -> byTool.put(p.tool(), p));
        lastPlans = Map.copyOf(byTool);
        return plans;
    }

    /** Stage 1 alone: what the recent samples say about each tool. */
    public List<ToolLatency> latencies() {
        return LatencyPipeline.observe(samples.snapshot());
    }

    public Settings settings() {
        return settings;
    }

    /** Figures for the shell and the MCP tools (JSON values). */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samplesSeen", samples.seen());
        m.put("samplesKept", samples.snapshot().size());
        m.put("toolsObserved", latencies().size());
        m.put("plansLastAnalysis", lastPlans.size());
        m.put("slowMs", settings.slowMs());
        m.put("minCalls", settings.minCalls());
        m.put("headroom", settings.headroom());
        return m;
    }
}
