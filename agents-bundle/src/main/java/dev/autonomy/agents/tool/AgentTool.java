package dev.autonomy.agents.tool;

import dev.autonomy.agents.core.AgentCandidate;
import dev.autonomy.agents.core.AgentNames;
import dev.autonomy.agents.core.AgentToolSchema;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolAnnotations;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The tool {@code agent_<id>} of one active agent: {@code {capability, input}} in, the agent's result out. The
 * registry registers one per active agent (hidden when agents are not exposed as tools), so the router reaches
 * every agent through {@code ToolInvoker} and its policies.
 */
public final class AgentTool implements Tool {

    /** Where the tool reports each call's latency and outcome. */
    public interface Recorder {
        void record(long latencyMicros, boolean error);
    }

    private final AgentCandidate candidate;
    private final Agent agent;
    private final Recorder recorder;
    private final String name;
    private final String description;
    private final Map<String, Object> inputSchema;

    public AgentTool(AgentCandidate candidate, Agent agent, Recorder recorder) {
        this.candidate = candidate;
        this.agent = agent;
        this.recorder = recorder;
        this.name = AgentNames.toolName(candidate.id());
        this.description = AgentToolSchema.description(candidate);
        this.inputSchema = AgentToolSchema.inputSchema(candidate.capabilities());
    }

    public AgentCandidate candidate() {
        return candidate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, Object> inputSchema() {
        return inputSchema;
    }

    @Override
    public Set<String> capabilities() {
        Set<String> tags = new LinkedHashSet<>(candidate.capabilityNames());
        tags.add("agent");
        return tags;
    }

    @Override
    public ToolAnnotations annotations() {
        return ToolAnnotations.DEFAULTS.withTitle("Agent " + candidate.id());
    }

    @Override
    public ToolResult call(ToolCall call) throws Exception {
        String capability = call.stringArgument("capability", "");
        if (!candidate.offers(capability)) {
            return ToolResult.error("Agent " + candidate.id() + " does not offer capability '" + capability
                    + "'; it offers " + candidate.capabilityNames());
        }
        Object in = call.arguments().get("input");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = in instanceof Map ? (Map<String, Object>) in : Map.of();
        long start = System.nanoTime();
        boolean error = true;
        try {
            ToolResult r = agent.call(capability, input, call);
            if (r == null) {
                r = ToolResult.error("Agent " + candidate.id() + " returned no result");
            }
            error = r.isError();
            return r;
        } finally {
            recorder.record((System.nanoTime() - start) / 1000, error);
        }
    }
}
