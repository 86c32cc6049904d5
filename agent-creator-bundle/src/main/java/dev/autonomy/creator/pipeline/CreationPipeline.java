package dev.autonomy.creator.pipeline;

import dev.autonomy.creator.codegen.BehaviorGenerator;
import dev.autonomy.creator.spec.AgentSpec;
import dev.autonomy.creator.spec.AgentSpecs;
import dev.autonomy.creator.spec.SpecParse;
import dev.autonomy.foundation.api.agent.AgentRegistry.AgentInfo;
import dev.autonomy.foundation.api.agent.Capability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The seed's creation pipeline: pure functions, in the order they run. */
public final class CreationPipeline {

    /** Designs that need no other tool: capability → (regex pattern, replacement, test input, expected text). */
    static final Map<String, String[]> BUILT_IN = Map.of(
            "text.trim", new String[]{"^\\s+|\\s+$", "", "  padded  ", "padded"},
            "text.collapse_spaces", new String[]{"\\s+", " ", "a  b \t c", "a b c"},
            "text.strip_digits", new String[]{"[0-9]+", "", "r2d2 c3po", "rd cpo"});

    private static final Pattern CLASS_NAME = Pattern.compile(
            "public\\s+(?:final\\s+)?class\\s+([A-Z][A-Za-z0-9_]*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+[\\w.]+\\s*;", Pattern.MULTILINE);

    private CreationPipeline() {
    }

    // ------------------------------------------------------------------ analyze

    /**
     * The required capabilities no existing agent offers, highest priority first: demand, plus one when it can be
     * designed from what exists (so the work the creator can actually do comes first), ties by name.
     */
    public static List<CapabilityGap> analyzeCapabilityGaps(List<AgentInfo> existingAgents,
                                                            TaskRequirements taskRequirements,
                                                            List<Provider> providers) {
        Set<String> existing = new HashSet<>();
        for (AgentInfo a : existingAgents) {
            for (Capability c : a.capabilities()) {
                existing.add(c.name());
            }
        }
        Map<String, TaskRequirements.Requirement> missing = new LinkedHashMap<>();
        for (TaskRequirements.Requirement r : taskRequirements.capabilities()) {
            if (!existing.contains(r.capability())) {
                missing.merge(r.capability(), r, (a, b) -> new TaskRequirements.Requirement(a.capability(),
                        a.inputShape().isEmpty() ? b.inputShape() : a.inputShape(), a.demand() + b.demand()));
            }
        }
        List<CapabilityGap> gaps = new ArrayList<>();
        for (TaskRequirements.Requirement r : missing.values()) {
            boolean composable = BUILT_IN.containsKey(r.capability())
                    || Composition.chain(r.capability(), r.inputShape(), providers).isPresent();
            gaps.add(new CapabilityGap(r.capability(), r.inputShape(), r.demand(),
                    r.demand() + (composable ? 1.0 : 0.0)));
        }
        gaps.sort(Comparator.comparingDouble(CapabilityGap::priority).reversed()
                .thenComparing(CapabilityGap::capability));
        return List.copyOf(gaps);
    }

    // ------------------------------------------------------------------ design

    /**
     * A design for the first of {@code gaps} that a built-in template or a composition of existing providers
     * covers; empty when none can be designed (the gaps stay recorded as opportunities).
     */
    public static Optional<AgentDesign> designSpecializedAgent(List<CapabilityGap> gaps, List<Provider> providers) {
        for (CapabilityGap gap : gaps) {
            Optional<Map<String, Object>> spec = specFor(gap, providers);
            if (spec.isPresent()) {
                SpecParse parsed = AgentSpecs.parse(spec.get());
                if (parsed.spec().isPresent()) {
                    return Optional.of(designFromSpec(parsed.spec().get(), "gap"));
                }
            }
        }
        return Optional.empty();
    }

