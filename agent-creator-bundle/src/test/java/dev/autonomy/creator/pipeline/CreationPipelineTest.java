package dev.autonomy.creator.pipeline;

import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.SpecParse;
import dev.autonomy.foundation.api.agent.AgentRegistry.AgentInfo;
import dev.autonomy.foundation.api.agent.Capability;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CreationPipelineTest {

    private static final Map<String, Object> TEXT = Schemas.TEXT_OBJECT;
    private static final Map<String, Object> TEXT_SHAPE = Map.of("text", "string");

    /** A tool {@code text_reverse} tagged {text, transform}, with no output schema (so it answers {text}). */
    private static final Provider REVERSE_TOOL = new Provider(Provider.TOOL, "text_reverse",
            Set.of("text", "transform"), TEXT, Map.of(), true);
    /** An agent capability {@code text.upper}: {text} → {text}. */
    private static final Provider UPPER_AGENT = new Provider(Provider.AGENT, "text.upper",
            Set.of("text", "upper"), TEXT, TEXT, false);

    private static AgentInfo agent(String id, String... capabilities) {
        List<Capability> caps = new java.util.ArrayList<>();
        for (String c : capabilities) {
            caps.add(new Capability(c, "", TEXT, TEXT));
        }
        return new AgentInfo(id, "1.0.0", "", caps, 7L, Map.of());
    }

    private static TaskRequirements.Requirement req(String capability, Map<String, Object> shape, int demand) {
        return new TaskRequirements.Requirement(capability, shape, demand);
    }

    private static CapabilityGap gap(String capability, Map<String, Object> shape) {
        return new CapabilityGap(capability, shape, 1, 1.0);
    }

    // ------------------------------------------------------------------ analyze

    @Test
    void gapsSubtractExistingMergeDuplicatesAndRankByPriorityThenName() {
        List<AgentInfo> existing = List.of(agent("upper", "text.upper"), agent("other", "math.mul"));
        TaskRequirements required = new TaskRequirements(List.of(
                req("text.upper", TEXT_SHAPE, 5),          // offered by an existing agent: no gap
                req("text.reverse.upper", Map.of(), 1),    // composable, merged with the line below
                req("math.add", Map.of("a", "integer"), 2), // nothing can make it
                req("text.trim", TEXT_SHAPE, 1),           // built-in template
                req("foo.bar", Map.of(), 3),               // nothing can make it
                req("text.reverse.upper", TEXT_SHAPE, 2),
                req("math.mul", Map.of(), 9)));            // offered by an existing agent

        List<CapabilityGap> gaps = CreationPipeline.analyzeCapabilityGaps(existing, required,
                List.of(REVERSE_TOOL, UPPER_AGENT));

        // text.reverse.upper: demand 1 + 2 = 3, composable: 4; foo.bar: 3; math.add: 2; text.trim: 1 + 1 = 2
        assertThat(gaps).extracting(CapabilityGap::capability)
                .containsExactly("text.reverse.upper", "foo.bar", "math.add", "text.trim");
        assertThat(gaps).extracting(CapabilityGap::demand).containsExactly(3, 3, 2, 1);
        assertThat(gaps).extracting(CapabilityGap::priority).containsExactly(4.0, 3.0, 2.0, 2.0);
        // the first non-empty input shape wins when duplicates are merged
        assertThat(gaps.get(0).inputShape()).isEqualTo(TEXT_SHAPE);
        assertThat(gaps.get(2).inputShape()).isEqualTo(Map.of("a", "integer"));
    }

    @Test
    void withoutProvidersOnlyBuiltInsGetTheBonus() {
        TaskRequirements required = new TaskRequirements(List.of(
                req("text.reverse.upper", TEXT_SHAPE, 2),
                req("text.collapse_spaces", TEXT_SHAPE, 2)));

        List<CapabilityGap> gaps = CreationPipeline.analyzeCapabilityGaps(List.of(), required, List.of());

        assertThat(gaps).extracting(CapabilityGap::capability)
                .containsExactly("text.collapse_spaces", "text.reverse.upper");
        assertThat(gaps).extracting(CapabilityGap::priority).containsExactly(3.0, 2.0);
    }

    @Test
    void noRequirementsNoGaps() {
        assertThat(CreationPipeline.analyzeCapabilityGaps(List.of(agent("a", "text.upper")),
                new TaskRequirements(List.of(req("text.upper", Map.of(), 4))), List.of())).isEmpty();
    }

    // ------------------------------------------------------------------ design

    @Test
    void designPicksTheFirstComposableGap() {
        List<CapabilityGap> gaps = List.of(gap("foo.bar", Map.of()), gap("text.reverse.upper", TEXT_SHAPE),
                gap("text.trim", TEXT_SHAPE));

        AgentDesign design = CreationPipeline.designSpecializedAgent(gaps, List.of(REVERSE_TOOL, UPPER_AGENT))
                .orElseThrow();

        assertThat(design.id()).isEqualTo("text_reverse_upper");
        assertThat(design.origin()).isEqualTo("gap");
        assertThat(design.interfaces()).containsExactly("text.reverse.upper");
        assertThat(design.behaviors()).containsExactly("text.reverse.upper: 2 step(s)");
        assertThat(design.integrationPoints().tools()).containsExactly("text_reverse", "agent_route");
        assertThat(design.integrationPoints().routedCapabilities()).containsExactly("text.upper");
        assertThat(design.clientSource()).isEmpty();
    }

    @Test
    void designFallsThroughToABuiltInWhenTheCompositionIsImpossible() {
        List<CapabilityGap> gaps = List.of(gap("foo.bar", Map.of()), gap("text.reverse.upper", TEXT_SHAPE),
                gap("text.trim", TEXT_SHAPE));

        AgentDesign design = CreationPipeline.designSpecializedAgent(gaps, List.of()).orElseThrow();

        assertThat(design.id()).isEqualTo("text_trim");
        assertThat(design.interfaces()).containsExactly("text.trim");
        assertThat(design.behaviors()).containsExactly("text.trim: 2 step(s)");
        assertThat(design.integrationPoints().tools()).isEmpty();
        assertThat(design.integrationPoints().routedCapabilities()).isEmpty();
    }

    @Test
    void designIsEmptyWhenNoGapIsComposable() {
        assertThat(CreationPipeline.designSpecializedAgent(
                List.of(gap("foo.bar", Map.of()), gap("text.reverse.upper", TEXT_SHAPE)), List.of(UPPER_AGENT)))
                .isEmpty();
        assertThat(CreationPipeline.designSpecializedAgent(List.of(), List.of(REVERSE_TOOL))).isEmpty();
    }

    // ------------------------------------------------------------------ specFor

    @Test
    void builtInTemplateIsARegexStepWithAHandWrittenTest() {
        Map<String, Object> spec = CreationPipeline.specFor(gap("text.trim", TEXT_SHAPE), List.of()).orElseThrow();

        assertThat(spec.get("id")).isEqualTo("text_trim");
        assertThat(spec.get("version")).isEqualTo("1.0.0");
        assertThat(spec.get("tools")).isEqualTo(List.of());
        Map<?, ?> cap = (Map<?, ?>) ((List<?>) spec.get("capabilities")).get(0);
        assertThat(cap.get("name")).isEqualTo("text.trim");
        assertThat(cap.get("inputSchema")).isEqualTo(TEXT);
        assertThat(cap.get("outputSchema")).isEqualTo(TEXT);
        List<?> steps = (List<?>) cap.get("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).isEqualTo(Map.of("id", "r", "regex",
                Map.of("from", "${/input/text}", "pattern", "^\\s+|\\s+$", "replace", "")));
        assertThat(steps.get(1)).isEqualTo(Map.of("id", "out", "template", Map.of("text", "${/r}")));
        assertThat(spec.get("tests")).isEqualTo(List.of(Map.of("name", "example", "capability", "text.trim",
                "input", Map.of("text", "  padded  "), "expect", Map.of("text", "padded"))));

        SpecParse parsed = AgentSpecs.parse(spec);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.spec().orElseThrow().tests().get(0).expect()).contains(Map.of("text", "padded"));
    }

    @Test
    void everyBuiltInParses() {
        for (String capability : CreationPipeline.BUILT_IN.keySet()) {
            Map<String, Object> spec = CreationPipeline.specFor(gap(capability, Map.of()), List.of()).orElseThrow();
            assertThat(AgentSpecs.parse(spec).errors()).as(capability).isEmpty();
        }
    }

    @Test
    void compositionOfAToolAndAnAgentCapability() {
        Map<String, Object> spec = CreationPipeline.specFor(gap("text.reverse.upper", TEXT_SHAPE),
                List.of(UPPER_AGENT, REVERSE_TOOL)).orElseThrow();

        assertThat(spec.get("id")).isEqualTo("text_reverse_upper");
        assertThat(spec.get("tools")).isEqualTo(List.of("text_reverse", "agent_route"));
        assertThat(spec.get("description")).isEqualTo("Composed from tool text_reverse then agent text.upper");
        Map<?, ?> cap = (Map<?, ?>) ((List<?>) spec.get("capabilities")).get(0);
        assertThat(cap.get("name")).isEqualTo("text.reverse.upper");
        assertThat(cap.get("inputSchema")).isEqualTo(TEXT);   // the first provider's input schema
        assertThat(cap.get("outputSchema")).isEqualTo(TEXT);  // the last provider's output schema
        assertThat(cap.get("steps")).isEqualTo(List.of(
                Map.of("id", "s1", "call", "text_reverse", "args", Map.of("text", "${/input/text}")),
                Map.of("id", "s2", "route", "text.upper", "input", Map.of("text", "${/s1/text}"))));
        assertThat(spec.get("tests")).isEqualTo(List.of(Map.of("name", "composed",
                "capability", "text.reverse.upper", "input", Map.of("text", "Sample text 42"),
                "assert", List.of(Map.of("pointer", "/text", "exists", true)))));

        SpecParse parsed = AgentSpecs.parse(spec);
        assertThat(parsed.errors()).isEmpty();
        AgentSpec parsedSpec = parsed.spec().orElseThrow();
        assertThat(parsedSpec.tools()).containsExactly("text_reverse", "agent_route");
        assertThat(parsedSpec.capabilities().get(0).steps()).extracting(s -> s.label())
                .containsExactly("call text_reverse", "route text.upper");
    }

    @Test
    void aToolWithoutOutputSchemaAtTheEndAnswersText() {
        Map<String, Object> spec = CreationPipeline.specFor(gap("text.upper.reverse", TEXT_SHAPE),
                List.of(UPPER_AGENT, REVERSE_TOOL)).orElseThrow();

        Map<?, ?> cap = (Map<?, ?>) ((List<?>) spec.get("capabilities")).get(0);
        assertThat(cap.get("outputSchema")).isEqualTo(TEXT);
        assertThat(cap.get("steps")).isEqualTo(List.of(
                Map.of("id", "s1", "route", "text.upper", "input", Map.of("text", "${/input/text}")),
                Map.of("id", "s2", "call", "text_reverse", "args", Map.of("text", "${/s1/text}"))));
        assertThat(AgentSpecs.parse(spec).errors()).isEmpty();
    }

    @Test
    void aRequestFieldReadByALaterLinkIsInTheInputSchemaAndTheTestInput() {
        Provider count = new Provider(Provider.TOOL, "text_count", Set.of(),
                Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"),
                        "pattern", Map.of("type", "string")), "required", List.of("text", "pattern")),
                Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer")),
                        "required", List.of("count")), true);

        Map<String, Object> spec = CreationPipeline.specFor(
                gap("text.reverse.count", Map.of("text", "string", "pattern", "string")),
                List.of(REVERSE_TOOL, count)).orElseThrow();

        Map<?, ?> cap = (Map<?, ?>) ((List<?>) spec.get("capabilities")).get(0);
        assertThat(((Map<?, ?>) ((List<?>) cap.get("steps")).get(1)).get("args"))
                .isEqualTo(Map.of("text", "${/s1/text}", "pattern", "${/input/pattern}"));
        Map<?, ?> test = (Map<?, ?>) ((List<?>) spec.get("tests")).get(0);
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) test.get("input")).keySet()))
                .containsOnly("text", "pattern");
        @SuppressWarnings("unchecked")
        Map<String, Object> inputSchema = (Map<String, Object>) cap.get("inputSchema");
        assertThat(Schemas.required(inputSchema)).contains("text", "pattern");
    }

    @Test
    void noSpecWithoutAChain() {
        assertThat(CreationPipeline.specFor(gap("text.reverse.upper", TEXT_SHAPE), List.of(REVERSE_TOOL)))
                .isEmpty();
        assertThat(CreationPipeline.specFor(gap("foo", Map.of()), List.of(REVERSE_TOOL, UPPER_AGENT))).isEmpty();
    }

    // ------------------------------------------------------------------ Composition

    @Test
    void chainTakesEachInputFromThePreviousOutputOrTheRequest() {
        Provider count = new Provider(Provider.TOOL, "text_count", Set.of(),
                Map.of("type", "object", "required", List.of("text", "pattern")),
                Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer"))), true);

        List<Composition.Link> links = Composition.chain("text.reverse.count",
                Map.of("text", "string", "pattern", "string"), List.of(REVERSE_TOOL, count)).orElseThrow();

        assertThat(links).hasSize(2);
        assertThat(links.get(0).op()).isEqualTo("reverse");
        assertThat(links.get(0).provider()).isSameAs(REVERSE_TOOL);
        assertThat(links.get(0).inputFrom()).isEqualTo(Map.of("text", "/input/text"));
        assertThat(links.get(1).op()).isEqualTo("count");
        assertThat(links.get(1).provider()).isSameAs(count);
        assertThat(links.get(1).inputFrom()).isEqualTo(Map.of("text", "/s1/text", "pattern", "/input/pattern"));
    }

    @Test
    void chainIsEmptyWhenARequiredFieldIsNeitherInThePreviousOutputNorInTheInput() {
        Provider count = new Provider(Provider.TOOL, "text_count", Set.of(),
                Map.of("type", "object", "required", List.of("text", "pattern")), Map.of(), true);

        assertThat(Composition.chain("text.reverse.count", TEXT_SHAPE, List.of(REVERSE_TOOL, count))).isEmpty();
        // an empty input shape trusts the request only for the first link
        assertThat(Composition.chain("text.reverse.count", Map.of(), List.of(REVERSE_TOOL, count))).isEmpty();
        // the first link's required field missing from a known input shape
        assertThat(Composition.chain("text.count", TEXT_SHAPE, List.of(count))).isEmpty();
    }

    @Test
    void anEmptyInputShapeLetsTheFirstLinkReadTheRequest() {
        Provider count = new Provider(Provider.TOOL, "text_count", Set.of(),
                Map.of("type", "object", "required", List.of("text", "pattern")), Map.of(), true);

        List<Composition.Link> links = Composition.chain("text.count", Map.of(), List.of(count)).orElseThrow();

        assertThat(links.get(0).inputFrom()).isEqualTo(Map.of("text", "/input/text", "pattern", "/input/pattern"));
    }

    @Test
    void toolsArePreferredOverAgentsAndTheFirstAgentWins() {
        Provider reverseAgent = new Provider(Provider.AGENT, "text.reverse", Set.of("text", "reverse"), TEXT, TEXT,
                false);
        Provider reverseAgent2 = new Provider(Provider.AGENT, "text.reverse", Set.of(), TEXT, TEXT, false);
        Provider taggedTool = new Provider(Provider.TOOL, "flip", Set.of("text", "reverse"), TEXT, Map.of(), true);

        assertThat(Composition.chain("text.reverse", TEXT_SHAPE, List.of(reverseAgent, REVERSE_TOOL)).orElseThrow()
                .get(0).provider()).isSameAs(REVERSE_TOOL);
        assertThat(Composition.chain("text.reverse", TEXT_SHAPE, List.of(reverseAgent, taggedTool)).orElseThrow()
                .get(0).provider()).isSameAs(taggedTool);
        assertThat(Composition.chain("text.reverse", TEXT_SHAPE, List.of(reverseAgent, reverseAgent2))
                .orElseThrow().get(0).provider()).isSameAs(reverseAgent);
        // REVERSE_TOOL is tagged {text, transform}: it performs text.transform too, and text.reverse by name
        assertThat(Composition.chain("text.transform", TEXT_SHAPE, List.of(REVERSE_TOOL))).isPresent();
    }

    @Test
    void providerPerformsByNameOrByBothTags() {
        assertThat(REVERSE_TOOL.performs("text", "reverse")).isTrue();
        assertThat(REVERSE_TOOL.performs("text", "transform")).isTrue();
        assertThat(REVERSE_TOOL.performs("text", "upper")).isFalse();
        // agents only by exact capability name, never by tags
        assertThat(UPPER_AGENT.performs("text", "upper")).isTrue();
        assertThat(new Provider(Provider.AGENT, "x.y", Set.of("text", "upper"), TEXT, TEXT, false)
                .performs("text", "upper")).isFalse();
    }

    @Test
    void outputOfAToolWithoutSchemaIsText() {
        assertThat(Composition.outputOf(REVERSE_TOOL)).isEqualTo(TEXT);
        Map<String, Object> out = Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integer")));
        assertThat(Composition.outputOf(new Provider(Provider.TOOL, "t", Set.of(), TEXT, out, true)))
                .isEqualTo(out);
    }

    @Test
    void schemaSamplesCoverEveryType() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("i", Map.of("type", "integer"), "n", Map.of("type", "number"),
                "b", Map.of("type", "boolean"), "a", Map.of("type", "array"), "o", Map.of("type", "object"),
                "s", Map.of("type", "string")));
        schema.put("required", List.of("i", "n", "b", "a", "o", "s", "untyped"));

        assertThat(Schemas.sample(schema)).containsExactly(Map.entry("i", 3L), Map.entry("n", 1.5),
                Map.entry("b", true), Map.entry("a", List.of()), Map.entry("o", Map.of()),
                Map.entry("s", "Sample text 42"), Map.entry("untyped", "Sample text 42"));
    }

    // ------------------------------------------------------------------ ids

    @Test
    void agentIdsAreDerivedFromCapabilities() {
        assertThat(CreationPipeline.agentIdFor("text.reverse.upper")).isEqualTo("text_reverse_upper");
        assertThat(CreationPipeline.agentIdFor("9x")).isEqualTo("a_9x");
        assertThat(CreationPipeline.agentIdFor("Text..Trim!")).isEqualTo("text_trim");
        assertThat(CreationPipeline.agentIdFor("text-collapse")).isEqualTo("text_collapse");
        String longName = "abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij"; // 54 chars
        assertThat(CreationPipeline.agentIdFor(longName))
                .isEqualTo("abcdefghij_abcdefghij_abcdefghij_abcdefg")
                .hasSize(40);
        assertThat(AgentSpecs.ID_PATTERN.matcher(CreationPipeline.agentIdFor(longName)).matches()).isTrue();
    }

    @Test
    void packagesAreUniquePerRevision() {
        assertThat(CreationPipeline.packageFor("text_trim", 3)).isEqualTo("dev.autonomy.generated.text_trim.r3");
    }

    // ------------------------------------------------------------------ validate

    @Test
    void performanceVerdictNamesEveryProblem() {
        AgentDesign design = builtInDesign("text.trim");

        CreationPipeline.PerformanceVerdict bad = CreationPipeline.validateAgentPerformance(design, "other",
                List.of("text.collapse_spaces"), List.of("test 'example': /text expected \"padded\" but was \"x\""));

        assertThat(bad.healthy()).isFalse();
        assertThat(bad.problems()).containsExactly(
                "the agent answers to id 'other', not 'text_trim'",
                "capability 'text.trim' is missing",
                "test 'example': /text expected \"padded\" but was \"x\"");
    }

    @Test
    void performanceVerdictIsHealthyWhenEverythingMatches() {
        AgentDesign design = builtInDesign("text.trim");

        CreationPipeline.PerformanceVerdict ok = CreationPipeline.validateAgentPerformance(design, "text_trim",
                List.of("text.other", "text.trim"), List.of());

        assertThat(ok.healthy()).isTrue();
        assertThat(ok.problems()).isEmpty();
        assertThat(CreationPipeline.validateAgentPerformance(design, "text_trim", List.of("text.trim"),
                List.of("probe failed")).problems()).containsExactly("probe failed");
    }

    // ------------------------------------------------------------------ generate

    @Test
    void generatedCodeLivesInAPackagePerRevisionWithEveryPlaceholderReplaced() throws IOException {
        AgentDesign design = builtInDesign("text.trim");

        AgentCodeBase code = CreationPipeline.generateAgentCode(design, 3, new BuildSettings(1234, 5678),
                templates());

        String pkg = "dev.autonomy.generated.text_trim.r3";
        assertThat(code.agentId()).isEqualTo("text_trim");
        assertThat(code.revision()).isEqualTo(3);
        assertThat(code.packageName()).isEqualTo(pkg);
        assertThat(code.componentName()).isEqualTo(pkg + ".AgentComponent");
        assertThat(code.guardClass()).isEqualTo(pkg + ".Guard");
        assertThat(code.pluginCode()).containsOnlyKeys(pkg + ".AgentComponent");
        assertThat(code.behaviorCode()).containsOnlyKeys(pkg + ".Behavior");
        assertThat(code.integrationCode()).containsOnlyKeys(pkg + ".AgentSupport", pkg + ".Guard");
        assertThat(code.sources()).containsOnlyKeys(pkg + ".AgentComponent", pkg + ".Behavior",
                pkg + ".AgentSupport", pkg + ".Guard");
        code.sources().values().forEach(s -> assertThat(s).startsWith("package " + pkg + ";"));

        String component = code.pluginCode().get(pkg + ".AgentComponent");
        String guard = code.integrationCode().get(pkg + ".Guard");
        for (String rendered : List.of(component, guard, code.componentXml())) {
            assertThat(rendered).doesNotContain("${");
        }
        assertThat(component)
                .contains("ACTIVATION_MILLIS = 1234L;")
                .contains("CALL_MILLIS = 5678L;")
                .contains("() -> new " + pkg + ".Behavior(tools)")
                .contains("if (!\"text_trim\".equals(id))");
        assertThat(code.componentXml())
                .contains("<property name=\"agent.staged\" type=\"Boolean\" value=\"true\"/>")
                .contains("<property name=\"agent.generated\" type=\"String\" value=\"text_trim\"/>")
                .contains("name=\"" + pkg + ".AgentComponent\"")
                .contains("<implementation class=\"" + pkg + ".AgentComponent\"/>");
        assertThat(code.tests()).isEqualTo(design.specification().tests());
        assertThat(code.toolAccess()).isEmpty();
    }

    @Test
    void toolAccessIsTheSpecsTools() throws IOException {
        Map<String, Object> json = CreationPipeline.specFor(gap("text.reverse.upper", TEXT_SHAPE),
                List.of(REVERSE_TOOL, UPPER_AGENT)).orElseThrow();
        AgentDesign design = CreationPipeline.designFromSpec(AgentSpecs.parse(json).spec().orElseThrow(), "spec");

        AgentCodeBase code = CreationPipeline.generateAgentCode(design, 1, BuildSettings.DEFAULTS, templates());

        assertThat(code.toolAccess()).containsExactly("text_reverse", "agent_route");
        assertThat(code.pluginCode().get(code.componentName()))
                .contains("ACTIVATION_MILLIS = 2000L;")
                .contains("CALL_MILLIS = 60000L;");
    }

    @Test
    void clientSourceGetsThePackageOfTheRevision() throws IOException {
        String source = "package com.example.agents;\n\nimport java.util.List;\n\n"
                + "public final class Shouter implements dev.autonomy.foundation.api.agent.Agent {\n}\n";
        AgentDesign design = CreationPipeline.designFromSource(builtInDesign("text.trim").specification(), source,
                "source");

        AgentCodeBase code = CreationPipeline.generateAgentCode(design, 2, BuildSettings.DEFAULTS, templates());

        String pkg = "dev.autonomy.generated.text_trim.r2";
        assertThat(design.behaviors()).containsExactly("client source, " + source.length() + " chars");
        // a package of its own, so that no class of the client's can take a template's name
        assertThat(code.behaviorCode()).containsOnlyKeys(pkg + ".client.Shouter");
        assertThat(code.behaviorCode().get(pkg + ".client.Shouter"))
                .isEqualTo(source.replace("package com.example.agents;", "package " + pkg + ".client;"));
        // no generated support class for client source: only the guard
        assertThat(code.integrationCode()).containsOnlyKeys(pkg + ".Guard");
        assertThat(code.pluginCode().get(pkg + ".AgentComponent")).contains("() -> new " + pkg + ".client.Shouter(tools)")
                .doesNotContain("${");
    }

    @Test
    void clientSourceWithoutAPackageLineGetsOne() throws IOException {
        String source = "import java.util.List;\npublic class Echo implements dev.autonomy.foundation.api.agent.Agent"
                + " {\n}\n";
        AgentDesign design = CreationPipeline.designFromSource(builtInDesign("text.trim").specification(), source,
                "sampling");

        AgentCodeBase code = CreationPipeline.generateAgentCode(design, 1, BuildSettings.DEFAULTS, templates());

        String pkg = "dev.autonomy.generated.text_trim.r1";
        assertThat(code.behaviorCode()).containsOnlyKeys(pkg + ".client.Echo");
        assertThat(code.behaviorCode().get(pkg + ".client.Echo")).isEqualTo("package " + pkg + ".client;\n" + source);
        assertThat(code.pluginCode().get(pkg + ".AgentComponent")).contains("() -> new " + pkg + ".client.Echo(tools)");
    }

    // ------------------------------------------------------------------ helpers

    private static AgentDesign builtInDesign(String capability) {
        Map<String, Object> json = CreationPipeline.specFor(gap(capability, TEXT_SHAPE), List.of()).orElseThrow();
        SpecParse parsed = AgentSpecs.parse(json);
        assertThat(parsed.errors()).isEmpty();
        return CreationPipeline.designFromSpec(parsed.spec().orElseThrow(), "spec");
    }

    /** The creator's real templates, from the main resources on the test class path. */
    static Map<String, String> templates() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : List.of("AgentComponent.java", "Guard.java", "component.xml")) {
            try (InputStream in = CreationPipelineTest.class.getResourceAsStream(
                    "/dev/autonomy/creator/template/" + t + ".tmpl")) {
                assertThat(in).as("template " + t).isNotNull();
                out.put(t, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
