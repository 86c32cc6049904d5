package dev.autonomy.creator.build;

import dev.autonomy.creator.pipeline.AgentCodeBase;
import dev.autonomy.creator.pipeline.AgentDesign;
import dev.autonomy.creator.pipeline.BuildSettings;
import dev.autonomy.creator.pipeline.CapabilityGap;
import dev.autonomy.creator.pipeline.CreationPipeline;
import dev.autonomy.creator.pipeline.Provider;
import dev.autonomy.creator.pipeline.Schemas;
import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.SpecParse;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end builds outside OSGi: the real compiler against foundation-api (from the test class path), the real
 * templates, the real policy, weaver, test runner and packager.
 */
class AgentBuilderTest {

    private static final String API = "dev.autonomy.foundation.api";
    private static final long TEST_TIMEOUT_MS = 200;
    private static final Map<String, String> IMPORT_VERSIONS = Map.of(
            API + ".agent", "[1.0,2)",
            API + ".tool", "[1.0,2)",
            API + ".context", "[1.0,2)",
            API + ".value", "[1.0,2)");

    private static AgentBuilder builder;

    @BeforeAll
    static void setUp() throws Exception {
        builder = new AgentBuilder(new JavaSourceCompiler(new ApiClassSource()),
                AgentBuilderTest.class.getClassLoader(), IMPORT_VERSIONS, templates());
    }

    // ------------------------------------------------------------------ specs and sources

    private static final String GREETER_SPEC = """
            {"id": "greeter", "description": "Greets by name.",
             "capabilities": [{"name": "text.greet", "inputSchema": {"type": "object", "required": ["name"]},
                               "steps": [{"id": "t", "template": "Hello ${/input/name}!"}],
                               "output": {"text": "${/t}"}}],
             "tests": [{"name": "greets ann", "capability": "text.greet", "input": {"name": "Ann"},
                        "expect": {"text": "%s"}}]}
            """;

    private static AgentSpec spec(String json) {
        SpecParse parsed = AgentSpecs.parse(json);
        assertThat(parsed.errors()).isEmpty();
        return parsed.spec().orElseThrow();
    }

    private static AgentDesign greeter(String expected) {
        return CreationPipeline.designFromSpec(spec(GREETER_SPEC.formatted(expected)), "spec");
    }

    /** A client-written behaviour class with {@code body} as the body of {@code call}, {@code ctor} of the
     * constructor. It keeps its package line, so line numbers are those of this text. */
    private static String clientSource(String ctor, String body) {
        return "package com.example;\n"
                + "\n"
                + "import dev.autonomy.foundation.api.agent.Agent;\n"
                + "import dev.autonomy.foundation.api.agent.Capability;\n"
                + "import dev.autonomy.foundation.api.tool.ToolCall;\n"
                + "import dev.autonomy.foundation.api.tool.ToolInvoker;\n"
                + "import dev.autonomy.foundation.api.tool.ToolResult;\n"
                + "import java.util.List;\n"
                + "import java.util.Map;\n"
                + "\n"
                + "public final class Greeter implements Agent {\n"
                + "    public Greeter(ToolInvoker tools) {\n"
                + "        " + ctor + "\n"
                + "    }\n"
                + "    public String id() { return \"greeter\"; }\n"
                + "    public String version() { return \"1.0.0\"; }\n"
                + "    public String description() { return \"Greets by name.\"; }\n"
                + "    public List<Capability> capabilities() {\n"
                + "        return List.of(new Capability(\"text.greet\", \"Greets\", Map.of(\"type\", \"object\"),"
                + " Map.of()));\n"
                + "    }\n"
                + "    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {\n"
                + "        " + body + "\n"
                + "    }\n"
                + "}\n";
    }

    private static final String GREET_BODY = "String text = \"Hello \" + input.get(\"name\") + \"!\";"
            + " return ToolResult.structured(Map.of(\"text\", text), text);";

    private static AgentDesign fromSource(String source) {
        return CreationPipeline.designFromSource(spec(GREETER_SPEC.formatted("Hello Ann!")), source, "source");
    }

