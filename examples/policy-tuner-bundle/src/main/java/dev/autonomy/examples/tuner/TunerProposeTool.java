package dev.autonomy.examples.tuner;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.action.Decision;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolPolicyKeys;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * MCP tool {@code tuner_propose}: an MCP client proposes a tool policy change, and the governor decides. This is
 * where the capability proposes; a real capability does the same from its own loop (a timer, an event handler)
 * with what it measured, and names itself as {@code requestedBy} ({@code ProposedAction.of(..)}).
 *
 * <p>Nothing changes here. The tool validates the arguments, turns them into a {@code ProposedAction} and hands it
 * to the {@link AutonomyGovernor}, which rejects it, queues it for the operator, or has {@link PolicyTunerExecutor}
 * apply it at once — and journals each step.
 */
@Component(service = Tool.class)
public final class TunerProposeTool implements Tool {

    private static final Logger LOG = LoggerFactory.getLogger(TunerProposeTool.class);

    private static final Map<String, Object> INPUT_SCHEMA = inputSchema(PolicyChange.LIMITS);

    private static final Map<String, Object> OUTPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "outcome", Map.of("type", "string", "enum", List.of(Answers.APPROVED, Answers.QUEUED,
                            Answers.REJECTED, Answers.FAILED, Answers.OFF)),
                    "proposalId", Map.of("type", "string"),
                    "approveWith", Map.of("type", "string", "description", "the operator's shell command"),
                    "applied", Map.of("type", "object", "description", "the tool and the settings applied"),
                    "reason", Map.of("type", "string")),
            "required", List.of("outcome", "reason"));

    private final PolicyTunerCapability capability;

    /**
     * The governor: optional, dynamic and greedy, so the tool keeps serving while the control bundle is stopped,
     * and picks the governor up when it returns. Read once per call into a local. Without it the tool proposes
     * nothing: an autonomous change without a governor is never an option (fail closed).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AutonomyGovernor governor;

    @Activate
    public TunerProposeTool(@Reference PolicyTunerCapability capability) {
        this.capability = capability;
    }

    @Override
    public String name() {
        return "tuner_propose";
    }

    @Override
    public String description() {
        return "Proposes a change of a tool's invocation policy (time limit, retries, result cache, concurrency "
                + "limit) to the autonomy governor, which applies it at once, queues it for the operator's approval "
                + "(autonomy:approve <id> in the container's shell) or rejects it, depending on the mode, budgets "
                + "and halt. Give the reason.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return INPUT_SCHEMA;
    }

    @Override
    public Optional<Map<String, Object>> outputSchema() {
        return Optional.of(OUTPUT_SCHEMA);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("autonomy", "policy");
    }

    /** Not read-only (it may change a policy), not destructive (the change is reversible), not idempotent. */
    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Propose a tool policy", false, false, false, false, false);
    }

    @Override
    public ToolResult call(ToolCall call) {
        PolicyChange change;
        try {
            change = PolicyChange.fromArguments(call.arguments());
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage()); // the model can correct its arguments
        }
        AutonomyGovernor g = governor; // read once: it may go away at any moment
        if (g == null) {
            return Answers.autonomyOff();
        }
        if (capability.halted()) {
            return Answers.halted();
        }
        Actor client = Actor.client(clientName(call));
        Decision decision = g.submit(change.toProposal(UUID.randomUUID().toString(), client, Instant.now()));
        capability.decided(decision);
        LOG.debug("Proposal {} by {} for {}: {} ({})", decision.proposalId(), client, change.target(),
                decision.outcome(), decision.reason());
        // A real capability would now watch what the change does and report it: reportValidation(id, improved,
        // evidence, done) or rollback(id, reason, actor). Until then (or until the governor's leaseSeconds pass)
        // the applied change holds a lease on its target, so no other proposal changes the same tool meanwhile.
        return Answers.of(decision, change);
    }

    private static String clientName(ToolCall call) {
        String name = call.context().request().client().name();
        return name == null || name.isBlank() ? "unknown" : name;
    }

    /** The arguments' JSON Schema: the tool, the settings with their ranges, and the reason. */
    static Map<String, Object> inputSchema(Map<String, long[]> limits) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tool", Map.of("type", "string", "pattern", "^" + Tool.NAME_PATTERN.pattern() + "$",
                "description", "The tool whose policy to change, e.g. text_word_count"));
        Map<String, String> descriptions = Map.of(
                ToolPolicyKeys.TIMEOUT_MS, "Time limit of one attempt (ms)",
                ToolPolicyKeys.RETRIES, "Extra attempts after an exception or a timeout (idempotent tools only)",
                ToolPolicyKeys.CACHE_TTL_MS, "Cache results this long (ms); 0 = off (pure tools only)",
                ToolPolicyKeys.MAX_CONCURRENCY, "Calls at once; 0 = unlimited");
        for (String key : PolicyChange.SETTINGS) {
            long[] limit = limits.get(key);
            properties.put(key, Map.of("type", "integer", "minimum", limit[0], "maximum", limit[1],
                    "description", descriptions.get(key)));
        }
        properties.put("reason", Map.of("type", "string", "maxLength", PolicyChange.MAX_REASON,
                "description", "Why: shown to the operator and kept in the audit journal"));
        return Map.of("type", "object", "properties", properties, "required", List.of("tool"),
                "additionalProperties", false);
    }
}
