package dev.autonomy.creator.spec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AgentSpecsTest {

    /** A small valid spec; the error tests each change one thing in it. */
    private static final String BASE = """
            {
              "id": "rev",
              "description": "Reverses text.",
              "tools": ["text_reverse"],
              "capabilities": [
                {"name": "text.rev", "inputSchema": {"type": "object", "required": ["text"]},
                 "steps": [
                   {"id": "r", "call": "text_reverse", "args": {"text": "${/input/text}"}},
                   {"id": "t", "template": {"text": "${/r/text}"}}
                 ]}
              ],
              "tests": [{"name": "reverses", "capability": "text.rev", "input": {"text": "ab"},
                         "expect": {"text": "ba"}}]
            }
            """;

    private static SpecParse parse(String json) {
        return AgentSpecs.parse(Json.parse(json));
    }

    private static List<String> errors(String json) {
        SpecParse p = parse(json);
        assertThat(p.ok()).as("expected errors for %s", json).isFalse();
        return p.errors();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static String base(String from, String to) {
        assertThat(BASE).contains(from);
        return BASE.replace(from, to);
    }

    @Test
    void validSpecParsesWithDefaults() {
        SpecParse p = parse(BASE);

        assertThat(p.errors()).isEmpty();
        AgentSpec spec = p.spec().orElseThrow();
        assertThat(spec.id()).isEqualTo("rev");
        assertThat(spec.version()).isEqualTo("1.0.0");
        assertThat(spec.toolName()).isEqualTo("agent_rev");
        assertThat(spec.tools()).containsExactly("text_reverse");
        CapabilitySpec c = spec.capabilities().get(0);
        assertThat(c.outputSchema()).isEqualTo(Map.of("type", "object"));
        assertThat(c.output()).isEmpty();
        assertThat(c.steps()).hasSize(2);
        assertThat(c.steps().get(0)).isEqualTo(new Step.CallStep("r", "text_reverse", Map.of("text", "${/input/text}")));
        assertThat(c.steps().get(1)).isInstanceOf(Step.TemplateStep.class);
        SpecTest t = spec.tests().get(0);
        assertThat(t.expect()).contains(Map.of("text", "ba"));
        assertThat(t.expectError()).isFalse();
    }

    @Test
    void everyStepKindParses() {
        AgentSpec spec = SpecFixtures.demoSpec();

        assertThat(spec.capabilities()).hasSize(9);
        assertThat(spec.capabilities().stream().map(c -> c.steps().get(0).getClass().getSimpleName()))
                .containsExactly("TemplateStep", "PointerStep", "RegexStep", "BranchStep", "FallbackStep",
                        "MapStep", "RouteStep", "CallStep", "FallbackStep");
        Step.RegexStep y = (Step.RegexStep) spec.capabilities().get(2).steps().get(1);
        assertThat(y.group()).contains(2);
        assertThat(y.replace()).isEmpty();
        Step.BranchStep b = (Step.BranchStep) spec.capabilities().get(3).steps().get(0);
        assertThat(b.condition()).isEqualTo(new Condition("/input/n", Condition.Kind.GT, 3L));
        assertThat(b.then()).hasSize(1);
        assertThat(b.otherwise()).hasSize(1);
        Step.MapStep m = (Step.MapStep) spec.capabilities().get(5).steps().get(0);
        assertThat(m.as()).isEqualTo("word");
        Step.MapStep defaultAs = (Step.MapStep) ((Step.BranchStep) ((Step.FallbackStep) spec.capabilities().get(8)
                .steps().get(0)).attempt().get(0)).then().get(0);
        assertThat(defaultAs.as()).isEqualTo("item");
    }

    @Test
    void exampleIsValidAndComesFromTheSchema() {
        AgentSpec example = AgentSpecs.example();

        assertThat(example.id()).isEqualTo("shout");
        assertThat(example.capabilities()).extracting(CapabilitySpec::name).containsExactly("text.shout");
        assertThat(example.capabilities().get(0).steps()).containsExactly(
                new Step.RouteStep("u", "text.upper", Map.of("text", "${/input/text}")),
                new Step.TemplateStep("t", Map.of("text", "${/u/text}!")));
        assertThat(example.tools()).containsExactly("agent_route");
        assertThat(example.tests()).isNotEmpty();
        List<?> examples = (List<?>) AgentSpecs.schema().get("examples");
        assertThat(Json.equal(examples.get(0), AgentSpecs.toJson(example))).isTrue();
    }

    @Test
    void idWithDashIsReportedAtId() {
        assertThat(errors(base("\"id\": \"rev\"", "\"id\": \"my-rev\"")))
                .containsExactly("/id: must match [a-z][a-z0-9_]{0,40} (lower case, digits and '_'; no '-'), was "
                        + "\"my-rev\"");
    }

    @Test
    void badVersionIsReported() {
        assertThat(errors(base("\"id\": \"rev\",", "\"id\": \"rev\", \"version\": \"1.0\",")))
                .containsExactly("/version: must be a semantic version like 1.0.0, was \"1.0\"");
    }

    @Test
    void undeclaredToolIsReportedAtTheCallStep() {
        assertThat(errors(base("\"call\": \"text_reverse\"", "\"call\": \"text_foo\"")))
                .containsExactly("/capabilities/0/steps/0/call: tool 'text_foo' is not declared in /tools");
    }

    @Test
    void routeNeedsAgentRouteInTools() {
        assertThat(errors(base("\"call\": \"text_reverse\", \"args\"", "\"route\": \"text.upper\", \"input\"")))
                .containsExactly("/capabilities/0/steps/0/route: routing to another agent needs 'agent_route' in "
                        + "/tools");
    }

    @Test
    void routeToOwnCapabilityIsRejected() {
        String json = base("\"call\": \"text_reverse\", \"args\"", "\"route\": \"text.rev\", \"input\"")
                .replace("\"tools\": [\"text_reverse\"]", "\"tools\": [\"agent_route\"]");
        assertThat(errors(json)).singleElement().asString()
                .startsWith("/capabilities/0/steps/0/route: routes to 'text.rev', which this agent offers itself");
    }

    @Test
    void unknownStepInAPointerIsReportedAtTheTemplateString() {
        assertThat(errors(base("${/r/text}", "${/x/text}")))
                .containsExactly("/capabilities/0/steps/1/template/text: unknown step 'x' in \"/x/text\" "
                        + "(visible here: input, r)");
    }

    @Test
    void aStepCannotSeeLaterSteps() {
        assertThat(errors(base("${/input/text}", "${/t/text}"))).singleElement().asString()
                .startsWith("/capabilities/0/steps/0/args/text: unknown step 't'");
    }

    @Test
    void pointerWithoutLeadingSlashIsReported() {
        assertThat(errors(base("${/r/text}", "${r/text}"))).singleElement().asString()
                .startsWith("/capabilities/0/steps/1/template/text: \"r/text\" is not a JSON Pointer");
    }

    @Test
    void unterminatedPlaceholderIsReported() {
        assertThat(errors(base("${/r/text}", "${/r/text"))).singleElement().asString()
                .startsWith("/capabilities/0/steps/1/template/text: '${' without its closing '}'");
    }

    @Test
    void badRegexIsReportedAtItsPattern() {
        String json = base("{\"id\": \"t\", \"template\": {\"text\": \"${/r/text}\"}}",
                "{\"id\": \"x\", \"regex\": {\"from\": \"${/r/text}\", \"pattern\": \"a(b\"}}");
        assertThat(errors(json)).singleElement().asString()
                .startsWith("/capabilities/0/steps/1/regex/pattern: invalid regex: Unclosed group");
    }

    @Test
    void badRegexReplacementAndGroupAreReported() {
        String json = base("{\"id\": \"t\", \"template\": {\"text\": \"${/r/text}\"}}",
                "{\"id\": \"x\", \"regex\": {\"from\": \"${/r/text}\", \"pattern\": \"(a)\", \"replace\": \"$2\"}},"
                        + "{\"id\": \"y\", \"regex\": {\"from\": \"${/r/text}\", \"pattern\": \"(a)\", \"group\": 3}}");
        assertThat(errors(json)).containsExactly(
                "/capabilities/0/steps/1/regex/replace: refers to group 2, but the pattern has 1 group(s) (write \\$ "
                        + "for a literal $)",
                "/capabilities/0/steps/2/regex/group: the pattern has 1 group(s), no group 3");
    }

    @Test
    void duplicateStepIdIsReported() {
        assertThat(errors(base("{\"id\": \"t\", \"template\"", "{\"id\": \"r\", \"template\"")))
                .containsExactly("/capabilities/0/steps/1/id: duplicate step id 'r' (ids are unique within a "
                        + "capability)");
    }

    @Test
    void duplicateStepIdInANestedListIsReported() {
        String json = base("{\"id\": \"t\", \"template\": {\"text\": \"${/r/text}\"}}",
                "{\"id\": \"b\", \"if\": {\"pointer\": \"/r/text\", \"equals\": \"x\"}, "
                        + "\"then\": [{\"id\": \"r\", \"template\": 1}]}");
        assertThat(errors(json)).containsExactly("/capabilities/0/steps/1/then/0/id: duplicate step id 'r' (ids are "
                + "unique within a capability)");
    }

    @Test
    void capabilityWithoutTestIsReportedAtTests() {
        String json = base("\"capabilities\": [", "\"capabilities\": [{\"name\": \"text.other\", \"inputSchema\": "
                + "{\"type\": \"object\"}, \"steps\": [{\"id\": \"a\", \"template\": 1}]},");
        assertThat(errors(json)).containsExactly("/tests: capability 'text.other' has no test");
    }

    @Test
    void nonObjectInputSchemaIsReported() {
        assertThat(errors(base("{\"type\": \"object\", \"required\"", "{\"type\": \"string\", \"required\"")))
                .containsExactly("/capabilities/0/inputSchema: must be an object schema (\"type\": \"object\"), "
                        + "was type \"string\"");
    }

    @Test
    void wrongJsonTypesAreReportedWhereTheyAre() {
        assertThat(errors(base("\"tools\": [\"text_reverse\"]", "\"tools\": \"text_reverse\"")))
                .contains("/tools: must be an array, was string");
        assertThat(errors(base("\"id\": \"rev\"", "\"id\": 7")))
                .containsExactly("/id: must be a string, was number");
        assertThat(errors(base("\"steps\": [", "\"steps\": {\"x\": [").replace("]}\n  ],", "]}}\n  ],")))
                .containsExactly("/capabilities/0/steps: must be an array, was object");
        assertThat(errors(base("\"input\": {\"text\": \"ab\"}", "\"input\": [\"ab\"]")))
                .containsExactly("/tests/0/input: must be a JSON object, was array");
        assertThat(AgentSpecs.parse(List.of()).errors()).containsExactly("/: must be a JSON object, was array");
    }

    @Test
    void missingRequiredPropertiesAreReported() {
        assertThat(errors("{\"description\": \"x\"}")).containsExactly(
                "/id: is required",
                "/capabilities: is required: at least one capability",
                "/tests: is required: at least one test per capability");
    }

    @Test
    void unknownPropertiesAreReported() {
        assertThat(errors(base("\"expect\"", "\"expected\""))).containsExactly(
                "/tests/0/expected: unknown property 'expected' (allowed here: $comment, name, capability, input, "
                        + "expect, assert, expectError)");
    }

    @Test
    void aStepNeedsExactlyOneKind() {
        assertThat(errors(base("{\"id\": \"t\", \"template\"", "{\"id\": \"t\", \"pointer\": \"/r\", \"template\"")))
                .containsExactly("/capabilities/0/steps/1: a step has exactly one kind, found template and pointer");
        assertThat(errors(base("{\"id\": \"t\", \"template\": {\"text\": \"${/r/text}\"}}", "{\"id\": \"t\"}")))
                .containsExactly("/capabilities/0/steps/1: a step needs exactly one of call, route, template, "
                        + "pointer, regex, if, try, map");
    }

    @Test
    void conditionsAreChecked() {
        String json = base("{\"id\": \"t\", \"template\": {\"text\": \"${/r/text}\"}}",
                "{\"id\": \"b\", \"if\": {\"pointer\": \"/r/n\", \"gt\": \"3\"}, \"then\": []},"
                        + "{\"id\": \"c\", \"if\": {\"pointer\": \"/r/n\", \"lt\": 3, \"gt\": 1}, \"then\": []},"
                        + "{\"id\": \"d\", \"if\": {\"pointer\": \"/r/n\", \"matches\": \"[\"}, \"then\": []}");
        List<String> errors = errors(json);
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).isEqualTo("/capabilities/0/steps/1/if/gt: must be a number, was string");
        assertThat(errors.get(1)).startsWith("/capabilities/0/steps/2/if: needs exactly one of equals, notEquals");
        assertThat(errors.get(2)).startsWith("/capabilities/0/steps/3/if/matches: invalid regex");
    }

    @Test
    void nestedStepsSeeOnlyTheirScope() {
        String json = base("{\"id\": \"t\", \"template\": {\"text\": \"${/r/text}\"}}",
                "{\"id\": \"f\", \"try\": [{\"id\": \"a\", \"template\": 1}],"
                        + " \"fallback\": [{\"id\": \"b\", \"template\": \"${/a}\"}]},"
                        + "{\"id\": \"m\", \"map\": \"/r/items\", \"do\": [{\"id\": \"c\", \"template\": \"${/item}\"}]},"
                        + "{\"id\": \"after\", \"template\": [\"${/item}\", \"${/c}\", \"${/m}\", \"${/f}\"]}");
        assertThat(errors(json)).containsExactly(
                "/capabilities/0/steps/1/fallback/0/template: unknown step 'a' in \"/a\" (visible here: input, r)",
                "/capabilities/0/steps/3/template/0: unknown step 'item' in \"/item\" (visible here: input, r, f, m)",
                "/capabilities/0/steps/3/template/1: unknown step 'c' in \"/c\" (visible here: input, r, f, m)");
    }

    @Test
    void mapNameMustNotShadowAStep() {
        String json = base("{\"id\": \"t\", \"template\": {\"text\": \"${/r/text}\"}}",
                "{\"id\": \"m\", \"map\": \"/r/items\", \"as\": \"r\", \"do\": [{\"id\": \"c\", \"template\": 1}]}");
        assertThat(errors(json)).singleElement().asString()
                .startsWith("/capabilities/0/steps/1/as: 'r' is already taken");
    }

    @Test
    void testsAreChecked() {
        String json = base("\"tests\": [", "\"tests\": ["
                + "{\"name\": \"a\", \"capability\": \"text.nope\"},"
                + "{\"name\": \"b\", \"capability\": \"text.rev\", \"input\": {}},"
                + "{\"name\": \"c\", \"capability\": \"text.rev\", \"input\": {\"text\": \"x\"}, \"expect\": \"x\"},"
                + "{\"name\": \"d\", \"capability\": \"text.rev\", \"expectError\": true, \"expect\": {}},"
                + "{\"name\": \"reverses\", \"capability\": \"text.rev\", \"input\": {}, \"expectError\": true},");
        assertThat(errors(json)).containsExactly(
                "/tests/0/capability: unknown capability 'text.nope' (this spec offers: text.rev)",
                "/tests/1/input: missing property 'text', required by the input schema of 'text.rev' (set "
                        + "expectError to test invalid input)",
                "/tests/2/expect: must be a JSON object: a capability's result always is one (a value that is not "
                        + "an object comes back as {\"result\": value})",
                "/tests/3/expectError: cannot be combined with expect or assert: an error has no result",
                "/tests/5/name: duplicate test name 'reverses'");
    }

    @Test
    void allErrorsAreCollected() {
        String json = BASE.replace("\"rev\"", "\"Rev\"").replace("\"call\": \"text_reverse\"", "\"call\": \"x_y\"")
                .replace("${/r/text}", "${/q}");
        assertThat(errors(json)).containsExactly(
                "/id: must match [a-z][a-z0-9_]{0,40} (lower case, digits and '_'; no '-'), was \"Rev\"",
                "/capabilities/0/steps/0/call: tool 'x_y' is not declared in /tools",
                "/capabilities/0/steps/1/template/text: unknown step 'q' in \"/q\" (visible here: input, r)");
    }

    @Test
    void specGivenAsJsonTextIsParsed() {
        assertThat(AgentSpecs.parse(BASE).ok()).isTrue();
        assertThat(AgentSpecs.parse("{\"id\": ").errors()).singleElement().asString()
                .startsWith("/: invalid JSON at line 1, column 8");
    }

    @Test
    void toJsonRoundTrips() {
        for (AgentSpec spec : List.of(SpecFixtures.demoSpec(), AgentSpecs.example(), parse(BASE).spec().orElseThrow())) {
            Map<String, Object> json = AgentSpecs.toJson(spec);
            SpecParse again = AgentSpecs.parse(json);
            assertThat(again.errors()).isEmpty();
            assertThat(again.spec()).contains(spec);
            // through text too, as a client would send it
            assertThat(AgentSpecs.parse(Json.parse(Json.write(json))).spec()).contains(spec);
        }
    }

    @Test
    void schemaIsADraft202012ObjectSchema() {
        Map<String, Object> schema = AgentSpecs.schema();

        assertThat(schema.get("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("type")).isEqualTo("object");
        assertThat(list(schema.get("required"))).contains("id", "capabilities", "tests");
        Map<?, ?> defs = (Map<?, ?>) schema.get("$defs");
        Map<?, ?> step = (Map<?, ?>) defs.get("step");
        assertThat(list(step.get("oneOf"))).extracting(o -> (Object) ((Map<?, ?>) o).get("title"))
                .containsExactlyElementsOf(List.<Object>copyOf(Step.KINDS));
        Map<?, ?> condition = (Map<?, ?>) ((Map<?, ?>) defs.get("condition")).get("properties");
        assertThat(new java.util.ArrayList<Object>(condition.keySet())).containsAll(Condition.Kind.jsonNames());
        assertThat(schema.get("description").toString()).contains("${/pointer}");
    }

    @Test
    void conditionsFollowTheirRules() {
        Map<String, Object> state = Map.of("n", 2L, "s", "Hello", "l", List.of(1L, "a"), "z", Map.of());
        assertThat(new Condition("/n", Condition.Kind.EQUALS, 2.0).test(state)).isTrue();
        assertThat(new Condition("/n", Condition.Kind.NOT_EQUALS, 2).test(state)).isFalse();
        assertThat(new Condition("/missing", Condition.Kind.NOT_EQUALS, 2).test(state)).isTrue();
        assertThat(new Condition("/missing", Condition.Kind.EQUALS, null).test(state)).isFalse();
        assertThat(new Condition("/s", Condition.Kind.MATCHES, "^H.l").test(state)).isTrue();
        assertThat(new Condition("/n", Condition.Kind.MATCHES, "2").test(state)).isFalse();
        assertThat(new Condition("/z", Condition.Kind.EXISTS, true).test(state)).isTrue();
        assertThat(new Condition("/q", Condition.Kind.EXISTS, false).test(state)).isTrue();
        assertThat(new Condition("/n", Condition.Kind.GT, 1.5).test(state)).isTrue();
        assertThat(new Condition("/n", Condition.Kind.LT, 2).test(state)).isFalse();
        assertThat(new Condition("/s", Condition.Kind.GT, 1).test(state)).isFalse();
        assertThat(new Condition("/s", Condition.Kind.CONTAINS, "ell").test(state)).isTrue();
        assertThat(new Condition("/l", Condition.Kind.CONTAINS, 1.0).test(state)).isTrue();
        assertThat(new Condition("/l", Condition.Kind.CONTAINS, "b").test(state)).isFalse();
    }

    @Test
    void templatePointersAreFound() {
        assertThat(AgentSpecs.templatePointers("a ${/x} b ${/y/0} $${/z} ${}")).containsExactly("/x", "/y/0", "");
        assertThat(AgentSpecs.isWholeValueTemplate("${/x}")).isTrue();
        assertThat(AgentSpecs.isWholeValueTemplate("${/x}!")).isFalse();
        assertThat(AgentSpecs.isWholeValueTemplate("${/x}${/y}")).isFalse();
    }

    // ---------------------------------------------------------------- Json

    @Test
    void jsonRoundTripsEscapesAndUnicode() {
        String text = "{\"s\":\"quote \\\" backslash \\\\ slash / nl \\n tab \\t ctl \\u0001 \\u2028 \u00e9 \u65e5\u672c \\ud83d\\ude00\","
                + "\"n\":[1,-2,3.5,1.0E20,12345678901234567890,true,false,null],\"o\":{}}";
        Object value = Json.parse(text);

        Map<?, ?> m = (Map<?, ?>) value;
        assertThat(m.get("s")).isEqualTo("quote \" backslash \\ slash / nl \n tab \t ctl \u0001 \u2028 \u00e9 \u65e5\u672c \ud83d\ude00");
        assertThat(list(m.get("n"))).containsExactly(1L, -2L, 3.5, 1.0E20,
                new java.math.BigDecimal("12345678901234567890"), true, false, null);
        String written = Json.write(value);
        assertThat(written).contains("\\u0001", "\\u2028", "\u00e9 \u65e5\u672c \ud83d\ude00", "\\\"", "\\\\", "\\n");
        assertThat(Json.parse(written)).isEqualTo(value);
        assertThat(Json.write(Json.parse(written))).isEqualTo(written);
    }

    @Test
    void jsonReportsSyntaxErrorsWithTheirPosition() {
        assertThat(parseError("{\"a\": 1,\n \"b\" 2}")).isEqualTo("invalid JSON at line 2, column 6: expected ':'");
        assertThat(parseError("[1, 2")).startsWith("invalid JSON at line 1, column 6");
        assertThat(parseError("{\"a\": 1, \"a\": 2}")).endsWith("duplicate key \"a\"");
        assertThat(parseError("\"a\tb\"")).endsWith("control character in string (escape it)");
        assertThat(parseError("01")).endsWith("unexpected text after the JSON value");
        assertThat(parseError("[1.]")).endsWith("digits expected after '.'");
    }

    private static String parseError(String text) {
        try {
            Json.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed: " + text);
    }

    @Test
    void jsonEqualityComparesNumbersByValue() {
        assertThat(Json.equal(2, 2L)).isTrue();
        assertThat(Json.equal(2L, 2.0)).isTrue();
        assertThat(Json.equal(Map.of("a", List.of(1, 2.5)), Map.of("a", List.of(1L, 2.50)))).isTrue();
        assertThat(Json.equal(Map.of("a", 1), Map.of("a", 1, "b", 2))).isFalse();
        assertThat(Json.equal("2", 2)).isFalse();
        assertThat(Json.equal(null, null)).isTrue();
    }

    @Test
    void jsonPointersFollowRfc6901() {
        Object doc = Json.parse("{\"a/b\": {\"m~n\": [10, 20]}, \"\": 1, \"nul\": null}");
        assertThat(Json.get(doc, "/a~1b/m~0n/1")).isEqualTo(20L);
        assertThat(Json.get(doc, "/")).isEqualTo(1L);
        assertThat(Json.get(doc, "")).isSameAs(doc);
        assertThat(Json.has(doc, "/nul")).isTrue();
        assertThat(Json.has(doc, "/a~1b/m~0n/2")).isFalse();
        assertThat(Json.has(doc, "/a~1b/m~0n/01")).isFalse();
        assertThat(Json.isPointer("a/b")).isFalse();
        assertThat(Json.isPointer("/a~2")).isFalse();
        assertThat(Json.tokens("/a~1b/~0")).containsExactly("a/b", "~");
    }

    @Test
    void parseOfFrozenValuesWorks() {
        Object frozen = dev.autonomy.foundation.api.value.JsonValues.immutableCopy(Json.parse(BASE));
        assertThat(AgentSpecs.parse(frozen).spec().map(AgentSpec::id)).isEqualTo(Optional.of("rev"));
    }
}
