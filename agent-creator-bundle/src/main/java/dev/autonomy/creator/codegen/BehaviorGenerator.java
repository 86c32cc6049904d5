package dev.autonomy.creator.codegen;

import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.CapabilitySpec;
import dev.autonomy.creator.spec.Condition;
import dev.autonomy.creator.spec.SpecParse;
import dev.autonomy.creator.spec.Step;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the Java source of an agent from its {@link AgentSpec}: one private method per capability and one per
 * step, each step under a comment with its spec path ({@code // step /capabilities/0/steps/1 (call text_reverse)}),
 * so the code reads like hand-written code and compiler messages point at steps. The generated code uses only
 * java.lang basics, java.util, java.math and the foundation API (see {@link #supportSource}); it never uses string
 * {@code +} or lambdas, which compile to invokedynamic.
 */
public final class BehaviorGenerator {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "non-sealed", "_");
    /** Names the generated class uses itself. */
    private static final Set<String> TAKEN = Set.of("id", "version", "description", "capabilities", "call",
            "tools", "toString", "hashCode", "equals", "getClass", "wait", "notify", "notifyAll", "clone",
            "finalize");
    /** Longer string literals are split: a class file constant holds at most 65535 bytes. */
    private static final int MAX_LITERAL = 8000;
    /** JSON literals shorter than this stay on one line. */
    private static final int LINE = 72;

    private BehaviorGenerator() {
    }

    /**
     * The source of {@code public final class <className> implements Agent} in {@code packageName}.
     *
     * @throws IllegalArgumentException if the spec does not pass {@link AgentSpecs#parse} or a name is not Java
     */
    public static String generate(AgentSpec spec, String packageName, String className) {
        checkNames(packageName, className);
        // Records can be built without the parser: re-check, so the generator never writes code for a bad spec.
        SpecParse check = AgentSpecs.parse(AgentSpecs.toJson(spec));
        if (!check.ok()) {
            throw new IllegalArgumentException("invalid spec: " + String.join("; ", check.errors()));
        }
        Out o = new Out();
        o.line("package " + packageName + ";");
        o.line("");
        o.line("import dev.autonomy.foundation.api.agent.Agent;");
        o.line("import dev.autonomy.foundation.api.agent.Capability;");
        o.line("import dev.autonomy.foundation.api.tool.ToolCall;");
        o.line("import dev.autonomy.foundation.api.tool.ToolInvoker;");
        o.line("import dev.autonomy.foundation.api.tool.ToolResult;");
        o.line("");
        o.line("import java.util.ArrayList;");
        o.line("import java.util.Collections;");
        o.line("import java.util.List;");
        o.line("import java.util.Map;");
        o.line("");
        o.line("/**");
        o.line(" * Agent " + spec.id() + " " + spec.version() + ", generated from its spec: change the spec, not this code.");
        o.line(" */");
        o.line("public final class " + className + " implements Agent {");
        o.line("");
        o.line("    private final ToolInvoker tools;");
        o.line("    private final List<Capability> capabilities;");
        o.line("");
        o.line("    public " + className + "(ToolInvoker tools) {");
        o.line("        this.tools = tools;");
        o.line("        List<Capability> list = new ArrayList<>();");
        for (int i = 0; i < spec.capabilities().size(); i++) {
            CapabilitySpec c = spec.capabilities().get(i);
            o.line("        // capability /capabilities/" + i + " (" + comment(c.name()) + ")");
            o.line("        list.add(new Capability(" + javaString(c.name()) + ", " + javaString(c.description()) + ",");
            o.line("                " + literal(c.inputSchema(), "                ") + ",");
            o.line("                " + literal(c.outputSchema(), "                ") + "));");
        }
        o.line("        this.capabilities = Collections.unmodifiableList(list);");
        o.line("    }");
        o.line("");
        getter(o, "id", spec.id());
        getter(o, "version", spec.version());
        getter(o, "description", spec.description());
        o.line("    @Override");
        o.line("    public List<Capability> capabilities() {");
        o.line("        return capabilities;");
        o.line("    }");
        o.line("");

        List<String> methods = capabilityMethods(spec);
        StringBuilder offered = new StringBuilder();
        o.line("    @Override");
        o.line("    public ToolResult call(String capability, Map<String, Object> input, ToolCall call) {");
        for (int i = 0; i < spec.capabilities().size(); i++) {
            String name = spec.capabilities().get(i).name();
            offered.append(i == 0 ? "" : ", ").append(name);
            o.line("        if (" + javaString(name) + ".equals(capability)) {");
            o.line("            return " + methods.get(i) + "(input, call);");
            o.line("        }");
        }
        o.line("        return ToolResult.error(AgentSupport.str(\"unknown capability '\", capability, "
                + javaString("'; agent " + spec.id() + " offers: " + offered) + "));");
        o.line("    }");

        for (int i = 0; i < spec.capabilities().size(); i++) {
            capability(o, spec.capabilities().get(i), "/capabilities/" + i, methods.get(i));
        }
        o.line("}");
        return o.toString();
    }

    /** The source of {@code final class AgentSupport} in {@code packageName}: the runtime the steps call. */
    public static String supportSource(String packageName) {
        checkPackage(packageName);
        return SupportSource.TEXT.replace(SupportSource.PACKAGE_TOKEN, packageName);
    }

    // ---------------------------------------------------------------- capabilities and steps

    private static void capability(Out o, CapabilitySpec c, String path, String method) {
        o.line("");
        o.line("    // capability " + path + " (" + comment(c.name()) + ")");
        o.line("    private ToolResult " + method + "(Map<String, Object> input, ToolCall call) {");
        o.line("        Map<String, Object> state = AgentSupport.state(input);");
        o.line("        Object last = null;");
        o.line("        try {");
        runSteps(o, c.steps(), method, "state", "            ");
        o.line("        } catch (AgentSupport.StepFailure e) {");
        o.line("            return ToolResult.error(e.getMessage());");
        o.line("        }");
        if (c.output().isPresent()) {
            o.line("        Map<String, Object> output;");
            o.line("        try {");
            o.line("            output = AgentSupport.output(AgentSupport.render("
                    + literal(c.output().get(), "                    ") + ", state));");
            o.line("        } catch (RuntimeException e) {");
            o.line("            return ToolResult.error(AgentSupport.str(\"output failed: \", AgentSupport.reason(e)));");
            o.line("        }");
        } else {
            o.line("        Map<String, Object> output = AgentSupport.output(last);");
        }
        o.line("        return ToolResult.structured(output, AgentSupport.toJson(output));");
        o.line("    }");
        steps(o, c.steps(), path + "/steps", method);
    }

    /** Calls each step's method in order, keeping each value in {@code scope} under the step's id. */
    private static void runSteps(Out o, List<Step> steps, String prefix, String scope, String indent) {
        for (Step s : steps) {
            o.line(indent + "last = " + stepMethod(prefix, s) + "(" + scope + ", call);");
            o.line(indent + scope + ".put(" + javaString(s.id()) + ", last);");
        }
    }

    /** The methods of {@code steps} and of the steps nested in them, depth first. */
    private static void steps(Out o, List<Step> steps, String path, String prefix) {
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String at = path + "/" + i;
            step(o, s, at, prefix);
            if (s instanceof Step.BranchStep) {
                steps(o, ((Step.BranchStep) s).then(), at + "/then", prefix);
                steps(o, ((Step.BranchStep) s).otherwise(), at + "/else", prefix);
            } else if (s instanceof Step.FallbackStep) {
                steps(o, ((Step.FallbackStep) s).attempt(), at + "/try", prefix);
                steps(o, ((Step.FallbackStep) s).fallback(), at + "/fallback", prefix);
            } else if (s instanceof Step.MapStep) {
                steps(o, ((Step.MapStep) s).steps(), at + "/do", prefix);
            }
        }
    }

    private static void step(Out o, Step s, String path, String prefix) {
        String in = "            ";
        o.line("");
        o.line("    // step " + path + " (" + comment(s.label()) + ")");
        o.line("    private Object " + stepMethod(prefix, s) + "(Map<String, Object> state, ToolCall call) {");
        o.line("        try {");
        if (s instanceof Step.CallStep) {
            Step.CallStep c = (Step.CallStep) s;
            o.line(in + "Object args = AgentSupport.render(" + literal(c.args(), in + "        ") + ", state);");
            o.line(in + "return AgentSupport.call(tools, call, " + javaString(c.tool()) + ", args);");
        } else if (s instanceof Step.RouteStep) {
            Step.RouteStep r = (Step.RouteStep) s;
            o.line(in + "Object input = AgentSupport.render(" + literal(r.input(), in + "        ") + ", state);");
            o.line(in + "return AgentSupport.route(tools, call, " + javaString(r.capability()) + ", input);");
        } else if (s instanceof Step.TemplateStep) {
            o.line(in + "return AgentSupport.render(" + literal(((Step.TemplateStep) s).template(), in + "        ")
                    + ", state);");
        } else if (s instanceof Step.PointerStep) {
            o.line(in + "return AgentSupport.get(state, " + javaString(((Step.PointerStep) s).pointer()) + ");");
        } else if (s instanceof Step.RegexStep) {
            Step.RegexStep r = (Step.RegexStep) s;
            o.line(in + "Object from = AgentSupport.render(" + literal(r.from(), in + "        ") + ", state);");
            if (r.replace().isPresent()) {
                o.line(in + "return AgentSupport.regexReplace(from, " + javaString(r.pattern()) + ", "
                        + javaString(r.replace().get()) + ");");
            } else {
                o.line(in + "return AgentSupport.regexFind(from, " + javaString(r.pattern()) + ", "
                        + r.group().orElse(0) + ");");
            }
        } else if (s instanceof Step.BranchStep) {
            Step.BranchStep b = (Step.BranchStep) s;
            Condition c = b.condition();
            o.line(in + "Map<String, Object> scope = AgentSupport.scope(state);");
            o.line(in + "Object last = null;");
            o.line(in + "if (AgentSupport.test(state, " + javaString(c.pointer()) + ", "
                    + javaString(c.kind().jsonName()) + ", " + literal(c.operand(), in + "        ") + ")) {");
            runSteps(o, b.then(), prefix, "scope", in + "    ");
            if (!b.otherwise().isEmpty()) {
                o.line(in + "} else {");
                runSteps(o, b.otherwise(), prefix, "scope", in + "    ");
            }
            o.line(in + "}");
            o.line(in + "return last;");
        } else if (s instanceof Step.FallbackStep) {
            Step.FallbackStep f = (Step.FallbackStep) s;
            o.line(in + "try {");
            o.line(in + "    Map<String, Object> scope = AgentSupport.scope(state);");
            o.line(in + "    Object last = null;");
            runSteps(o, f.attempt(), prefix, "scope", in + "    ");
            o.line(in + "    return last;");
            o.line(in + "} catch (RuntimeException attemptFailed) {");
            o.line(in + "    // an attempted step failed: the fallback steps run instead");
            o.line(in + "}");
            o.line(in + "Map<String, Object> scope = AgentSupport.scope(state);");
            o.line(in + "Object last = null;");
            runSteps(o, f.fallback(), prefix, "scope", in);
            o.line(in + "return last;");
        } else if (s instanceof Step.MapStep) {
            Step.MapStep m = (Step.MapStep) s;
            o.line(in + "List<Object> values = new ArrayList<>();");
            o.line(in + "for (Object element : AgentSupport.list(state, " + javaString(m.over()) + ")) {");
            o.line(in + "    Map<String, Object> scope = AgentSupport.scope(state);");
            o.line(in + "    scope.put(" + javaString(m.as()) + ", element);");
            o.line(in + "    Object last = null;");
            runSteps(o, m.steps(), prefix, "scope", in + "    ");
            o.line(in + "    values.add(last);");
            o.line(in + "}");
            o.line(in + "return values;");
        } else {
            throw new AssertionError(s);
        }
        o.line("        } catch (RuntimeException e) {");
        o.line("            throw AgentSupport.failed(" + javaString(s.id()) + ", e);");
        o.line("        }");
        o.line("    }");
    }

    private static void getter(Out o, String name, String value) {
        o.line("    @Override");
        o.line("    public String " + name + "() {");
        o.line("        return " + javaString(value) + ";");
        o.line("    }");
        o.line("");
    }

    // ---------------------------------------------------------------- names

    /** One method name per capability, camel case from its name ({@code text.shout} → {@code textShout}). */
    private static List<String> capabilityMethods(AgentSpec spec) {
        Set<String> used = new HashSet<>(TAKEN);
        List<String> out = new java.util.ArrayList<>();
        for (CapabilitySpec c : spec.capabilities()) {
            StringBuilder sb = new StringBuilder();
            boolean upper = false;
            for (char ch : c.name().toCharArray()) {
                if (Character.isLetterOrDigit(ch)) {
                    sb.append(upper ? Character.toUpperCase(ch) : ch);
                    upper = false;
                } else {
                    upper = sb.length() > 0;
                }
            }
            String base = KEYWORDS.contains(sb.toString()) ? sb + "Capability" : sb.toString();
            String name = base;
            for (int n = 2; !used.add(name); n++) {
                name = base + n;
            }
            out.add(name);
        }
        return out;
    }

    /** Step methods: the capability's method, '_', the step id (unique within the capability). */
    private static String stepMethod(String prefix, Step s) {
        return prefix + "_" + s.id();
    }

    private static void checkNames(String packageName, String className) {
        checkPackage(packageName);
        if (!IDENTIFIER.matcher(className).matches() || KEYWORDS.contains(className)
                || "AgentSupport".equals(className)) {
            throw new IllegalArgumentException("not a usable class name: '" + className + "'");
        }
    }

    private static void checkPackage(String packageName) {
        for (String part : packageName.split("\\.", -1)) {
            if (!IDENTIFIER.matcher(part).matches() || KEYWORDS.contains(part)) {
                throw new IllegalArgumentException("not a Java package name: '" + packageName + "'");
            }
        }
    }

    /**
     * Text safe inside a {@code //} comment: javac translates unicode escapes before it sees comments, so an escaped
     * line break in a spec value would end the comment. Only plain characters pass.
     */
    static String comment(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || " _.,:/~-".indexOf(c) >= 0;
            sb.append(plain ? c : '?');
            if (sb.length() >= 80) {
                return sb.append("...").toString();
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- Java literals of JSON values

    /**
     * A Java string literal. Non-ASCII characters become unicode escapes and control characters octal escapes (a
     * unicode escape of a line break would end the literal: javac translates unicode escapes first).
     */
    static String javaString(String s) {
        if (s.length() > MAX_LITERAL) {
            StringBuilder parts = new StringBuilder("AgentSupport.str(");
            for (int i = 0; i < s.length(); i += MAX_LITERAL) {
                parts.append(i == 0 ? "" : ", ").append(javaString(s.substring(i, Math.min(s.length(), i + MAX_LITERAL))));
            }
            return parts.append(')').toString();
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\%03o", (int) c));
                    } else if (c > 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** Java code building a JSON value, with {@code AgentSupport.obj/arr} (no size limit, nulls allowed). */
    static String literal(Object v, String indent) {
        String flat = flat(v);
        if (flat.length() <= LINE || !(v instanceof Map || v instanceof List) || ((v instanceof Map)
                ? ((Map<?, ?>) v).isEmpty() : ((List<?>) v).isEmpty())) {
            return flat;
        }
        String inner = indent + "        ";
        StringBuilder sb = new StringBuilder();
        if (v instanceof Map) {
            sb.append("AgentSupport.obj(");
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(first ? "" : ",").append('\n').append(inner).append(javaString((String) e.getKey()))
                        .append(", ").append(literal(e.getValue(), inner));
                first = false;
            }
        } else {
            sb.append("AgentSupport.arr(");
            boolean first = true;
            for (Object item : (List<?>) v) {
                sb.append(first ? "" : ",").append('\n').append(inner).append(literal(item, inner));
                first = false;
            }
        }
        return sb.append(')').toString();
    }

    private static String flat(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return javaString((String) v);
        }
        if (v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Long) {
            return v + "L";
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Integer.toString(((Number) v).intValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return Double.toString(((Number) v).doubleValue()) + "d";
        }
        if (v instanceof BigInteger) {
            return "new java.math.BigInteger(\"" + v + "\")";
        }
        if (v instanceof BigDecimal) {
            return "new java.math.BigDecimal(\"" + v + "\")";
        }
        if (v instanceof Number) {
            return "new java.math.BigDecimal(\"" + new BigDecimal(v.toString()) + "\")";
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("AgentSupport.obj(");
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(first ? "" : ", ").append(javaString((String) e.getKey())).append(", ")
                        .append(flat(e.getValue()));
                first = false;
            }
            return sb.append(')').toString();
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            if (list.size() == 1 && list.get(0) == null) {
                return "AgentSupport.arr((Object) null)"; // a lone null would be taken for the varargs array
            }
            StringBuilder sb = new StringBuilder("AgentSupport.arr(");
            boolean first = true;
            for (Object item : list) {
                sb.append(first ? "" : ", ").append(flat(item));
                first = false;
            }
            return sb.append(')').toString();
        }
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getSimpleName());
    }

    /** Collects the source lines. */
    private static final class Out {
        private final StringBuilder sb = new StringBuilder();

        void line(String text) {
            sb.append(text).append('\n');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
