package dev.autonomy.creator.spec;

import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.tool.Tool;

import dev.autonomy.foundation.api.agent.Capability;
import dev.autonomy.foundation.api.value.JsonValues;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads, checks and writes {@link AgentSpec}s, and publishes their JSON Schema. {@link #parse} reports every error
 * it finds, each starting with the JSON Pointer of the offending value, so that a model writing a spec can fix
 * them all in one go.
 */
public final class AgentSpecs {

    /** Agent ids: the one rule of {@link Agent#ID_PATTERN} (no '-', since the id ends up in a tool name). */
    public static final Pattern ID_PATTERN = Agent.ID_PATTERN;
    public static final Pattern VERSION_PATTERN = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    public static final Pattern TOOL_PATTERN = Tool.NAME_PATTERN;
    public static final Pattern STEP_ID_PATTERN = Pattern.compile(Step.ID_PATTERN);
    public static final String DEFAULT_VERSION = "1.0.0";
    /** The tool through which an agent performs another agent's capability. */
    public static final String ROUTE_TOOL = "agent_route";
    /** The name a map step binds each element to when it does not say. */
    public static final String DEFAULT_AS = "item";
    /** The state entry holding the capability's input. */
    public static final String INPUT = "input";

    private static final String SCHEMA_RESOURCE = "agent-spec.schema.json";
    private static final Map<String, Object> SCHEMA = loadSchema();
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private AgentSpecs() {
    }

    /**
     * Parses and checks a spec given as JSON values (a {@code Map}), or as JSON text (a {@code String}: models
     * sometimes pass the spec as a string).
     */
    public static SpecParse parse(Object json) {
        Parser p = new Parser();
        AgentSpec spec = p.spec(json);
        if (!p.errors.isEmpty() || spec == null) {
            return new SpecParse(Optional.empty(), p.errors.isEmpty() ? List.of("/: invalid spec") : p.errors);
        }
        return new SpecParse(Optional.of(spec), List.of());
    }

    /** The spec as JSON values, in the shape {@link #parse} reads (defaults written out). */
    public static Map<String, Object> toJson(AgentSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", spec.id());
        m.put("version", spec.version());
        m.put("description", spec.description());
        m.put("tools", spec.tools());
        List<Object> caps = new ArrayList<>();
        for (CapabilitySpec c : spec.capabilities()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("description", c.description());
            cm.put("inputSchema", c.inputSchema());
            cm.put("outputSchema", c.outputSchema());
            cm.put("steps", stepsJson(c.steps()));
            c.output().ifPresent(o -> cm.put("output", o));
            caps.add(cm);
        }
        m.put("capabilities", caps);
        List<Object> tests = new ArrayList<>();
        for (SpecTest t : spec.tests()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("capability", t.capability());
            tm.put("input", t.input());
            t.expect().ifPresent(e -> tm.put("expect", e));
            if (!t.asserts().isEmpty()) {
                List<Object> as = new ArrayList<>();
                for (Assertion a : t.asserts()) {
                    as.add(conditionJson(a.pointer(), a.kind(), a.operand()));
                }
                tm.put("assert", as);
            }
            if (t.expectError()) {
                tm.put("expectError", true);
            }
            tests.add(tm);
        }
        m.put("tests", tests);
        return m;
    }

    private static List<Object> stepsJson(List<Step> steps) {
        List<Object> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(stepJson(s));
        }
        return out;
    }

    private static Map<String, Object> stepJson(Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        if (s instanceof Step.CallStep) {
            Step.CallStep c = (Step.CallStep) s;
            m.put("call", c.tool());
            m.put("args", c.args());
        } else if (s instanceof Step.RouteStep) {
            Step.RouteStep r = (Step.RouteStep) s;
            m.put("route", r.capability());
            m.put("input", r.input());
        } else if (s instanceof Step.TemplateStep) {
            m.put("template", ((Step.TemplateStep) s).template());
        } else if (s instanceof Step.PointerStep) {
            m.put("pointer", ((Step.PointerStep) s).pointer());
        } else if (s instanceof Step.RegexStep) {
            Step.RegexStep r = (Step.RegexStep) s;
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("from", r.from());
            rm.put("pattern", r.pattern());
            r.replace().ifPresent(x -> rm.put("replace", x));
            r.group().ifPresent(g -> rm.put("group", g));
            m.put("regex", rm);
        } else if (s instanceof Step.BranchStep) {
            Step.BranchStep b = (Step.BranchStep) s;
            m.put("if", conditionJson(b.condition().pointer(), b.condition().kind(), b.condition().operand()));
            m.put("then", stepsJson(b.then()));
            m.put("else", stepsJson(b.otherwise()));
        } else if (s instanceof Step.FallbackStep) {
            Step.FallbackStep f = (Step.FallbackStep) s;
            m.put("try", stepsJson(f.attempt()));
            m.put("fallback", stepsJson(f.fallback()));
        } else if (s instanceof Step.MapStep) {
            Step.MapStep ms = (Step.MapStep) s;
            m.put("map", ms.over());
            m.put("as", ms.as());
            m.put("do", stepsJson(ms.steps()));
        } else {
            throw new AssertionError(s);
        }
        return m;
    }

    private static Map<String, Object> conditionJson(String pointer, Condition.Kind kind, Object operand) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pointer", pointer);
        m.put(kind.jsonName(), operand);
        return m;
    }

    /** The published JSON Schema (draft 2020-12) of a spec: the {@code spec} argument of {@code agent_create}. */
    public static Map<String, Object> schema() {
        return SCHEMA;
    }

    /**
     * A complete, valid spec: agent {@code shout} with capability {@code text.shout}. It is the schema's first
     * example, so what a model reads in the schema is what this returns.
     */
    public static AgentSpec example() {
        Object examples = SCHEMA.get("examples");
        if (!(examples instanceof List) || ((List<?>) examples).isEmpty()) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " has no example");
        }
        SpecParse p = parse(((List<?>) examples).get(0));
        return p.spec().orElseThrow(() -> new IllegalStateException("the example spec is invalid: " + p.errors()));
    }

    private static Map<String, Object> loadSchema() {
        try (InputStream in = AgentSpecs.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCHEMA_RESOURCE + " is missing");
            }
            Object schema = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!(schema instanceof Map)) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) schema;
            return JsonValues.immutableObject(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    // ---------------------------------------------------------------- templates

    /** Whether {@code s} is exactly one placeholder, {@code "${/pointer}"}: it renders to the raw value. */
    public static boolean isWholeValueTemplate(String s) {
        return s.startsWith("${") && s.indexOf('}') == s.length() - 1;
    }

    /**
     * The pointers of the placeholders {@code ${/pointer}} in a template string. A doubled dollar before a brace
     * is a literal dollar and brace, not a placeholder.
     *
     * @throws IllegalArgumentException on a placeholder without its closing brace
     */
    public static List<String> templatePointers(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("$${", i)) {
                i += 3;
            } else if (s.startsWith("${", i)) {
                int end = s.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'${' without its closing '}' (write $${ for a literal ${)");
                }
                out.add(s.substring(i + 2, end));
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- the checks

    /** Walks the JSON, building records where the input allows and collecting errors everywhere. */
    private static final class Parser {
        final List<String> errors = new ArrayList<>();
        private String agentId = "";
        private Set<String> tools = Set.of();
        /** Names of all capabilities as written, so that steps and tests can refer to them. */
        private final Set<String> capabilityNames = new LinkedHashSet<>();

        void error(String path, String message) {
            errors.add((path.isEmpty() ? "/" : path) + ": " + message);
        }

        AgentSpec spec(Object json) {
            if (json instanceof String) {
                try {
                    json = Json.parse((String) json);
                } catch (IllegalArgumentException e) {
                    error("", e.getMessage());
                    return null;
                }
            }
            Map<String, Object> m = object(json, "");
            if (m == null) {
                return null;
            }
            keys(m, "", List.of("$schema", "$comment", "id", "version", "description", "tools", "capabilities",
                    "tests"));
            String id = string(m, "id", "", true);
            if (id != null && javax.lang.model.SourceVersion.isKeyword(id)) {
                error("/id", "must not be a Java keyword (it names the agent's Java package), was \"" + id + "\"");
            }
            if (id != null && !ID_PATTERN.matcher(id).matches()) {
                error("/id", "must match " + ID_PATTERN + " (lower case, digits and '_'; no '-'), was \"" + id + "\"");
            } else if (id != null) {
                agentId = id;
            }
            String version = string(m, "version", "", false);
            if (version == null && !m.containsKey("version")) {
                version = DEFAULT_VERSION;
            } else if (version != null && !VERSION_PATTERN.matcher(version).matches()) {
                error("/version", "must be a semantic version like 1.0.0, was \"" + version + "\"");
            }
            String description = string(m, "description", "", true);
            if (description != null && description.isBlank()) {
                error("/description", "must say what the agent is for");
            }
            List<String> toolList = tools(m);
            List<CapabilitySpec> caps = capabilities(m);
            List<SpecTest> tests = tests(m, caps);
            if (!errors.isEmpty() || id == null || version == null || description == null || toolList == null
                    || caps == null || tests == null) {
                return null;
            }
            return new AgentSpec(id, version, description, caps, toolList, tests);
        }

        private List<String> tools(Map<String, Object> m) {
            if (!m.containsKey("tools")) {
                return List.of();
            }
            List<Object> raw = array(m.get("tools"), "/tools");
            if (raw == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                String path = "/tools/" + i;
                Object t = raw.get(i);
                if (!(t instanceof String)) {
                    error(path, "must be a string (a tool name), was " + typeName(t));
                } else if (!TOOL_PATTERN.matcher((String) t).matches()) {
                    error(path, "must match " + TOOL_PATTERN + ", was \"" + t + "\"");
                } else if (out.contains(t)) {
                    error(path, "tool '" + t + "' is listed twice");
                } else if (!agentId.isEmpty() && t.equals("agent_" + agentId)) {
                    error(path, "an agent may not call itself ('" + t + "')");
                } else {
                    out.add((String) t);
                }
            }
            tools = Set.copyOf(out);
            return out;
        }

        private List<CapabilitySpec> capabilities(Map<String, Object> m) {
            if (!m.containsKey("capabilities")) {
                error("/capabilities", "is required: at least one capability");
                return null;
            }
            List<Object> raw = array(m.get("capabilities"), "/capabilities");
            if (raw == null) {
                return null;
            }
            if (raw.isEmpty()) {
                error("/capabilities", "must have at least one capability");
                return null;
            }
            // Names first: a route step may not target a capability of this very agent, wherever it is declared.
            for (Object c : raw) {
                if (c instanceof Map && ((Map<?, ?>) c).get("name") instanceof String) {
                    capabilityNames.add((String) ((Map<?, ?>) c).get("name"));
                }
            }
            List<CapabilitySpec> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < raw.size(); i++) {
                CapabilitySpec c = capability(raw.get(i), "/capabilities/" + i, seen);
                if (c != null) {
                    out.add(c);
                }
            }
            return out.size() == raw.size() ? out : null;
        }

        private CapabilitySpec capability(Object json, String path, Set<String> seen) {
            Map<String, Object> m = object(json, path);
            if (m == null) {
                return null;
            }
            keys(m, path, List.of("$comment", "name", "description", "inputSchema", "outputSchema", "steps",
                    "output"));
            boolean ok = true;
            String name = string(m, "name", path, true);
            if (name != null && !Capability.NAME_PATTERN.matcher(name).matches()) {
                error(path + "/name", "must match " + Capability.NAME_PATTERN + ", was \"" + name + "\"");
                ok = false;
            } else if (name != null && !seen.add(name)) {
                error(path + "/name", "capability '" + name + "' is declared twice");
                ok = false;
            }
            String description = m.containsKey("description") ? string(m, "description", path, false) : "";
            Map<String, Object> inputSchema = null;
            if (!m.containsKey("inputSchema")) {
                error(path + "/inputSchema", "is required: a JSON Schema with \"type\": \"object\"");
            } else {
                inputSchema = object(m.get("inputSchema"), path + "/inputSchema");
                if (inputSchema != null && !"object".equals(inputSchema.get("type"))) {
                    error(path + "/inputSchema", "must be an object schema (\"type\": \"object\"), was type "
                            + Json.write(inputSchema.get("type")));
                    ok = false;
                }
            }
            Map<String, Object> outputSchema = Map.of("type", "object");
            if (m.containsKey("outputSchema")) {
                outputSchema = object(m.get("outputSchema"), path + "/outputSchema");
                if (outputSchema != null && outputSchema.containsKey("type")
                        && !"object".equals(outputSchema.get("type"))) {
                    error(path + "/outputSchema", "results are JSON objects: the type must be \"object\", was "
                            + Json.write(outputSchema.get("type")));
                    ok = false;
                }
            }
            CapabilityScope scope = new CapabilityScope();
            Set<String> visible = new LinkedHashSet<>(List.of(INPUT));
            List<Step> steps = null;
            if (!m.containsKey("steps")) {
                error(path + "/steps", "is required: at least one step");
            } else {
                steps = steps(m.get("steps"), path + "/steps", visible, scope, true);
            }
            Optional<Object> output = Optional.empty();
            if (m.get("output") != null) {
                Set<String> outputScope = new LinkedHashSet<>(visible);
                if (m.get("steps") instanceof List) {
                    for (Object s : (List<?>) m.get("steps")) {
                        rawId(s).ifPresent(outputScope::add);
                    }
                }
                checkTemplate(m.get("output"), path + "/output", outputScope);
                output = Optional.of(m.get("output"));
            }
            if (!ok || name == null || description == null || inputSchema == null || outputSchema == null
                    || steps == null) {
                return null;
            }
            return new CapabilitySpec(name, description, inputSchema, outputSchema, steps, output);
        }

        /** Step ids and map names of one capability, which must all differ. */
        private static final class CapabilityScope {
            final Set<String> stepIds = new HashSet<>();
            final Set<String> asNames = new HashSet<>();
        }

        private List<Step> steps(Object json, String path, Set<String> outerVisible, CapabilityScope scope,
                                 boolean nonEmpty) {
            List<Object> raw = array(json, path);
            if (raw == null) {
                return null;
            }
            if (nonEmpty && raw.isEmpty()) {
                error(path, "must have at least one step");
                return null;
            }
            Set<String> visible = new LinkedHashSet<>(outerVisible);
            List<Step> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Step s = step(raw.get(i), path + "/" + i, visible, scope);
                if (s != null) {
                    out.add(s);
                }
                // Later steps see this one even when it is broken: one error, not a cascade of "unknown step".
                rawId(raw.get(i)).ifPresent(visible::add);
            }
            return out.size() == raw.size() ? out : null;
        }

        private static Optional<String> rawId(Object step) {
            if (step instanceof Map && ((Map<?, ?>) step).get("id") instanceof String) {
                return Optional.of((String) ((Map<?, ?>) step).get("id"));
            }
            return Optional.empty();
        }

        private Step step(Object json, String path, Set<String> visible, CapabilityScope scope) {
            Map<String, Object> m = object(json, path);
            if (m == null) {
                return null;
            }
            List<String> kinds = new ArrayList<>();
            for (String k : Step.KINDS) {
                if (m.containsKey(k)) {
                    kinds.add(k);
                }
            }
            String id = stepId(m, path, scope);
            if (kinds.size() != 1) {
                error(path, kinds.isEmpty()
                        ? "a step needs exactly one of " + String.join(", ", Step.KINDS)
                        : "a step has exactly one kind, found " + String.join(" and ", kinds));
                return null;
            }
            String kind = kinds.get(0);
            List<String> allowed = new ArrayList<>(List.of("id", "$comment", kind));
            allowed.addAll(Step.EXTRA_KEYS.get(kind));
            keys(m, path, allowed);
            int before = errors.size();
            Step step;
            switch (kind) {
                case "call":
                    step = callStep(m, path, id, visible);
                    break;
                case "route":
                    step = routeStep(m, path, id, visible);
                    break;
                case "template":
                    checkTemplate(m.get("template"), path + "/template", visible);
                    step = id == null ? null : new Step.TemplateStep(id, m.get("template"));
                    break;
                case "pointer": {
                    String pointer = string(m, "pointer", path, true);
                    if (pointer != null) {
                        checkPointer(pointer, path + "/pointer", visible);
                    }
                    step = id == null || pointer == null ? null : new Step.PointerStep(id, pointer);
                    break;
                }
                case "regex":
                    step = regexStep(m, path, id, visible);
                    break;
                case "if":
                    step = branchStep(m, path, id, visible, scope);
                    break;
                case "try":
                    step = fallbackStep(m, path, id, visible, scope);
                    break;
                case "map":
                    step = mapStep(m, path, id, visible, scope);
                    break;
                default:
                    throw new AssertionError(kind);
            }
            return errors.size() == before ? step : null;
        }

        private String stepId(Map<String, Object> m, String path, CapabilityScope scope) {
            String id = string(m, "id", path, true);
            if (id == null) {
                return null;
            }
            String at = path + "/id";
            if (!STEP_ID_PATTERN.matcher(id).matches()) {
                error(at, "must match " + STEP_ID_PATTERN + ", was \"" + id + "\"");
                return null;
            }
            if (INPUT.equals(id)) {
                error(at, "'input' is reserved for the capability's input");
                return null;
            }
            if (scope.asNames.contains(id)) {
                error(at, "step id '" + id + "' is already a map step's 'as' name");
                return null;
            }
            if (!scope.stepIds.add(id)) {
                error(at, "duplicate step id '" + id + "' (ids are unique within a capability)");
                return null;
            }
            return id;
        }

        private Step callStep(Map<String, Object> m, String path, String id, Set<String> visible) {
            String tool = string(m, "call", path, true);
            if (tool != null && !TOOL_PATTERN.matcher(tool).matches()) {
                error(path + "/call", "must be a tool name matching " + TOOL_PATTERN + ", was \"" + tool + "\"");
                tool = null;
            } else if (tool != null && !tools.contains(tool)) {
                error(path + "/call", "tool '" + tool + "' is not declared in /tools");
                tool = null;
            }
            Object args = m.containsKey("args") ? m.get("args") : Map.of();
            boolean argsOk = objectTemplate(args, path + "/args", visible);
            return id == null || tool == null || !argsOk ? null : new Step.CallStep(id, tool, args);
        }

        private Step routeStep(Map<String, Object> m, String path, String id, Set<String> visible) {
            String capability = string(m, "route", path, true);
            if (capability != null && !Capability.NAME_PATTERN.matcher(capability).matches()) {
                error(path + "/route", "must be a capability name matching " + Capability.NAME_PATTERN + ", was \""
                        + capability + "\"");
                capability = null;
            } else if (capability != null && capabilityNames.contains(capability)) {
                error(path + "/route", "routes to '" + capability + "', which this agent offers itself (it could "
                        + "end up calling itself)");
                capability = null;
            }
            if (capability != null && !tools.contains(ROUTE_TOOL)) {
                error(path + "/route", "routing to another agent needs '" + ROUTE_TOOL + "' in /tools");
                capability = null;
            }
            Object input = m.containsKey("input") ? m.get("input") : Map.of();
            boolean inputOk = objectTemplate(input, path + "/input", visible);
            return id == null || capability == null || !inputOk ? null : new Step.RouteStep(id, capability, input);
        }

        /** Arguments and route input must render to an object: an object template, or "${/p}" naming one. */
        private boolean objectTemplate(Object t, String path, Set<String> visible) {
            if (!(t instanceof Map) && !(t instanceof String && isWholeValueTemplate((String) t))) {
                error(path, "must be a JSON object (or a string \"${/pointer}\" naming one), was " + typeName(t));
                return false;
            }
            int before = errors.size();
            checkTemplate(t, path, visible);
            return errors.size() == before;
        }

        private Step regexStep(Map<String, Object> outer, String stepPath, String id, Set<String> visible) {
            String path = stepPath + "/regex";
            Map<String, Object> m = object(outer.get("regex"), path);
            if (m == null) {
                return null;
            }
            keys(m, path, List.of("from", "pattern", "replace", "group"));
            if (!m.containsKey("from")) {
                error(path + "/from", "is required: the text to search (a template such as \"${/input/text}\")");
            } else {
                checkTemplate(m.get("from"), path + "/from", visible);
            }
            String pattern = string(m, "pattern", path, true);
            Pattern compiled = null;
            if (pattern != null) {
                try {
                    compiled = Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    error(path + "/pattern", "invalid regex: " + e.getDescription() + " near index " + e.getIndex()
                            + " of \"" + pattern + "\"");
                }
            }
            int groups = compiled == null ? 0 : compiled.matcher("").groupCount();
            Optional<String> replace = Optional.empty();
            if (m.containsKey("replace")) {
                String r = string(m, "replace", path, false);
                if (r != null) {
                    replace = Optional.of(r);
                    if (compiled != null) {
                        replacementError(r, groups, namedGroups(pattern))
                                .ifPresent(msg -> error(path + "/replace", msg));
                    }
                }
            }
            Optional<Integer> group = Optional.empty();
            if (m.containsKey("group")) {
                Optional<Integer> g = integer(m.get("group"));
                if (g.isEmpty() || g.get() < 0) {
                    error(path + "/group", "must be a group number (0 = the whole match), was "
                            + Json.write(m.get("group")));
                } else if (m.containsKey("replace")) {
                    error(path + "/group", "applies only without 'replace' (it selects what a match yields)");
                } else if (compiled != null && g.get() > groups) {
                    error(path + "/group", "the pattern has " + groups + " group(s), no group " + g.get());
                } else {
                    group = g;
                }
            }
            if (id == null || pattern == null || !m.containsKey("from")) {
                return null;
            }
            return new Step.RegexStep(id, m.get("from"), pattern, replace, group);
        }

        private Step branchStep(Map<String, Object> m, String path, String id, Set<String> visible,
                                CapabilityScope scope) {
            Condition condition = condition(m.get("if"), path + "/if", visible);
            List<Step> then;
            if (!m.containsKey("then")) {
                error(path + "/then", "is required: the steps to run when the condition holds");
                then = null;
            } else {
                then = steps(m.get("then"), path + "/then", visible, scope, false);
            }
            List<Step> otherwise = m.containsKey("else")
                    ? steps(m.get("else"), path + "/else", visible, scope, false) : List.of();
            if (id == null || condition == null || then == null || otherwise == null) {
                return null;
            }
            return new Step.BranchStep(id, condition, then, otherwise);
        }

        private Step fallbackStep(Map<String, Object> m, String path, String id, Set<String> visible,
                                  CapabilityScope scope) {
            List<Step> attempt = steps(m.get("try"), path + "/try", visible, scope, true);
            List<Step> fallback;
            if (!m.containsKey("fallback")) {
                error(path + "/fallback", "is required: the steps to run when an attempted step fails ([] for "
                        + "none)");
                fallback = null;
            } else {
                // The fallback cannot see the attempt's steps: any of them may have failed.
                fallback = steps(m.get("fallback"), path + "/fallback", visible, scope, false);
            }
            if (id == null || attempt == null || fallback == null) {
                return null;
            }
            return new Step.FallbackStep(id, attempt, fallback);
        }

        private Step mapStep(Map<String, Object> m, String path, String id, Set<String> visible,
                             CapabilityScope scope) {
            String over = string(m, "map", path, true);
            if (over != null) {
                checkPointer(over, path + "/map", visible);
            }
            String as = DEFAULT_AS;
            if (m.containsKey("as")) {
                as = string(m, "as", path, false);
            }
            if (as != null) {
                String at = path + "/as";
                if (!STEP_ID_PATTERN.matcher(as).matches()) {
                    error(at, "must match " + STEP_ID_PATTERN + ", was \"" + as + "\"");
                    as = null;
                } else if (INPUT.equals(as) || visible.contains(as) || scope.stepIds.contains(as)) {
                    error(at, "'" + as + "' is already taken (by the input, a step or an enclosing map): pick "
                            + "another name");
                    as = null;
                } else {
                    scope.asNames.add(as);
                }
            }
            Set<String> inner = new LinkedHashSet<>(visible);
            if (as != null) {
                inner.add(as);
            }
            List<Step> body;
            if (!m.containsKey("do")) {
                error(path + "/do", "is required: the steps to run for each element");
                body = null;
            } else {
                body = steps(m.get("do"), path + "/do", inner, scope, true);
            }
            if (id == null || over == null || as == null || body == null) {
                return null;
            }
            return new Step.MapStep(id, over, as, body);
        }

        /** A condition of a branch; {@code visible == null} for test assertions, whose pointers are free. */
        private Condition condition(Object json, String path, Set<String> visible) {
            Map<String, Object> m = object(json, path);
            if (m == null) {
                return null;
            }
            List<String> allowed = new ArrayList<>(List.of("pointer"));
            allowed.addAll(Condition.Kind.jsonNames());
            keys(m, path, allowed);
            String pointer = string(m, "pointer", path, true);
            if (pointer != null) {
                if (visible != null) {
                    checkPointer(pointer, path + "/pointer", visible);
                } else if (!Json.isPointer(pointer)) {
                    error(path + "/pointer", notAPointer(pointer));
                }
            }
            List<Condition.Kind> kinds = new ArrayList<>();
            for (Condition.Kind k : Condition.Kind.values()) {
                if (m.containsKey(k.jsonName())) {
                    kinds.add(k);
                }
            }
            if (kinds.size() != 1) {
                error(path, "needs exactly one of " + String.join(", ", Condition.Kind.jsonNames())
                        + (kinds.isEmpty() ? "" : ", found " + kinds.size()));
                return null;
            }
            Condition.Kind kind = kinds.get(0);
            Object operand = m.get(kind.jsonName());
            String at = path + "/" + kind.jsonName();
            int before = errors.size();
            switch (kind) {
                case MATCHES:
                    if (!(operand instanceof String)) {
                        error(at, "must be a regex string, was " + typeName(operand));
                    } else {
                        try {
                            Pattern.compile((String) operand);
                        } catch (PatternSyntaxException e) {
                            error(at, "invalid regex: " + e.getDescription() + " near index " + e.getIndex()
                                    + " of \"" + operand + "\"");
                        }
                    }
                    break;
                case EXISTS:
                    if (!(operand instanceof Boolean)) {
                        error(at, "must be true or false, was " + typeName(operand));
                    }
                    break;
                case GT:
                case LT:
                    if (!(operand instanceof Number)) {
                        error(at, "must be a number, was " + typeName(operand));
                    }
                    break;
                default:
                    break; // equals, notEquals, contains: any JSON value
            }
            if (pointer == null || errors.size() != before) {
                return null;
            }
            return new Condition(pointer, kind, operand);
        }

        private List<SpecTest> tests(Map<String, Object> m, List<CapabilitySpec> caps) {
            if (!m.containsKey("tests")) {
                error("/tests", "is required: at least one test per capability");
                return null;
            }
            List<Object> raw = array(m.get("tests"), "/tests");
            if (raw == null) {
                return null;
            }
            Map<String, Map<String, Object>> inputSchemas = new LinkedHashMap<>();
            if (caps != null) {
                for (CapabilitySpec c : caps) {
                    inputSchemas.put(c.name(), c.inputSchema());
                }
            }
            List<SpecTest> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Set<String> tested = new HashSet<>();
            for (int i = 0; i < raw.size(); i++) {
                SpecTest t = test(raw.get(i), "/tests/" + i, names, inputSchemas, tested);
                if (t != null) {
                    out.add(t);
                }
            }
            for (String c : capabilityNames) {
                if (!tested.contains(c)) {
                    error("/tests", "capability '" + c + "' has no test");
                }
            }
            return out.size() == raw.size() ? out : null;
        }

        private SpecTest test(Object json, String path, Set<String> names,
                              Map<String, Map<String, Object>> inputSchemas, Set<String> tested) {
            Map<String, Object> m = object(json, path);
            if (m == null) {
                return null;
            }
            keys(m, path, List.of("$comment", "name", "capability", "input", "expect", "assert", "expectError"));
            int before = errors.size();
            String name = string(m, "name", path, true);
            if (name != null && name.isBlank()) {
                error(path + "/name", "must not be blank");
            } else if (name != null && !names.add(name)) {
                error(path + "/name", "duplicate test name '" + name + "'");
            }
            String capability = string(m, "capability", path, true);
            if (capability != null) {
                tested.add(capability);
                if (!capabilityNames.contains(capability)) {
                    error(path + "/capability", "unknown capability '" + capability + "' (this spec offers: "
                            + String.join(", ", capabilityNames) + ")");
                }
            }
            Map<String, Object> input = m.containsKey("input") ? object(m.get("input"), path + "/input") : Map.of();
            Optional<Object> expect = Optional.ofNullable(m.get("expect"));
            if (expect.isPresent() && !(expect.get() instanceof Map)) {
                error(path + "/expect", "must be a JSON object: a capability's result always is one (a value that "
                        + "is not an object comes back as {\"result\": value})");
            }
            List<Assertion> asserts = new ArrayList<>();
            if (m.containsKey("assert")) {
                List<Object> raw = array(m.get("assert"), path + "/assert");
                if (raw != null) {
                    for (int i = 0; i < raw.size(); i++) {
                        Condition c = condition(raw.get(i), path + "/assert/" + i, null);
                        if (c != null) {
                            asserts.add(new Assertion(c.pointer(), c.kind(), c.operand()));
                        }
                    }
                }
            }
            boolean expectError = false;
            if (m.containsKey("expectError")) {
                if (m.get("expectError") instanceof Boolean) {
                    expectError = (Boolean) m.get("expectError");
                } else {
                    error(path + "/expectError", "must be true or false, was " + typeName(m.get("expectError")));
                }
            }
            if (expectError && (expect.isPresent() || !asserts.isEmpty())) {
                error(path + "/expectError", "cannot be combined with expect or assert: an error has no result");
            }
            Map<String, Object> schema = capability == null ? null : inputSchemas.get(capability);
            if (!expectError && input != null && schema != null && schema.get("required") instanceof List) {
                for (Object r : (List<?>) schema.get("required")) {
                    if (r instanceof String && !input.containsKey(r)) {
                        error(path + "/input", "missing property '" + r + "', required by the input schema of '"
                                + capability + "' (set expectError to test invalid input)");
                    }
                }
            }
            if (errors.size() != before || name == null || capability == null || input == null) {
                return null;
            }
            return new SpecTest(name, capability, input, expect, asserts, expectError);
        }

        // ------------------------------------------------------------ pointers and templates

        private void checkTemplate(Object t, String path, Set<String> visible) {
            if (t instanceof String) {
                List<String> pointers;
                try {
                    pointers = templatePointers((String) t);
                } catch (IllegalArgumentException e) {
                    error(path, e.getMessage());
                    return;
                }
                for (String p : pointers) {
                    checkPointer(p, path, visible);
                }
            } else if (t instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) t).entrySet()) {
                    checkTemplate(e.getValue(), path + "/" + Json.escapeToken(String.valueOf(e.getKey())), visible);
                }
            } else if (t instanceof List) {
                List<?> list = (List<?>) t;
                for (int i = 0; i < list.size(); i++) {
                    checkTemplate(list.get(i), path + "/" + i, visible);
                }
            }
        }

        /** A pointer into the state must start at the input, an earlier step or an enclosing map's element. */
        private void checkPointer(String pointer, String path, Set<String> visible) {
            if (!Json.isPointer(pointer)) {
                error(path, notAPointer(pointer));
                return;
            }
            if (pointer.isEmpty()) {
                return; // the whole state
            }
            String first = Json.tokens(pointer).get(0);
            if (!visible.contains(first)) {
                error(path, "unknown step '" + first + "' in \"" + pointer + "\" (visible here: "
                        + String.join(", ", visible) + ")");
            }
        }

        private static String notAPointer(String pointer) {
            return "\"" + pointer + "\" is not a JSON Pointer: it must start with '/' (e.g. /input/text), and '~' "
                    + "is written ~0";
        }

        // ------------------------------------------------------------ JSON shapes

        @SuppressWarnings("unchecked")
        private Map<String, Object> object(Object v, String path) {
            if (v instanceof Map) {
                for (Object k : ((Map<?, ?>) v).keySet()) {
                    if (!(k instanceof String)) {
                        error(path, "object keys must be strings");
                        return null;
                    }
                }
                return (Map<String, Object>) v;
            }
            error(path, "must be a JSON object, was " + typeName(v));
            return null;
        }

        @SuppressWarnings("unchecked")
        private List<Object> array(Object v, String path) {
            if (v instanceof List) {
                return (List<Object>) v;
            }
            error(path, "must be an array, was " + typeName(v));
            return null;
        }

        /** The string at {@code key}; null (and an error) when it is missing but required, or not a string. */
        private String string(Map<String, Object> m, String key, String path, boolean required) {
            String at = path + "/" + key;
            if (!m.containsKey(key)) {
                if (required) {
                    error(at, "is required");
                }
                return null;
            }
            Object v = m.get(key);
            if (!(v instanceof String)) {
                error(at, "must be a string, was " + typeName(v));
                return null;
            }
            return (String) v;
        }

        private void keys(Map<String, Object> m, String path, List<String> allowed) {
            for (String k : m.keySet()) {
                if (!allowed.contains(k)) {
                    error(path + "/" + Json.escapeToken(k), "unknown property '" + k + "' (allowed here: "
                            + String.join(", ", allowed) + ")");
                }
            }
        }

        private static Optional<Integer> integer(Object v) {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                long l = ((Number) v).longValue();
                return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Optional.of((int) l) : Optional.empty();
            }
            if (v instanceof Number) {
                double d = ((Number) v).doubleValue();
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                    return Optional.of((int) d);
                }
            }
            return Optional.empty();
        }
    }

    /** The JSON type of a value, for messages: every number is a {@code number} here. */
    static String typeName(Object v) {
        if (v instanceof Number) {
            return "number";
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Map || v instanceof List) {
            return JsonValues.jsonType(v);
        }
        return "not JSON (" + v.getClass().getSimpleName() + ")";
    }

    private static Set<String> namedGroups(String pattern) {
        Set<String> names = new HashSet<>();
        Matcher m = NAMED_GROUP.matcher(pattern);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Checks a {@code Matcher.replaceAll} replacement before it runs: the JDK only complains once a match is
     * found, which would be at run time.
     */
    static Optional<String> replacementError(String replace, int groupCount, Set<String> groupNames) {
        for (int i = 0; i < replace.length(); i++) {
            char c = replace.charAt(i);
            if (c == '\\') {
                if (i + 1 >= replace.length()) {
                    return Optional.of("ends with a lone '\\' (write \\\\ for a backslash)");
                }
                i++;
            } else if (c == '$') {
                char n = i + 1 < replace.length() ? replace.charAt(i + 1) : ' ';
                if (n == '{') {
                    int end = replace.indexOf('}', i + 2);
                    String name = end < 0 ? "" : replace.substring(i + 2, end);
                    if (end < 0 || !name.matches("[a-zA-Z][a-zA-Z0-9]*")) {
                        return Optional.of("'${' must be a group name reference like ${name} (write \\$ for a "
                                + "literal $)");
                    }
                    if (!groupNames.contains(name)) {
                        return Optional.of("refers to group '" + name + "', which the pattern does not name");
                    }
                    i = end;
                } else if (n >= '0' && n <= '9') {
                    if (n - '0' > groupCount) {
                        return Optional.of("refers to group " + (n - '0') + ", but the pattern has " + groupCount
                                + " group(s) (write \\$ for a literal $)");
                    }
                    i++;
                } else {
                    return Optional.of("'$' must be followed by a group number or {name} (write \\$ for a "
                            + "literal $)");
                }
            }
        }
        return Optional.empty();
    }
}
