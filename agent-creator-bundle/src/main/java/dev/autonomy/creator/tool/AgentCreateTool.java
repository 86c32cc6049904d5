package dev.autonomy.creator.tool;

import dev.autonomy.creator.propose.CreateOutcome;
import dev.autonomy.creator.propose.Progress;
import dev.autonomy.creator.component.Creator;
import dev.autonomy.creator.component.CreatorComponent;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.foundation.api.tool.Sampler;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MCP tool {@code agent_create}: builds an agent from a spec (or from a client's Java source, or from source the
 * client's own model writes for a task), checks and tests it, and proposes it to the governor. Reports each stage
 * as progress.
 */
@Component(service = Tool.class)
public final class AgentCreateTool implements Tool {

    private static final Pattern CODE = Pattern.compile("```(?:java)?\\s*\\n(.*?)```", Pattern.DOTALL);

    private final Creator creator;
    private final Map<String, Object> schema;

    @Activate
    public AgentCreateTool(@Reference CreatorComponent component) {
        this.creator = component.creator();
        this.schema = Map.of("type", "object",
                "properties", Map.of(
                        "spec", AgentSpecs.schema(),
                        "source", Map.of("type", "string", "description", "Java source of one public class "
                                + "implementing dev.autonomy.foundation.api.agent.Agent with a public constructor "
                                + "taking a ToolInvoker; needs 'spec' for id, tools and tests (its steps are "
                                + "ignored). Off unless the operator enabled client source."),
                        "task", Map.of("type", "string", "description", "What the agent should do: your own "
                                + "model is asked (MCP sampling) for the source; needs 'spec' as for 'source'.")),
                "required", List.of("spec"), "additionalProperties", false);
    }

    @Override
    public String name() {
        return "agent_create";
    }

    @Override
    public String description() {
        return "Create a new agent from a spec: the server generates Java code, compiles it, checks the bytecode "
                + "against an allow-list, runs the spec's tests, and proposes the deployment to the autonomy "
                + "governor. Returns {status: created|queued|failed|rejected, ...}; queued proposals wait for the "
                + "operator's approval. Call agent_spec_schema for the spec format and an example.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return schema;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Object spec = call.arguments().get("spec");
        Optional<String> source = Optional.ofNullable(call.stringArgument("source", null));
        Optional<String> task = Optional.ofNullable(call.stringArgument("task", null));
        Progress progress = (stage, i, total) -> call.progress(i, total, stage);
        CreateOutcome out;
        if (source.isPresent()) {
            out = creator.createFromSource(source.get(), spec, "source", Clients.actor(call),
                    call.context().request().sessionId(), progress);
        } else if (task.isPresent()) {
            Optional<Sampler> sampler = call.sampler();
            if (sampler.isEmpty()) {
                return ToolResult.error("'task' needs MCP sampling, which this client did not declare");
            }
            if (!creator.settings().allowClientSource()) {
                return ToolResult.error("'task' builds source written by your model, and client source is "
                        + "disabled on this server (allowClientSource=false)");
            }
            String written;
            try {
                Sampler.Reply reply = sampler.get().createMessage(List.of(new Sampler.Message("user",
                        prompt(task.get(), spec))), "You write one Java 17 class and nothing else.", 4000,
                        Duration.ofSeconds(120));
                Matcher m = CODE.matcher(reply.text());
                written = m.find() ? m.group(1) : reply.text();
            } catch (Sampler.SamplingException e) {
                return ToolResult.error("Sampling failed: " + e.getMessage());
            }
            out = creator.createFromSource(written, spec, "sampling", Clients.actor(call),
                    call.context().request().sessionId(), progress);
        } else {
            out = creator.createFromSpec(spec, "spec", Clients.actor(call), progress);
        }
        ToolResult r = ToolResult.structured(out.toJson(), out.summary() + (out.details().isEmpty() ? ""
                : "\n" + String.join("\n", out.details())));
        return out.ok() ? r : new ToolResult(r.content(), r.structuredContent(), true, r.meta());
    }

    private static String prompt(String task, Object spec) {
        return "Write a Java 17 class for this task: " + task + "\n\nRules: one public final class implementing "
                + "dev.autonomy.foundation.api.agent.Agent (methods id(), version(), description(), "
                + "List<Capability> capabilities(), ToolResult call(String capability, Map<String,Object> input, "
                + "ToolCall call)), with a public constructor taking dev.autonomy.foundation.api.tool.ToolInvoker. "
                + "Use only java.lang basics, java.util, java.util.regex, java.util.function/stream, java.time, "
                + "java.math and dev.autonomy.foundation.api.*: no reflection, threads, files, network or System "
                + "calls. Return ToolResult.structured(map, text). Its id, capabilities and tests must match this "
                + "spec: " + dev.autonomy.creator.spec.Json.write(spec) + "\nAnswer with the class in one ```java "
                + "block.";
    }
}
