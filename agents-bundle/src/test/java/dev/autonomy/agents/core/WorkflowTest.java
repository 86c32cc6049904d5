package dev.autonomy.agents.core;

import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowTest {

    private static List<Workflow.Step> steps(Object arg, int max) {
        Workflow.Plan p = Workflow.plan(arg, max);
        assertThat(p).isInstanceOf(Workflow.Steps.class);
        return ((Workflow.Steps) p).steps();
    }

    private static String invalid(Object arg, int max) {
        Workflow.Plan p = Workflow.plan(arg, max);
        assertThat(p).isInstanceOf(Workflow.Invalid.class);
        return ((Workflow.Invalid) p).reason();
    }

    @Test
    void plansNumberedStepsWithInputAndMap() {
        List<Workflow.Step> s = steps(List.of(
                Map.of("capability", "text.upper", "input", Map.of("text", "hi")),
                Map.of("capability", "text.lower", "map", Map.of("text", "/text"), "input", Map.of("mode", "x"))),
                20);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).number()).isEqualTo(1);
        assertThat(s.get(0).input()).isEqualTo(Map.of("text", "hi"));
        assertThat(s.get(0).map()).isEmpty();
        assertThat(s.get(1).label()).isEqualTo("step 2 (text.lower)");
        assertThat(s.get(1).map()).isEqualTo(Map.of("text", "/text"));
    }

    @Test
    void inputIsOptional() {
        assertThat(steps(List.of(Map.of("capability", "c")), 1).get(0).input()).isEmpty();
    }

    @Test
    void stepCountIsBounded() {
        assertThat(invalid(List.of(), 20)).isEqualTo("a workflow has 1..20 steps, this one has 0");
        List<Map<String, Object>> three = List.of(Map.of("capability", "a"), Map.of("capability", "b"),
                Map.of("capability", "c"));
        assertThat(invalid(three, 2)).isEqualTo("a workflow has 1..2 steps, this one has 3");
        assertThat(steps(three, 3)).hasSize(3);
    }

    @Test
    void theFirstStepCannotMap() {
        assertThat(invalid(List.of(Map.of("capability", "a", "map", Map.of("x", "/y"))), 5))
                .isEqualTo("step 1 cannot map fields: there is no previous output");
    }

    @Test
    void badStepsAreNamed() {
        assertThat(invalid("nope", 5)).contains("array");
        assertThat(invalid(List.of("x"), 5)).isEqualTo("step 1 must be an object");
        assertThat(invalid(List.of(Map.of("capability", "a"), Map.of("capability", " ")), 5))
                .startsWith("step 2 needs a capability");
        assertThat(invalid(List.of(Map.of("capability", "a"), Map.of("capability", "b", "map",
                Map.of("text", "no-slash"))), 5)).startsWith("step 2: map of 'text':").contains("start with '/'");
        assertThat(invalid(List.of(Map.of("capability", "a"), Map.of("capability", "b", "map",
                Map.of("text", 5))), 5)).startsWith("step 2: map needs");
        assertThat(invalid(List.of(Map.of("capability", "a", "input", List.of())), 5))
                .isEqualTo("step 1: input must be an object");
    }

    @Test
    void stepInputIsTheLiteralInputPlusMappedFields() {
        Workflow.Step step = new Workflow.Step(2, "c", Map.of("mode", "x", "text", "overwritten"),
                Map.of("text", "/upper", "first", "/items/0"));
        Workflow.StepInput in = Workflow.stepInput(step, Map.of("upper", "HI", "items", List.of(1, 2)));
        assertThat(in).isEqualTo(new Workflow.Ready(Map.of("mode", "x", "text", "HI", "first", 1)));
    }

    @Test
    void anEmptyPointerMapsTheWholeOutput() {
        Workflow.Step step = new Workflow.Step(2, "c", Map.of(), Map.of("all", ""));
        assertThat(Workflow.stepInput(step, Map.of("a", 1)))
                .isEqualTo(new Workflow.Ready(Map.of("all", Map.of("a", 1))));
    }

    @Test
    void aMissingMappedFieldFailsTheStepNamingIt() {
        Workflow.Step step = new Workflow.Step(3, "text.lower", Map.of(), Map.of("text", "/result/text"));
        Workflow.StepInput in = Workflow.stepInput(step, Map.of("text", "HI"));
        assertThat(in).isEqualTo(new Workflow.Failed("step 3 (text.lower): cannot map 'text' from '/result/text' "
                + "in the output of step 2: no field 'result' at the root"));
    }

    @Test
    void aStepPassesOnItsStructuredContentOrItsText() {
        assertThat(Workflow.outputOf(ToolResult.structured(Map.of("text", "HI"), "HI")))
                .isEqualTo(Map.of("text", "HI"));
        assertThat(Workflow.outputOf(ToolResult.text("plain"))).isEqualTo(Map.of("text", "plain"));
    }
}
