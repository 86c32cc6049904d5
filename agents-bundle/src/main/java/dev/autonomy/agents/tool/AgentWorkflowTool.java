package dev.autonomy.agents.tool;

import dev.autonomy.agents.core.AgentNames;
import dev.autonomy.agents.core.Workflow;
import dev.autonomy.foundation.api.tool.Content;
import dev.autonomy.foundation.api.tool.Tool;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Built-in tool {@code agent_workflow}: runs steps in order, each through {@code agent_route} (so routing advice
 * and events apply), passing each step's output on to the next; stops at the first failing step.
 */
public final class AgentWorkflowTool implements Tool {

    private static final Map<String, Object> INPUT_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("steps", Map.of(
                    "type", "array",
                    "minItems", 1,
                    "description", "The steps, run in order",
                    "items", Map.of(
                            "type", "object",
                            "properties", Map.of(
                                    "capability", Map.of("type", "string", "description", "The capability to use"),
                                    "input", Map.of("type", "object", "description", "Literal input fields"),
                                    "map", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                                            "description", "Input fields taken from the previous step's output: "
                                                    + "field name to JSON Pointer, e.g. {\"text\": \"/upper\"}; a "
                                                    + "result without structured content is {\"text\": ...}")),
                            "required", List.of("capability"),
                            "additionalProperties", false))),
            "required", List.of("steps"),
            "additionalProperties", false);

    private final ToolInvoker invoker;
    private final IntSupplier maxSteps;

    /** @param maxSteps the most steps of one workflow (read at each call: configuration may change) */
    public AgentWorkflowTool(ToolInvoker invoker, IntSupplier maxSteps) {
        this.invoker = invoker;
        this.maxSteps = maxSteps;
    }

    @Override
    public String name() {
        return AgentNames.WORKFLOW;
    }

    @Override
    public String description() {
        return "Runs a workflow of capabilities in order, each step routed to an agent like agent_route. A step's "
                + "input is its literal input plus fields mapped from the previous step's output with JSON "
                + "Pointers. Stops at the first failing step and says which one failed and why; returns every "
                + "step's result.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return INPUT_SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("agent", "workflow");
    }

    @Override
    public ToolResult call(ToolCall call) {
        Workflow.Plan plan = Workflow.plan(call.arguments().get("steps"), maxSteps.getAsInt());
        if (plan instanceof Workflow.Invalid) {
            return ToolResult.error("Invalid workflow: " + ((Workflow.Invalid) plan).reason());
        }
        List<Workflow.Step> steps = ((Workflow.Steps) plan).steps();
        List<Map<String, Object>> done = new ArrayList<>();
        Map<String, Object> previous = Map.of();
        ToolResult last = null;
        for (Workflow.Step step : steps) {
            if (call.isCancelled()) {
                return failed(steps.size(), done, step.label() + " not started: the workflow was cancelled");
            }
            call.progress(step.number() - 1, steps.size(), step.label());
            Workflow.StepInput input = Workflow.stepInput(step, previous);
            if (input instanceof Workflow.Failed) {
                return failed(steps.size(), done, ((Workflow.Failed) input).reason());
            }
            last = invoker.invoke(AgentNames.ROUTE, Map.of("capability", step.capability(), "input",
                    ((Workflow.Ready) input).input()), call);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("step", step.number());
            record.put("capability", step.capability());
            chosenAgent(last).ifPresent(a -> record.put("agent", a));
            record.put("isError", last.isError());
            if (last.isError()) {
                record.put("error", last.text());
                done.add(record);
                return failed(steps.size(), done, step.label() + " failed: " + last.text());
            }
            previous = Workflow.outputOf(last);
            record.put("output", previous);
            done.add(record);
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("completed", done.size());
        structured.put("total", steps.size());
        structured.put("steps", done);
        structured.put("output", previous);
        return ToolResult.structured(structured, "Workflow completed (" + steps.size() + " steps). Output of step "
                + steps.size() + ":\n" + (last == null ? "" : last.text()));
    }

    private static ToolResult failed(int total, List<Map<String, Object>> done, String why) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("completed", done.stream().filter(d -> Boolean.FALSE.equals(d.get("isError"))).count());
        structured.put("total", total);
        structured.put("steps", done);
        structured.put("error", why);
        return new ToolResult(List.of(Content.text("Workflow stopped: " + why)), Optional.of(structured), true,
                Map.of());
    }

    private static Optional<String> chosenAgent(ToolResult r) {
        Object routing = r.meta().get(AgentRouteTool.META_ROUTING);
        if (routing instanceof Map && ((Map<?, ?>) routing).get("chosen") instanceof String) {
            return Optional.of((String) ((Map<?, ?>) routing).get("chosen"));
        }
        return Optional.empty();
    }
}
