package dev.autonomy.foundation.api.agent;

import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.annotation.versioning.ConsumerType;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Phase 3: an agent, published as an OSGi service and picked up by the {@link AgentRegistry}. An agent offers
 * capabilities; the router picks among the agents offering one and calls {@link #call}.
 */
@ConsumerType
public interface Agent {

    /**
     * Agent ids: lower case letters, digits and '_', starting with a letter. No '-': every agent is also the MCP
     * tool {@code agent_<id>}, and tool names ({@link dev.autonomy.foundation.api.tool.Tool#NAME_PATTERN}) have none.
     */
    Pattern ID_PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    String id();

    /** Semantic version of this agent's behaviour, e.g. {@code 1.0.0}. */
    String version();

    String description();

    List<Capability> capabilities();

    /**
     * Performs {@code capability} on {@code input} (validated against the capability's input schema). Failures
     * the caller can act on are error results.
     */
    ToolResult call(String capability, Map<String, Object> input, ToolCall call) throws Exception;
}