    /** The spec JSON the designer writes for a gap, if it can. */
    public static Optional<Map<String, Object>> specFor(CapabilityGap gap, List<Provider> providers) {
        String capability = gap.capability();
        String id = agentIdFor(capability);
        String[] builtIn = BUILT_IN.get(capability);
        if (builtIn != null) {
            Map<String, Object> regex = new LinkedHashMap<>();
            regex.put("from", "${/input/text}");
            regex.put("pattern", builtIn[0]);
            regex.put("replace", builtIn[1]);
            Map<String, Object> cap = capabilityJson(capability, "Built-in template: " + capability,
                    Schemas.TEXT_OBJECT, Schemas.TEXT_OBJECT,
                    List.of(Map.of("id", "r", "regex", regex), Map.of("id", "out", "template",
                            Map.of("text", "${/r}"))));
            return Optional.of(specJson(id, "Built-in template for " + capability, List.of(cap), List.of(),
                    List.of(Map.of("name", "example", "capability", capability,
                            "input", Map.of("text", builtIn[2]), "expect", Map.of("text", builtIn[3])))));
        }
        Optional<List<Composition.Link>> chain = Composition.chain(capability, gap.inputShape(), providers);
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        List<Object> steps = new ArrayList<>();
        Set<String> tools = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        int i = 1;
        for (Composition.Link link : chain.get()) {
            Map<String, Object> args = new LinkedHashMap<>();
            link.inputFrom().forEach((field, pointer) -> args.put(field, "${" + pointer + "}"));
            Provider p = link.provider();
            if (Provider.TOOL.equals(p.kind())) {
                tools.add(p.name());
                steps.add(Map.of("id", "s" + i, "call", p.name(), "args", args));
            } else {
                tools.add("agent_route");
                steps.add(Map.of("id", "s" + i, "route", p.name(), "input", args));
            }
            names.add(p.kind() + " " + p.name());
            i++;
        }
        Composition.Link first = chain.get().get(0);
        Provider last = chain.get().get(chain.get().size() - 1).provider();
        Map<String, Object> inputSchema = inputSchemaOf(chain.get(), gap);
        Map<String, Object> outputSchema = Composition.outputOf(last);
        List<Object> asserts = new ArrayList<>();
        for (String field : Schemas.required(outputSchema)) {
            asserts.add(Map.of("pointer", "/" + field, "exists", true));
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", "composed");
        test.put("capability", capability);
        test.put("input", Schemas.sample(inputSchema));
        if (asserts.isEmpty()) {
            test.put("assert", List.of(Map.of("pointer", "", "exists", true)));
        } else {
            test.put("assert", asserts);
        }
        String description = "Composed from " + String.join(" then ", names);
        Map<String, Object> cap = capabilityJson(capability, description, inputSchema, outputSchema, steps);
        return Optional.of(specJson(id, description, List.of(cap), List.copyOf(tools), List.of(test)));
    }

    /** The design of an agent described by a spec. */
    public static AgentDesign designFromSpec(AgentSpec spec, String origin) {
        List<String> interfaces = new ArrayList<>();
        List<String> behaviors = new ArrayList<>();
        List<String> routed = new ArrayList<>();
        spec.capabilities().forEach(c -> {
            interfaces.add(c.name());
            behaviors.add(c.name() + ": " + c.steps().size() + " step(s)");
        });
        Map<String, Object> json = AgentSpecs.toJson(spec);
        collectRoutes(json, routed);
        return new AgentDesign(spec, interfaces, behaviors,
                new AgentDesign.IntegrationPoints(spec.tools(), routed), origin, Optional.empty());
    }

    /** The design of an agent whose behaviour class a client wrote; its spec carries id, tools and tests. */
    public static AgentDesign designFromSource(AgentSpec spec, String source, String origin) {
        List<String> interfaces = new ArrayList<>();
        spec.capabilities().forEach(c -> interfaces.add(c.name()));
        return new AgentDesign(spec, interfaces, List.of("client source, " + source.length() + " chars"),
                new AgentDesign.IntegrationPoints(spec.tools(), List.of()), origin, Optional.of(source));
    }

    // ------------------------------------------------------------------ generate

    /**
     * The sources of revision {@code revision}: the creator's templates (component, guard) around the behaviour
     * class, in a package of its own.
     *
     * @param templates template text by name ({@code AgentComponent.java}, {@code Guard.java},
     *                  {@code component.xml}), with {@code ${…}} placeholders
     */
    public static AgentCodeBase generateAgentCode(AgentDesign design, int revision, BuildSettings settings,
                                                  Map<String, String> templates) {
        String id = design.id();
        String pkg = packageFor(id, revision);
        Map<String, String> behavior = new LinkedHashMap<>();
        Map<String, String> integration = new LinkedHashMap<>();
        String behaviorClass;
        if (design.clientSource().isPresent()) {
            String source = design.clientSource().get();
            Matcher m = CLASS_NAME.matcher(source);
            behaviorClass = m.find() ? m.group(1) : "Behavior";
            // a package of its own: no class of the client's can take a template's name (AgentComponent, Guard…)
            String clientPkg = pkg + ".client";
            String withPackage = PACKAGE.matcher(source).find()
                    ? PACKAGE.matcher(source).replaceFirst("package " + clientPkg + ";")
                    : "package " + clientPkg + ";\n" + source;
            behavior.put(clientPkg + "." + behaviorClass, withPackage);
            behaviorClass = clientPkg + "." + behaviorClass;
        } else {
            behaviorClass = pkg + ".Behavior";
            behavior.put(pkg + ".Behavior", BehaviorGenerator.generate(design.specification(), pkg, "Behavior"));
            integration.put(pkg + ".AgentSupport", BehaviorGenerator.supportSource(pkg));
        }
        Map<String, String> values = Map.of(
                "package", pkg,
                "id", id,
                "behavior", behaviorClass,
                "component", pkg + ".AgentComponent",
                "activationMillis", Long.toString(settings.activationTimeoutMs()),
                "callMillis", Long.toString(settings.callTimeoutMs()));
        integration.put(pkg + ".Guard", render(templates.get("Guard.java"), values));
        Map<String, String> plugin = Map.of(pkg + ".AgentComponent", render(templates.get("AgentComponent.java"),
                values));
        return new AgentCodeBase(id, revision, pkg, plugin, behavior, integration,
                render(templates.get("component.xml"), values), design.specification().tests(),
                design.specification().tools());
    }

    // ------------------------------------------------------------------ validate

    /** What the live probe and the first calls say about a deployed agent. */
    public record PerformanceVerdict(boolean healthy, List<String> problems) {
        public PerformanceVerdict {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks a deployed agent against its design: it must be registered under the designed id with every designed
     * capability, and every probe must have passed.
     *
     * @param probeFailures the failures of the tests run against the live service
     */
    public static PerformanceVerdict validateAgentPerformance(AgentDesign design, String liveId,
                                                              List<String> liveCapabilities,
                                                              List<String> probeFailures) {
        List<String> problems = new ArrayList<>();
        if (!design.id().equals(liveId)) {
            problems.add("the agent answers to id '" + liveId + "', not '" + design.id() + "'");
        }
        for (String c : design.interfaces()) {
            if (!liveCapabilities.contains(c)) {
                problems.add("capability '" + c + "' is missing");
            }
        }
        problems.addAll(probeFailures);
        return new PerformanceVerdict(problems.isEmpty(), problems);
    }

    // ------------------------------------------------------------------ helpers

    /** The Java package of revision {@code revision} of agent {@code id} (one per revision: no class is shared). */
    public static String packageFor(String id, int revision) {
        return "dev.autonomy.generated." + id + ".r" + revision;
    }

    /** An agent id for a capability: {@code text.reverse.upper} → {@code text_reverse_upper}. */
    public static String agentIdFor(String capability) {
        String id = capability.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (id.isEmpty() || !Character.isLetter(id.charAt(0))) {
            id = "a_" + id;
        }
        return id.length() > 40 ? id.substring(0, 40) : id;
    }

    static String render(String template, Map<String, String> values) {
        if (template == null) {
            throw new IllegalArgumentException("missing template");
        }
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /**
     * The composed capability's input: the first provider's schema, plus every request field a later link reads
     * ({@code /input/<field>}), typed as that link's provider declares it.
     */
    private static Map<String, Object> inputSchemaOf(List<Composition.Link> chain, CapabilityGap gap) {
        Map<String, Object> first = chain.get(0).provider().inputSchema();
        Map<String, Object> base = first.isEmpty() ? Composition.shapeAsSchema(gap.inputShape()) : first;
        Map<String, Object> props = new LinkedHashMap<>(Schemas.properties(base));
        List<String> required = new ArrayList<>(Schemas.required(base));
        for (Composition.Link link : chain) {
            for (Map.Entry<String, String> e : link.inputFrom().entrySet()) {
                if (e.getValue().equals("/input/" + e.getKey()) && !required.contains(e.getKey())) {
                    required.add(e.getKey());
                    Object declared = Schemas.properties(link.provider().inputSchema()).get(e.getKey());
                    props.putIfAbsent(e.getKey(), declared != null ? declared : Map.of("type", "string"));
                }
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>(base);
        schema.put("type", "object");
        schema.put("properties", props);
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> capabilityJson(String name, String description, Map<String, Object> in,
                                                      Map<String, Object> out, List<Object> steps) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("description", description);
        c.put("inputSchema", in);
        c.put("outputSchema", out);
        c.put("steps", steps);
        return c;
    }

    private static Map<String, Object> specJson(String id, String description, List<Object> capabilities,
                                                List<String> tools, List<Object> tests) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("version", "1.0.0");
        s.put("description", description);
        s.put("capabilities", capabilities);
        s.put("tools", tools);
        s.put("tests", tests);
        return s;
    }

    private static void collectRoutes(Object json, List<String> out) {
        if (json instanceof Map) {
            Object route = ((Map<?, ?>) json).get("route");
            if (route instanceof String && !out.contains(route)) {
                out.add((String) route);
            }
            ((Map<?, ?>) json).values().forEach(v -> collectRoutes(v, out));
        } else if (json instanceof List) {
            ((List<?>) json).forEach(v -> collectRoutes(v, out));
        }
    }
}
