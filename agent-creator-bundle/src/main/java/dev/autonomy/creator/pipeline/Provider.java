package dev.autonomy.creator.pipeline;

import dev.autonomy.foundation.api.value.JsonValues;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Something that exists and can be composed: a tool (called by name) or an agent capability (called through
 * {@code agent_route}).
 *
 * @param kind         {@code tool} or {@code agent}
 * @param name         the tool's name, or the capability's name for agents
 * @param tags         capability tags (a tool's {@code capabilities()}; an agent capability's name segments)
 * @param inputSchema  JSON Schema of the input
 * @param outputSchema JSON Schema of the output (may be empty: then the output is {@code {text}})
 * @param readOnly     whether calling it changes nothing (tools: {@code readOnlyHint}; agents: unknown, false)
 */
public record Provider(String kind, String name, Set<String> tags, Map<String, Object> inputSchema,
                       Map<String, Object> outputSchema, boolean readOnly) {

    public static final String TOOL = "tool";
    public static final String AGENT = "agent";

    public Provider {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        tags = Set.copyOf(tags);
        inputSchema = JsonValues.immutableObject(inputSchema);
        outputSchema = JsonValues.immutableObject(outputSchema);
    }

    /** Whether this provider performs {@code domain.op}: an agent capability of that name, a tool named
     * {@code domain_op}, or a tool tagged with both. */
    public boolean performs(String domain, String op) {
        if (AGENT.equals(kind)) {
            return name.equals(domain + "." + op);
        }
        return name.equals(domain + "_" + op) || tags.contains(domain) && tags.contains(op);
    }
}