    private static AgentBuilder.BuildReport build(AgentDesign design) {
        return builder.build(design, 1, BuildSettings.DEFAULTS, new TextTools(), TEST_TIMEOUT_MS, null);
    }

    private static List<String> stageNames(AgentBuilder.BuildReport report) {
        return report.stages().stream().map(AgentBuilder.StageTime::stage).toList();
    }

    // ------------------------------------------------------------------ success

    @Test
    void templateOnlySpecBuildsThroughEveryStage() throws Exception {
        List<String> started = new ArrayList<>();
        AgentBuilder.BuildReport report = builder.build(greeter("Hello Ann!"), 1, BuildSettings.DEFAULTS,
                new TextTools(), TEST_TIMEOUT_MS, (stage, index, total) -> started.add(stage + " " + index + "/"
                        + total));

        assertThat(report.success()).as(report.reason() + " " + report.details()).isTrue();
        assertThat(report.failedStage()).isEmpty();
        assertThat(report.reason()).isEmpty();
        assertThat(report.details()).isEmpty();
        assertThat(stageNames(report)).containsExactly("generate", "compile", "check", "weave", "test", "package");
        assertThat(started).containsExactly("generate 0/6", "compile 1/6", "check 2/6", "weave 3/6", "test 4/6",
                "package 5/6");

        BundlePackager.Packaged bundle = report.bundle().orElseThrow();
        AgentCodeBase code = report.code().orElseThrow();
        assertThat(bundle.symbolicName()).isEqualTo("dev.autonomy.generated.greeter");
        assertThat(bundle.version()).isEqualTo("1.0.0.r1");
        assertThat(bundle.sha256()).isEqualTo(BundlePackager.sha256(bundle.jar())).hasSize(64);

        Map<String, byte[]> entries = entries(bundle.jar());
        Attributes main = manifest(bundle.jar());
        assertThat(main.getValue("Bundle-SymbolicName")).isEqualTo("dev.autonomy.generated.greeter");
        assertThat(main.getValue("Bundle-Version")).isEqualTo("1.0.0.r1");
        assertThat(main.getValue("Autonomy-Agent")).isEqualTo("greeter");
        assertThat(main.getValue("Autonomy-Agent-Revision")).isEqualTo("1");
        assertThat(main.getValue("Export-Package")).isNull();
        assertThat(main.getValue("Autonomy-Tool-Access")).isNull(); // the spec declares no tools
        String imports = main.getValue("Import-Package");
        assertThat(imports)
                .contains(API + ".agent;version=\"[1.0,2)\"")
                .contains(API + ".tool;version=\"[1.0,2)\"");
        String xml = "OSGI-INF/dev.autonomy.generated.greeter.r1.AgentComponent.xml";
        assertThat(main.getValue("Service-Component")).isEqualTo(xml);
        assertThat(entries).containsKey(xml);
        assertThat(new String(entries.get(xml), StandardCharsets.UTF_8)).isEqualTo(code.componentXml())
                .contains("agent.staged");
        assertThat(entries).containsKeys(
                "dev/autonomy/generated/greeter/r1/AgentComponent.class",
                "dev/autonomy/generated/greeter/r1/Behavior.class",
                "dev/autonomy/generated/greeter/r1/AgentSupport.class",
                "dev/autonomy/generated/greeter/r1/Guard.class",
                "dev/autonomy/generated/greeter/r1/Guard$Cutoff.class");
        // nothing but the agent's package and the component descriptor
        assertThat(entries.keySet()).allMatch(n -> n.startsWith("META-INF/") || n.startsWith("OSGI-INF/")
                || n.startsWith("dev/autonomy/generated/greeter/r1/"), "only the agent's own package");
    }

