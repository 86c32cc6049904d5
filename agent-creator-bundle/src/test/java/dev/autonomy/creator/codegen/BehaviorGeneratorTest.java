package dev.autonomy.creator.codegen;

import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.Json;
import dev.autonomy.creator.spec.SpecFixtures;
import dev.autonomy.creator.spec.SpecTest;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.tool.ToolCall;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.traffic.TestToolCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BehaviorGeneratorTest {

    private static final String PACKAGE = "dev.autonomy.generated.demo";

    private static Agent demo;
    private static FakeTools demoTools;

    @BeforeAll
    static void compileDemo() throws Exception {
        demoTools = new FakeTools();
        demo = compile(SpecFixtures.demoSpec(), PACKAGE, "DemoAgent", demoTools);
    }

    // ---------------------------------------------------------------- every step kind

    @Test
    void templateRendersPlaceholdersAndRawValues() throws Exception {
        ToolResult r = call(demo, "demo.template", "{\"name\": \"Ann\", \"n\": 2}");

        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.structuredContent().orElseThrow()).isEqualTo(Json.parse(
                "{\"greeting\": \"Hello Ann!\", \"n\": 2, \"raw\": {\"name\": \"Ann\", \"n\": 2}, \"literal\": \"${/t}\","
                        + "\"mixed\": \"n=2;in={\\\"name\\\":\\\"Ann\\\",\\\"n\\\":2}\"}"));
        assertThat(r.text()).isEqualTo(Json.write(r.structuredContent().orElseThrow()));
    }

    @Test
    void pointerTakesTheValueAndAValueThatIsNotAnObjectIsWrapped() throws Exception {
        assertThat(structured(demo, "demo.pointer", "{\"items\": [\"a\", \"b\", \"c\"]}"))
                .isEqualTo(Map.of("result", "b"));
    }

    @Test
    void missingPointerFailsTheStep() throws Exception {
        ToolResult r = call(demo, "demo.pointer", "{\"items\": [\"a\"]}");

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("step 'p' failed: no value at /input/items/1");
    }

    @Test
    void regexReplacesAndExtracts() throws Exception {
        assertThat(structured(demo, "demo.regex", "{\"text\": \"a1b22c\"}")).isEqualTo(Json.parse(
                "{\"replaced\": \"a#b#c\", \"digits\": [\"1\", \"2\"], \"pairs\": [\"a1\", \"b22\"], "
                        + "\"swapped\": \"1a22bc\"}"));
    }

    @Test
    void branchTakesEitherWay() throws Exception {
        assertThat(structured(demo, "demo.branch", "{\"n\": 5}")).isEqualTo(Map.of("size", "big 5"));
        assertThat(structured(demo, "demo.branch", "{\"n\": 3}")).isEqualTo(Map.of("size", "small"));
        assertThat(structured(demo, "demo.branch", "{\"n\": 3.5}")).isEqualTo(Map.of("size", "big 3.5"));
        // a missing value does not satisfy gt: the else branch runs
        assertThat(structured(demo, "demo.branch", "{}")).isEqualTo(Map.of("size", "small"));
    }

    @Test
    void fallbackRunsOnlyWhenAnAttemptFails() throws Exception {
        assertThat(structured(demo, "demo.fallback", "{\"text\": \"abc\"}")).isEqualTo(Map.of("text", "cba"));
        assertThat(structured(demo, "demo.fallback", "{\"text\": \"boom\"}"))
                .isEqualTo(Map.of("text", "fallback for boom"));
    }

    @Test
    void mapRunsItsStepsPerElement() throws Exception {
        FakeTools tools = new FakeTools();
        Agent agent = compile(SpecFixtures.demoSpec(), PACKAGE + ".map", "DemoAgent", tools);

        assertThat(structured(agent, "demo.map", "{\"items\": [\"ab\", \"cd\", \"\"]}"))
                .isEqualTo(Map.of("reversed", List.of("ba", "dc", "")));
        assertThat(tools.calls).containsExactly("text_reverse {\"text\":\"ab\"}", "text_reverse {\"text\":\"cd\"}",
                "text_reverse {\"text\":\"\"}");
        assertThat(structured(agent, "demo.map", "{\"items\": []}")).isEqualTo(Map.of("reversed", List.of()));
        assertThat(call(agent, "demo.map", "{\"items\": \"ab\"}").text())
                .isEqualTo("step 'm' failed: the value at /input/items is not an array: \"ab\"");
    }

    @Test
    void routeCallsAgentRouteWithCapabilityAndInput() throws Exception {
        FakeTools tools = new FakeTools();
        Agent agent = compile(SpecFixtures.demoSpec(), PACKAGE + ".route", "DemoAgent", tools);

        assertThat(structured(agent, "demo.route", "{\"text\": \"hi\"}")).isEqualTo(Map.of("text", "HI"));
        assertThat(tools.calls).containsExactly("agent_route {\"capability\":\"text.upper\",\"input\":{\"text\":\"hi\"}}");
        assertThat(tools.parents).allSatisfy(p -> assertThat(p).isSameAs(CALL));
    }

    @Test
    void callPassesRenderedArgumentsAndWrapsTextResults() throws Exception {
        assertThat(structured(demo, "demo.call", "{\"text\": \"abc\"}"))
                .isEqualTo(Map.of("reversed", "cba", "plain", "plain"));
    }

    @Test
    void failingCallFailsTheCapabilityNamingTheStep() throws Exception {
        ToolResult r = call(demo, "demo.call", "{\"text\": \"boom\"}");

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("step 'r' failed: text_reverse returned an error: cannot reverse boom");
    }

    @Test
    void nestedStepsFailOverToTheFallback() throws Exception {
        assertThat(structured(demo, "demo.nested", "{\"items\": [\"ab\"]}"))
                .isEqualTo(Json.parse("{\"result\": [{\"text\": \"ba\"}]}"));
        assertThat(structured(demo, "demo.nested", "{\"items\": [\"ab\", \"boom\"]}"))
                .isEqualTo(Map.of("result", "failed"));
        // no items: the branch has no else, so its value and the result are null
        assertThat(structured(demo, "demo.nested", "{}")).isEqualTo(nullResult());
    }

    private static Map<String, Object> nullResult() {
        Map<String, Object> m = new HashMap<>();
        m.put("result", null);
        return m;
    }

    @Test
    void unknownCapabilityIsAnErrorResult() throws Exception {
        ToolResult r = call(demo, "demo.nope", "{}");

        assertThat(r.isError()).isTrue();
        assertThat(r.text()).startsWith("unknown capability 'demo.nope'; agent demo offers: demo.template, ");
    }

    @Test
    void theSpecsOwnTestsPass() throws Exception {
        AgentSpec spec = SpecFixtures.demoSpec();
        for (SpecTest t : spec.tests()) {
            ToolResult r = demo.call(t.capability(), t.input(), CALL);
            assertThat(SpecTests.failure(t, r)).as(t.name()).isEmpty();
        }
    }

    @Test
    void metadataComesFromTheSpec() {
        AgentSpec spec = SpecFixtures.demoSpec();

        assertThat(demo.id()).isEqualTo("demo");
        assertThat(demo.version()).isEqualTo("1.0.0");
        assertThat(demo.description()).isEqualTo(spec.description());
        assertThat(demo.capabilities()).extracting(Capability::name)
                .containsExactlyElementsOf(spec.capabilities().stream().map(c -> c.name()).toList());
        Capability template = demo.capabilities().get(0);
        assertThat(template.description()).isEqualTo("Greets");
        assertThat(template.inputSchema()).isEqualTo(Map.of("type", "object", "required", List.of("name", "n")));
        assertThat(template.outputSchema()).isEqualTo(Map.of("type", "object"));
    }

    // ---------------------------------------------------------------- the example and the source itself

    @Test
    void exampleSpecCompilesAndShouts() throws Exception {
        Agent shout = compile(AgentSpecs.example(), "dev.autonomy.generated.shout", "ShoutAgent", new FakeTools());

        assertThat(structured(shout, "text.shout", "{\"text\": \"hi\"}")).isEqualTo(Map.of("text", "HI!"));
        for (SpecTest t : AgentSpecs.example().tests()) {
            assertThat(SpecTests.failure(t, shout.call(t.capability(), t.input(), CALL))).as(t.name()).isEmpty();
        }
    }

    @Test
    void generatedSourceUsesOnlyAllowedApis() {
        String agent = BehaviorGenerator.generate(AgentSpecs.example(), "p", "ShoutAgent");
        String support = BehaviorGenerator.supportSource("p");

        for (String source : List.of(agent, support)) {
            assertThat(source).doesNotContain("java.lang.reflect", "Thread", "System.", "catch (Throwable",
                    "catch (Error", "getClass", "Class<", ".class", "java.util.concurrent", "->", "::");
            for (String line : source.split("\n")) {
                // no static mutable state: every static field is final (and holds an immutable value)
                if (line.contains(" static ") && line.trim().endsWith(";") && !line.contains("(")) {
                    assertThat(line).contains(" static final ");
                }
                if (line.startsWith("import ")) {
                    assertThat(line).matches("import (java\\.util\\.[A-Za-z.]+|java\\.math\\.[A-Za-z]+|"
                            + "dev\\.autonomy\\.foundation\\.api\\.[a-z]+\\.[A-Za-z]+);");
                }
            }
        }
        assertThat(agent).contains("public final class ShoutAgent implements Agent {",
                "public ShoutAgent(ToolInvoker tools) {",
                "    // step /capabilities/0/steps/0 (route text.upper)\n    private Object textShout_u(",
                "    // step /capabilities/0/steps/1 (template)\n    private Object textShout_t(",
                "    // capability /capabilities/0 (text.shout)\n    private ToolResult textShout(",
                "return ToolResult.structured(output, AgentSupport.toJson(output));");
        assertThat(support).startsWith("package p;").contains("final class AgentSupport {",
                "static final class StepFailure extends RuntimeException {");
    }

    @Test
    void stringsThatCouldBreakTheSourceStayData() throws Exception {
        // A unicode escape of a line break in a comment or literal would let a spec inject code.
        String nasty = "say \"hi\" \\ \\u000a } // */ \u00e9\u65e5 \ud83d\ude00\ttab\u0001";
        Map<String, Object> json = AgentSpecs.toJson(AgentSpecs.example());
        json.put("description", nasty);
        @SuppressWarnings("unchecked")
        Map<String, Object> cap = (Map<String, Object>) ((List<Object>) json.get("capabilities")).get(0);
        Map<String, Object> bigSchema = new LinkedHashMap<>();
        bigSchema.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            props.put("p" + i, Map.of("type", "string", "description", nasty));
        }
        bigSchema.put("properties", props);
        bigSchema.put("nothing", null);
        bigSchema.put("lone", java.util.Arrays.asList((Object) null));
        bigSchema.put("numbers", List.of(1, 2L, 2.5, -0.0, 1e300, new java.math.BigDecimal("1e400"),
                new java.math.BigInteger("123456789012345678901234567890")));
        bigSchema.put("long", "x".repeat(20_000));
        cap.put("inputSchema", bigSchema);
        cap.put("steps", List.of(Map.of("id", "u", "route", "text.upper", "input", Map.of("text", "${/input/text}")),
                Map.of("id", "t", "template", Map.of("text", "${/u/text}!", "note", nasty))));
        AgentSpec spec = AgentSpecs.parse(json).spec().orElseThrow();

        Agent agent = compile(spec, "dev.autonomy.generated.nasty", "NastyAgent", new FakeTools());

        assertThat(agent.description()).isEqualTo(nasty);
        assertThat(Json.equal(agent.capabilities().get(0).inputSchema(), bigSchema)).isTrue();
        assertThat(structured(agent, "text.shout", "{\"text\": \"hi\"}")).isEqualTo(Map.of("text", "HI!", "note", nasty));
    }

    @Test
    void invalidSpecsAndNamesAreRefused() {
        AgentSpec example = AgentSpecs.example();
        AgentSpec bad = new AgentSpec("bad-id", example.version(), example.description(), example.capabilities(),
                example.tools(), example.tests());

        assertThatThrownBy(() -> BehaviorGenerator.generate(bad, "p", "A"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid spec: /id: must match");
        assertThatThrownBy(() -> BehaviorGenerator.generate(example, "p.class", "A"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BehaviorGenerator.generate(example, "p", "A-B"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capabilityMethodNamesAreJavaAndDistinct() throws Exception {
        String json = """
                {"id": "names", "description": "Names that are awkward in Java.",
                 "capabilities": [
                   {"name": "new", "inputSchema": {"type": "object"}, "steps": [{"id": "a", "template": 1}]},
                   {"name": "text.shout", "inputSchema": {"type": "object"}, "steps": [{"id": "a", "template": 2}]},
                   {"name": "text_shout", "inputSchema": {"type": "object"}, "steps": [{"id": "a", "template": 3}]},
                   {"name": "call", "inputSchema": {"type": "object"}, "steps": [{"id": "a", "template": 4}]}
                 ],
                 "tests": [{"name": "1", "capability": "new"}, {"name": "2", "capability": "text.shout"},
                           {"name": "3", "capability": "text_shout"}, {"name": "4", "capability": "call"}]}
                """;
        Agent agent = compile(AgentSpecs.parse(json).spec().orElseThrow(), "dev.autonomy.generated.names", "Names",
                new FakeTools());

        assertThat(structured(agent, "new", "{}")).isEqualTo(Map.of("result", 1L));
        assertThat(structured(agent, "text.shout", "{}")).isEqualTo(Map.of("result", 2L));
        assertThat(structured(agent, "text_shout", "{}")).isEqualTo(Map.of("result", 3L));
        assertThat(structured(agent, "call", "{}")).isEqualTo(Map.of("result", 4L));
    }

    // ---------------------------------------------------------------- helpers

    private static ToolResult call(Agent agent, String capability, String input) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> in = (Map<String, Object>) Json.parse(input);
        return agent.call(capability, in, CALL);
    }

    private static Map<String, Object> structured(Agent agent, String capability, String input) throws Exception {
        ToolResult r = call(agent, capability, input);
        assertThat(r.isError()).as(r.text()).isFalse();
        return r.structuredContent().orElseThrow();
    }

    /** Generates both classes, compiles them in memory with {@code -proc:none}, and instantiates the agent. */
    static Agent compile(AgentSpec spec, String pkg, String className, ToolInvoker tools) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(pkg + "." + className, BehaviorGenerator.generate(spec, pkg, className));
        sources.put(pkg + ".AgentSupport", BehaviorGenerator.supportSource(pkg));
        Map<String, byte[]> classes = javac(sources);
        ClassLoader loader = new ClassLoader(BehaviorGeneratorTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        Class<?> c = loader.loadClass(pkg + "." + className);
        return (Agent) c.getConstructor(ToolInvoker.class).newInstance(tools);
    }

    private static Map<String, byte[]> javac(Map<String, String> sources) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                           JavaFileObject.Kind kind, FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"),
                            kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            List<String> options = List.of("-proc:none", "-Xlint:all", "-classpath",
                    System.getProperty("java.class.path"));
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            StringBuilder messages = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                messages.append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
                        .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT))
                        .append('\n');
            }
            assertThat(ok).as("compile errors:\n%s", messages).isTrue();
            assertThat(diagnostics.getDiagnostics()).as("compiler warnings:\n%s", messages)
                    .noneMatch(d -> d.getKind() == Diagnostic.Kind.WARNING
                            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING);
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** The parent call handed to the agent; the fake invoker records what it was given. */
    private static final ToolCall CALL = TestToolCall.of("agent_test", Map.of(), Instant.EPOCH);

    /**
     * Answers {@code text_reverse} (an error for "boom"), {@code plain_text} (a text result) and {@code agent_route}
     * for {@code text.upper}, and records each call.
     */
    static final class FakeTools implements ToolInvoker {
        final List<String> calls = new ArrayList<>();
        final List<ToolCall> parents = new ArrayList<>();

        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments, ToolCall parent) {
            calls.add(toolName + " " + Json.write(arguments));
            parents.add(parent);
            switch (toolName) {
                case "text_reverse": {
                    Object text = arguments.get("text");
                    if (!(text instanceof String)) {
                        return ToolResult.error("text is required");
                    }
                    if (text.equals("boom")) {
                        return ToolResult.error("cannot reverse boom");
                    }
                    String reversed = new StringBuilder((String) text).reverse().toString();
                    return ToolResult.structured(Map.of("text", reversed), reversed);
                }
                case "plain_text":
                    return ToolResult.text("plain");
                case "agent_route": {
                    Map<?, ?> input = (Map<?, ?>) arguments.get("input");
                    if (!"text.upper".equals(arguments.get("capability"))) {
                        return ToolResult.error("No agent offers capability '" + arguments.get("capability") + "'");
                    }
                    String upper = ((String) input.get("text")).toUpperCase(Locale.ROOT);
                    return ToolResult.structured(Map.of("text", upper), upper);
                }
                default:
                    return ToolResult.error("Unknown tool: " + toolName);
            }
        }

        @Override
        public ToolResult invoke(String toolName, Map<String, ?> arguments) {
            return invoke(toolName, arguments, null);
        }

        @Override
        public boolean mayCall(String toolName) {
            return true;
        }
    }
}
