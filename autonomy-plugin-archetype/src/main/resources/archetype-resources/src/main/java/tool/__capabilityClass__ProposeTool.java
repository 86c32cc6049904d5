package ${package}.tool;

import ${package}.component.${capabilityClass}Capability;
import ${package}.component.${capabilityClass}Component;
import ${package}.core.Names;
import ${package}.core.TimeoutPlan;
import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * MCP tool {@code ${toolPrefix}_propose}: hands the planned time limits (all, or one tool's) to the
 * {@link AutonomyGovernor}, which rejects each, queues it for the operator, or has the executor apply it at once —
 * and journals every step. Nothing changes here.
 *
 * <p>A capability may as well propose from its own loop (a timer, the event handler) with
 * {@code ProposedAction.of(..)}, which names the capability as the one who asked.
 */
@Component(service = Tool.class)
public final class ${capabilityClass}ProposeTool implements Tool {

    private static final Logger LOG = LoggerFactory.getLogger(${capabilityClass}ProposeTool.class);

    private final ${capabilityClass}Component component;
    private final ${capabilityClass}Capability capability;

    /**
     * Optional, dynamic and greedy: the tool keeps serving while the control bundle is stopped and picks the
     * governor up when it returns. Read once per call. Without it nothing is proposed (fail closed).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AutonomyGovernor governor;

    @Activate
    public ${capabilityClass}ProposeTool(@Reference ${capabilityClass}Component component,
                                         @Reference ${capabilityClass}Capability capability) {
        this.component = component;
        this.capability = capability;
    }

    /** For tests: a governor given, or none. */
    public ${capabilityClass}ProposeTool(${capabilityClass}Component component,
                                         ${capabilityClass}Capability capability, AutonomyGovernor governor) {
        this(component, capability);
        this.governor = governor;
    }

    @Override
    public String name() {
        return Names.TOOL_PREFIX + "_propose";
    }

    @Override
    public String description() {
        return "Proposes the planned time limits of slow tools (see " + Names.TOOL_PREFIX + "_plans) to the "
                + "autonomy governor, which applies each at once, queues it for the operator's approval "
                + "(autonomy:approve <id> in the container's shell) or rejects it, depending on mode, budgets and "
                + "halt. Give a tool to propose only its plan.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("tool", Map.of("type", "string",
                "description", "Only this tool's plan (default: every plan)")), "additionalProperties", false);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("autonomy", Names.CAPABILITY);
    }

    /** Not read-only (an approved plan changes a policy), not destructive (reversible), not idempotent. */
    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Propose time limits", false, false, false, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        String name = call.context().request().client().name();
        Actor client = Actor.client(name == null || name.isBlank() ? "unknown" : name);
        return propose(Optional.ofNullable(call.stringArgument("tool", null)), client, Instant.now());
    }

    /** Proposes the plans (of {@code tool} only, if given) for {@code requestedBy}, at {@code now}. */
    public ToolResult propose(Optional<String> tool, Actor requestedBy, Instant now) {
        AutonomyGovernor g = governor; // read once: it may go away at any moment
        if (g == null) {
            return Answers.autonomyOff();
        }
        if (capability.halted()) {
            return Answers.halted();
        }
        List<Answers.Proposed> proposed = new ArrayList<>();
        for (TimeoutPlan plan : component.plans()) {
            if (tool.isPresent() && !tool.get().equals(plan.tool())) {
                continue;
            }
            Decision decision = g.submit(plan.toProposal(UUID.randomUUID().toString(), requestedBy, now));
            capability.decided(decision);
            LOG.debug("Proposal {} for {}: {} ({})", decision.proposalId(), plan.target(), decision.outcome(),
                    decision.reason());
            proposed.add(new Answers.Proposed(plan, decision));
        }
        return Answers.proposed(proposed);
    }
}