    @Test
    void theBuiltAgentWorksWhenLoadedFromItsJar() throws Exception {
        AgentBuilder.BuildReport report = build(greeter("Hello Ann!"));
        Map<String, byte[]> entries = entries(report.bundle().orElseThrow().jar());
        Map<String, byte[]> classes = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()), bytes);
            }
        });

        Agent agent = (Agent) new SpecTestRunner.MemoryClassLoader(classes, getClass().getClassLoader())
                .loadClass(report.code().orElseThrow().componentName())
                .getConstructor(ToolInvoker.class).newInstance(new TextTools());

        assertThat(agent.id()).isEqualTo("greeter");
        assertThat(agent.version()).isEqualTo("1.0.0");
        assertThat(agent.capabilities()).extracting(c -> c.name()).containsExactly("text.greet");
        ToolResult r = agent.call("text.greet", Map.of("name", "Bo"), null);
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.structuredContent()).contains(Map.of("text", "Hello Bo!"));
    }

    @Test
    void theSameSpecGivesTheSameEntries() throws Exception {
        AgentBuilder.BuildReport first = build(greeter("Hello Ann!"));
        AgentBuilder.BuildReport second = build(greeter("Hello Ann!"));

        assertThat(first.success()).isTrue();
        assertThat(second.success()).isTrue();
        Map<String, byte[]> a = entries(first.bundle().orElseThrow().jar());
        Map<String, byte[]> b = entries(second.bundle().orElseThrow().jar());
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void theSameSpecGivesTheSameJar() {
        AgentBuilder.BuildReport first = build(greeter("Hello Ann!"));
        AgentBuilder.BuildReport second = build(greeter("Hello Ann!"));

        assertThat(first.success()).isTrue();
        assertThat(second.success()).isTrue();
        assertThat(second.bundle().orElseThrow().sha256()).isEqualTo(first.bundle().orElseThrow().sha256());
        assertThat(second.bundle().orElseThrow().jar()).isEqualTo(first.bundle().orElseThrow().jar());
    }

    @Test
    void everyEntryHasTheSameConstantTime() throws Exception {
        // The deterministic form of the reproducibility check: no clock, no second build needed.
        byte[] jar = build(greeter("Hello Ann!")).bundle().orElseThrow().jar();
        Map<String, Long> times = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                times.put(e.getName(), e.getTime());
            }
        }
        long first = times.values().iterator().next();
        assertThat(times).allSatisfy((name, time) -> assertThat(time).as(name).isEqualTo(first));
    }

    @Test
    void anotherRevisionIsAnotherPackageAndJar() throws Exception {
        AgentBuilder.BuildReport r1 = build(greeter("Hello Ann!"));
        AgentBuilder.BuildReport r2 = builder.build(greeter("Hello Ann!"), 2, BuildSettings.DEFAULTS,
                new TextTools(), TEST_TIMEOUT_MS, null);

        assertThat(r2.success()).isTrue();
        assertThat(r2.code().orElseThrow().packageName()).isEqualTo("dev.autonomy.generated.greeter.r2");
        assertThat(r2.bundle().orElseThrow().version()).isEqualTo("1.0.0.r2");
        assertThat(manifest(r2.bundle().orElseThrow().jar()).getValue("Autonomy-Agent-Revision")).isEqualTo("2");
        assertThat(r2.bundle().orElseThrow().sha256()).isNotEqualTo(r1.bundle().orElseThrow().sha256());
    }

    @Test
    void aSpecThatCallsAToolUsesTheTestInvokerAndDeclaresItsAccess() throws Exception {
        AgentSpec reverser = spec("""
                {"id": "reverser", "description": "Reverses text.", "tools": ["text_reverse"],
                 "capabilities": [{"name": "text.flip", "inputSchema": {"type": "object", "required": ["text"]},
                                   "steps": [{"id": "r", "call": "text_reverse", "args": {"text": "${/input/text}"}}],
                                   "output": {"text": "${/r/text}"}}],
                 "tests": [{"name": "flips", "capability": "text.flip", "input": {"text": "abc"},
                            "expect": {"text": "cba"}}]}
                """);
        TextTools tools = new TextTools();

        AgentBuilder.BuildReport report = builder.build(CreationPipeline.designFromSpec(reverser, "spec"), 1,
                BuildSettings.DEFAULTS, tools, TEST_TIMEOUT_MS, null);

        assertThat(report.success()).as(report.reason() + " " + report.details()).isTrue();
        assertThat(tools.calls).containsExactly("text_reverse {text=abc}");
        assertThat(manifest(report.bundle().orElseThrow().jar()).getValue("Autonomy-Tool-Access"))
                .isEqualTo("text_reverse");
    }

    @Test
    void aGapDesignComposedFromAToolAndARoutedCapabilityBuilds() throws Exception {
        Map<String, Object> text = Schemas.TEXT_OBJECT;
        List<Provider> providers = List.of(
                new Provider(Provider.TOOL, "text_reverse", Set.of("text"), text, Map.of(), true),
                new Provider(Provider.AGENT, "text.upper", Set.of(), text, text, false));
        AgentDesign design = CreationPipeline.designSpecializedAgent(List.of(
                new CapabilityGap("text.reverse.upper", Map.of("text", "string"), 1, 2.0)), providers).orElseThrow();
        TextTools tools = new TextTools();

        AgentBuilder.BuildReport report = builder.build(design, 1, BuildSettings.DEFAULTS, tools, TEST_TIMEOUT_MS,
                null);

        assertThat(report.success()).as(report.reason() + " " + report.details()).isTrue();
        // the generated test input is the schema sample; agent_route gets the capability and the reversed text
        assertThat(tools.calls).containsExactly("text_reverse {text=Sample text 42}",
                "agent_route {capability=text.upper, input={text=24 txet elpmaS}}");
        assertThat(manifest(report.bundle().orElseThrow().jar()).getValue("Autonomy-Tool-Access"))
                .isEqualTo("text_reverse,agent_route");
    }

    @Test
    void aGapDesignWhoseSecondLinkReadsTheRequestBuilds() throws Exception {
        Map<String, Object> text = Schemas.TEXT_OBJECT;
        List<Provider> providers = List.of(
                new Provider(Provider.TOOL, "text_reverse", Set.of("text"), text, Map.of(), true),
                new Provider(Provider.TOOL, "text_count", Set.of(),
                        Map.of("type", "object", "required", List.of("text", "pattern")),
                        Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer")),
                                "required", List.of("count")), true));
        AgentDesign design = CreationPipeline.designSpecializedAgent(List.of(
                new CapabilityGap("text.reverse.count", Map.of("text", "string", "pattern", "string"), 1, 2.0)),
                providers).orElseThrow();

        AgentBuilder.BuildReport report = builder.build(design, 1, BuildSettings.DEFAULTS, new TextTools(),
                TEST_TIMEOUT_MS, null);

        assertThat(report.success()).as(report.reason() + " " + report.details()).isTrue();
    }

    @Test
    void clientSourceThatIsCorrectBuilds() throws Exception {
        AgentBuilder.BuildReport report = build(fromSource(clientSource("", GREET_BODY)));

        assertThat(report.success()).as(report.reason() + " " + report.details()).isTrue();
        assertThat(entries(report.bundle().orElseThrow().jar()))
                .containsKey("dev/autonomy/generated/greeter/r1/client/Greeter.class")
                .doesNotContainKey("dev/autonomy/generated/greeter/r1/AgentSupport.class");
    }

    // ------------------------------------------------------------------ failures, by stage

    @Test
    void aFailingTestFailsStageTestAndNamesTheTest() {
        AgentBuilder.BuildReport report = build(greeter("Hello Bob!"));

        assertThat(report.success()).isFalse();
        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.reason()).isEqualTo("1 of 1 test(s) failed; first: test 'greets ann': /text expected "
                + "\"Hello Bob!\" but was \"Hello Ann!\"");
        assertThat(report.details()).containsExactly(
                "test 'greets ann': /text expected \"Hello Bob!\" but was \"Hello Ann!\"");
        assertThat(report.bundle()).isEmpty();
        assertThat(report.code()).isPresent();
        assertThat(stageNames(report)).containsExactly("generate", "compile", "check", "weave", "test");
    }

    @Test
    void sourceThatDoesNotCompileFailsStageCompileWithFileLineAndColumn() {
        String source = clientSource("", "return undefinedThing;");
        int at = source.indexOf("undefinedThing");
        long line = source.substring(0, at).chars().filter(c -> c == '\n').count() + 1;  // 22
        long column = at - source.lastIndexOf('\n', at);                                  // 16

        AgentBuilder.BuildReport report = build(fromSource(source));

        assertThat(line).isEqualTo(22);
        assertThat(column).isEqualTo(16);
        assertThat(report.success()).isFalse();
        assertThat(report.failedStage()).isEqualTo("compile");
        assertThat(report.reason()).startsWith("1 compile error(s); first: ");
        assertThat(report.details()).hasSize(1);
        assertThat(report.details().get(0)).startsWith("dev/autonomy/generated/greeter/r1/client/Greeter.java:" + line + ":"
                + column + ": ERROR: cannot find symbol");
        assertThat(report.bundle()).isEmpty();
        assertThat(stageNames(report)).containsExactly("generate", "compile");
    }

    @Test
    void onlyFoundationApiIsOnTheCompileClassPath() {
        // The creator's own classes are on the test class path but not in the ClassSource: generated code cannot
        // name them.
        AgentBuilder.BuildReport report = build(fromSource(clientSource("",
                "return ToolResult.text(dev.autonomy.creator.spec.Json.write(input));")));

        assertThat(report.failedStage()).isEqualTo("compile");
        assertThat(report.reason()).contains("Greeter.java:22:");
    }

    @Test
    void sourceUsingAFileFailsStageCheck() {
        AgentBuilder.BuildReport report = build(fromSource(clientSource("",
                "return ToolResult.text(String.valueOf(new java.io.File(\"/etc/passwd\").exists()));")));

        assertThat(report.success()).isFalse();
        assertThat(report.failedStage()).isEqualTo("check");
        assertThat(report.reason()).startsWith("forbidden: dev.autonomy.generated.greeter.r1.client.Greeter uses java.io.File")
                .contains("files and streams are not allowed");
        assertThat(report.details()).isNotEmpty()
                .allMatch(d -> d.startsWith("dev.autonomy.generated.greeter.r1.client.Greeter uses java.io.File"));
        assertThat(stageNames(report)).containsExactly("generate", "compile", "check");
    }

    @Test
    void aLoopThatDoesNotEndFailsStageTestAtTheTimeLimit() {
        AgentBuilder.BuildReport report = build(fromSource(clientSource("", "while (true) { }")));

        assertThat(report.success()).isFalse();
        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.details()).containsExactly("test 'greets ann': the agent ran past its time limit of "
                + TEST_TIMEOUT_MS + " ms (a loop that does not end?)");
        assertThat(report.reason()).contains("time limit");
    }

    @Test
    void aClientClassNamedLikeTheTemplateCannotReplaceItNorEscapeTheTimeLimit() {
        String source = clientSource("", "while (true) { }").replace("Greeter", "AgentComponent");
        AgentBuilder.BuildReport report = build(fromSource(source));

        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.reason()).contains("time limit");
    }

    @Test
    void aRegularExpressionThatBacktracksForEverEndsAtTheTimeLimit() {
        String json = GREETER_SPEC.formatted("x").replace("\"steps\": [", "\"steps\": [{\"id\": \"slow\", "
                + "\"regex\": {\"from\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\", \"pattern\": "
                + "\"^(.*a){20}$\"}}, ");
        AgentBuilder.BuildReport report = build(CreationPipeline.designFromSpec(spec(json), "spec"));

        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.reason()).contains("time limit");
    }

    @Test
    void aConstructorThatThrowsFailsStageTestAsActivation() {
        AgentBuilder.BuildReport report = build(fromSource(clientSource(
                "if (tools != null) { throw new IllegalStateException(\"no config\"); }", GREET_BODY)));

        assertThat(report.success()).isFalse();
        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.details()).containsExactly("activation failed: IllegalStateException: no config");
        assertThat(report.reason()).contains("activation failed");
    }

    @Test
    void aConstructorThatDoesNotEndFailsActivationAtItsTimeLimit() {
        AgentBuilder.BuildReport report = builder.build(fromSource(clientSource("while (tools != null) { }",
                GREET_BODY)), 1, new BuildSettings(150, 60_000), new TextTools(), TEST_TIMEOUT_MS, null);

        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.details()).containsExactly("activation failed: Cutoff: agent call exceeded its time limit");
    }

    @Test
    void anErrorResultSatisfiesATestThatExpectsAnError() {
        AgentSpec spec = spec("""
                {"id": "greeter", "description": "Greets by name.",
                 "capabilities": [{"name": "text.greet", "inputSchema": {"type": "object"},
                                   "steps": [{"id": "t", "template": "x"}]}],
                 "tests": [{"name": "refuses", "capability": "text.greet", "input": {"bad": true},
                            "expectError": true}]}
                """);
        String source = clientSource("", "return ToolResult.error(\"bad input\");");

        AgentBuilder.BuildReport report = build(CreationPipeline.designFromSource(spec, source, "source"));

        assertThat(report.success()).as(report.reason()).isTrue();
    }

    @Test
    void aLoopThatDoesNotEndFailsEvenATestThatExpectsAnError() {
        AgentSpec spec = spec("""
                {"id": "greeter", "description": "Greets by name.",
                 "capabilities": [{"name": "text.greet", "inputSchema": {"type": "object"},
                                   "steps": [{"id": "t", "template": "x"}]}],
                 "tests": [{"name": "refuses", "capability": "text.greet", "input": {"bad": true},
                            "expectError": true}]}
                """);
        String source = clientSource("", "while (true) { }");

        AgentBuilder.BuildReport report = build(CreationPipeline.designFromSource(spec, source, "source"));

        assertThat(report.success()).isFalse();
        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.reason()).contains("time limit");
    }

    @Test
    void anIdThatDoesNotMatchTheSpecFailsActivation() {
        String source = clientSource("", GREET_BODY).replace("return \"greeter\";", "return \"impostor\";");

        AgentBuilder.BuildReport report = build(fromSource(source));

        assertThat(report.failedStage()).isEqualTo("test");
        assertThat(report.details()).containsExactly("activation failed: IllegalStateException: the agent's id() "
                + "is 'impostor', but it was created as 'greeter'");
    }

    @Test
    void aMissingTemplateFailsStageGenerate() {
        Map<String, String> partial = new LinkedHashMap<>();
        partial.put("AgentComponent.java", "package ${package};");
        AgentBuilder broken = new AgentBuilder(new JavaSourceCompiler(new ApiClassSource()),
                getClass().getClassLoader(), IMPORT_VERSIONS, partial);

        AgentBuilder.BuildReport report = broken.build(greeter("Hello Ann!"), 1, BuildSettings.DEFAULTS,
                new TextTools(), TEST_TIMEOUT_MS, null);

        assertThat(report.failedStage()).isEqualTo("generate");
        assertThat(report.reason()).isEqualTo("could not generate code: missing template");
        assertThat(report.code()).isEmpty();
        assertThat(stageNames(report)).containsExactly("generate");
    }

    // ------------------------------------------------------------------ the compiler alone

    @Test
    void theCompilerReportsFileLineAndColumn() {
        JavaSourceCompiler compiler = new JavaSourceCompiler(new ApiClassSource());

        JavaSourceCompiler.Result ok = compiler.compile(Map.of("p.A", "package p;\npublic class A { class B {} }\n"));
        JavaSourceCompiler.Result bad = compiler.compile(Map.of("p.A", "package p;\npublic class A { int x = y; }\n"));

        assertThat(ok.success()).isTrue();
        assertThat(ok.classes()).containsOnlyKeys("p/A", "p/A$B");
        assertThat(bad.success()).isFalse();
        assertThat(bad.classes()).isEmpty();
        assertThat(bad.errors()).hasSize(1);
        JavaSourceCompiler.Message m = bad.errors().get(0);
        assertThat(m.file()).isEqualTo("p/A.java");
        assertThat(m.line()).isEqualTo(2);
        assertThat(m.column()).isEqualTo(26);
        assertThat(m.toString()).startsWith("p/A.java:2:26: ERROR: cannot find symbol");
    }

    // ------------------------------------------------------------------ fixtures

    /** text_reverse, agent_route to text.upper and text_count; records every call. */
    static final class TextTools implements ToolInvoker {
        final List<String> calls = new ArrayList<>();

        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments, ToolCall parent) {
            return invoke(toolName, arguments);
        }

        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments) {
            calls.add(toolName + " " + new TreeMap<>(arguments));
            if ("text_reverse".equals(toolName) && arguments.get("text") instanceof String) {
                String reversed = new StringBuilder((String) arguments.get("text")).reverse().toString();
                return ToolResult.structured(Map.of("text", reversed), reversed);
            }
            if ("agent_route".equals(toolName) && "text.upper".equals(arguments.get("capability"))
                    && arguments.get("input") instanceof Map<?, ?> in && in.get("text") instanceof String t) {
                String upper = t.toUpperCase(java.util.Locale.ROOT);
                return ToolResult.structured(Map.of("text", upper), upper);
            }
            if ("text_count".equals(toolName) && arguments.get("text") instanceof String t
                    && arguments.get("pattern") instanceof String p) {
                long n = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(p)).matcher(t).results()
                        .count();
                return ToolResult.structured(Map.of("count", n), Long.toString(n));
            }
            return ToolResult.error("unknown tool " + toolName);
        }

        @Override
        public boolean mayCall(String toolName) {
            return List.of("text_reverse", "agent_route", "text_count").contains(toolName);
        }
    }

    /**
     * The class files of foundation-api packages, found where {@code Agent.class} was loaded from (a directory or
     * a jar); nothing of any other package, as in the container.
     */
    static final class ApiClassSource implements JavaSourceCompiler.ClassSource {
        private final Path location;

        ApiClassSource() {
            try {
                location = Path.of(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Map<String, URL> classes(String packageName) {
            if (!packageName.equals(API) && !packageName.startsWith(API + ".")) {
                return Map.of();
            }
            String dir = packageName.replace('.', '/') + "/";
            Map<String, URL> out = new TreeMap<>();
            try {
                if (Files.isDirectory(location)) {
                    Path pkg = location.resolve(dir);
                    if (Files.isDirectory(pkg)) {
                        try (Stream<Path> files = Files.list(pkg)) {
                            for (Path p : (Iterable<Path>) files::iterator) {
                                String name = p.getFileName().toString();
                                if (name.endsWith(".class")) {
                                    out.put(packageName + "." + name.substring(0, name.length() - 6),
                                            p.toUri().toURL());
                                }
                            }
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(location.toFile())) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String name = e.nextElement().getName();
                            if (name.startsWith(dir) && name.endsWith(".class")
                                    && name.indexOf('/', dir.length()) < 0) {
                                String simple = name.substring(dir.length(), name.length() - 6);
                                out.put(packageName + "." + simple,
                                        URI.create("jar:" + location.toUri() + "!/" + name).toURL());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }
    }

    static Map<String, String> templates() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : List.of("AgentComponent.java", "Guard.java", "component.xml")) {
            try (InputStream in = AgentBuilderTest.class.getResourceAsStream(
                    "/dev/autonomy/creator/template/" + t + ".tmpl")) {
                assertThat(in).as("template " + t).isNotNull();
                out.put(t, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Attributes manifest(byte[] jar) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            assertThat(in.getManifest()).isNotNull();
            return in.getManifest().getMainAttributes();
        }
    }

    private static Map<String, byte[]> entries(byte[] jar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }
}
