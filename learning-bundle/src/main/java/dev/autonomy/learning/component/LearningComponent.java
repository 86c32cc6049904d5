package dev.autonomy.learning.component;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomousCapability;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.foundation.api.agent.AgentRegistry;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.context.Context;
import dev.autonomy.foundation.api.context.ContextAdapter;
import dev.autonomy.foundation.api.plugin.Enhancement;
import dev.autonomy.foundation.api.plugin.Plugin;
import dev.autonomy.foundation.api.session.EventHandler;
import dev.autonomy.foundation.api.session.McpRequest;
import dev.autonomy.foundation.api.session.SessionEvent;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plugin 4 as Declarative Services see it: one component that is the capability {@value Learner#CAPABILITY}, its
 * action executor, an {@link EventHandler} of every session event, a {@link Plugin} (routing advice for
 * {@code agent_route}) and a {@link ContextAdapter} ({@value Learner#EXTENSION}). The work is {@link Learner}'s;
 * this class wires it, converts the configuration, and stays thin.
 */
@Component(service = {LearningComponent.class, AutonomousCapability.class, ActionExecutor.class, Plugin.class,
        ContextAdapter.class, EventHandler.class}, immediate = true,
        configurationPid = LearningComponent.PID,
        // AutonomousCapability.NAME and ActionExecutor.CAPABILITY are the same key, autonomy.capability;
        // no event.types: every session event
        property = {AutonomousCapability.NAME + "=" + Learner.CAPABILITY,
                Plugin.NAME + "=" + Learner.PLUGIN,
                EventHandler.QUEUE_CAPACITY + ":Integer=16384"})
@Designate(ocd = LearningComponent.Config.class)
public final class LearningComponent implements AutonomousCapability, ActionExecutor, Plugin, ContextAdapter,
        EventHandler {

    public static final String PID = "dev.autonomy.learning";
    /** The folder under {@code autonomy.data} that holds the experience store and the adaptations. */
    public static final String FOLDER = "learning";

    @ObjectClassDefinition(name = "Adaptive learning", description = "Learns from every request and from feedback; "
            + "adapts routing, tool policies and context through the governor, each change measured against a "
            + "holdout and kept only when it is better with confidence")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between adaptation cycles (analysis, validation, proposals), "
                + "1..3600")
        int cycleSeconds() default 60;

        @AttributeDefinition(description = "Share of requests kept on the old behaviour while an adaptation is "
                + "measured, 0.01..0.49")
        double holdoutShare() default 0.10;

        @AttributeDefinition(description = "Least routing probability of any agent (the floor ε), 0.001..0.5")
        double routingFloor() default 0.02;

        @AttributeDefinition(description = "Error bound α of the sequential test that keeps or reverts, 0.001..0.2")
        double alpha() default 0.05;

        @AttributeDefinition(description = "Confidence an insight needs before it is acted on, 0.5..1 (exclusive)")
        double confidenceLevel() default 0.95;

        @AttributeDefinition(description = "Least observations before a rate counts as evidence")
        int minCalls() default 30;

        @AttributeDefinition(description = "Units (requests) after which an undecided experiment is reverted")
        long maxExperimentUnits() default 20_000;

        @AttributeDefinition(description = "Seconds after which an undecided experiment is reverted; with "
                + "cycleSeconds at most 540 (the governor's 600 s lease less a minute), else it is lowered to that")
        long maxExperimentSeconds() default 480;

        @AttributeDefinition(description = "Adaptations proposed or measured at once, 1..100")
        int maxConcurrentExperiments() default 5;

        @AttributeDefinition(description = "Minutes a reverted or rejected change of a target is not proposed again")
        long revertCooldownMinutes() default 60;

        @AttributeDefinition(description = "Transient failure rate of a tool that makes a retry worth proposing")
        double minTransientFailureRate() default 0.02;

        @AttributeDefinition(description = "Most retries learning proposes, 0..10 (the operator's bounds apply)")
        int maxRetries() default 2;

        @AttributeDefinition(description = "Share of repeated calls that makes a result cache worth proposing")
        double minRepeatRate() default 0.2;

        @AttributeDefinition(description = "Cache lifetime learning proposes (ms)")
        long cacheTtlMs() default 60_000;

        @AttributeDefinition(description = "Ratings of a provider before a preference counts")
        int minRatings() default 5;

        @AttributeDefinition(description = "Minutes of history the patterns look at")
        long analysisWindowMinutes() default 1440;

        @AttributeDefinition(description = "Days experiences are kept")
        int retentionDays() default 30;

        @AttributeDefinition(description = "Most experiences kept (the oldest go first)")
        long retentionMaxEntries() default 5_000_000;

        @AttributeDefinition(description = "Force every commit of the experience store to disk (survives power loss)")
        boolean syncWrites() default true;

        @AttributeDefinition(description = "Keep the free text people write (feedback comments); off keeps ratings "
                + "only")
        boolean keepRawValues() default false;

        @AttributeDefinition(description = "Seed of the Thompson sampling's random numbers; 0 = new at every start")
        long randomSeed() default 0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LearningComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AutonomyGovernor governor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgentRegistry registry;

    private final List<Tool> tools = new CopyOnWriteArrayList<>();
    private final Learner learner;

    @Activate
    public LearningComponent(Map<String, Object> properties, BundleContext context, @Reference ConfigurationAdmin configAdmin)
            throws IOException {
        String data = context.getProperty("autonomy.data");
        Path dir = (data == null ? context.getDataFile("").toPath() : Path.of(data)).resolve(FOLDER);
        LearningOptions options = options(properties, LearningOptions.DEFAULTS);
        learner = new Learner(dir, options, Clock.systemUTC(), new Env(), new ConfigAdminPolicies(configAdmin));
        learner.start();
        LOG.info("Learning started (data {}, cycle {} s, holdout {})", dir, options.cycle().toSeconds(),
                options.learning().holdoutShare());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        learner.options(options(properties, learner.options()));
        LOG.info("Learning configuration updated");
    }

    @Deactivate
    void deactivate() {
        learner.close();
        LOG.info("Learning stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, service = Tool.class,
            unbind = "removeTool")
    void addTool(Tool tool) {
        tools.add(tool);
    }

    void removeTool(Tool tool) {
        tools.remove(tool);
    }

    public Learner learner() {
        return learner;
    }

    /** Reads the configuration key by key; what was clamped or kept is logged, one line per key. */
    private static LearningOptions options(Map<String, ?> properties, LearningOptions previous) {
        LearningConfig.Read read = LearningConfig.read(properties, previous);
        read.warnings().forEach(w -> LOG.warn("Configuration {}: {}", PID, w));
        return read.options();
    }

    /** What learning reads of the container: the governor, the tools, the agents. */
    private final class Env implements LearningEnvironment {
        @Override
        public Optional<AutonomyGovernor> governor() {
            return Optional.ofNullable(governor);
        }

        @Override
        public Map<String, ToolAnnotations> tools() {
            Map<String, ToolAnnotations> out = new HashMap<>();
            for (Tool t : tools) {
                try {
                    out.put(t.name(), t.annotations());
                } catch (RuntimeException | LinkageError e) {
                    // a broken or departing tool: learning adapts nothing of it
                }
            }
            return out;
        }

        @Override
        public Map<String, List<String>> agentsByCapability() {
            AgentRegistry r = registry;
            if (r == null) {
                return Map.of();
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            try {
                for (AgentRegistry.AgentInfo a : r.agents()) {
                    for (Capability c : a.capabilities()) {
                        out.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(a.id());
                    }
                }
            } catch (RuntimeException e) {
                return Map.of();
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ AutonomousCapability

    @Override
    public String name() {
        return Learner.CAPABILITY;
    }

    @Override
    public Map<String, Object> status() {
        return learner.capabilityStatus();
    }

    @Override
    public void halt() {
        learner.halt();
    }

    @Override
    public void resume() {
        learner.resume();
    }

    // ------------------------------------------------------------------ ActionExecutor

    @Override
    public ExecutionResult apply(ProposedAction action) throws IOException {
        return learner.apply(action);
    }

    @Override
    public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) throws IOException {
        return learner.rollback(action, applied);
    }

    // ------------------------------------------------------------------ EventHandler

    @Override
    public Optional<SessionEvent> handleEvent(SessionEvent event) {
        learner.onEvent(event);
        return Optional.empty();
    }

    // ------------------------------------------------------------------ Plugin

    @Override
    public Optional<Enhancement> process(McpRequest request) {
        return learner.advice(request);
    }

    // ------------------------------------------------------------------ ContextAdapter

    @Override
    public Context adaptContext(Context base) {
        return base.withExtension(Learner.EXTENSION, learner.context(base.request()));
    }
}
