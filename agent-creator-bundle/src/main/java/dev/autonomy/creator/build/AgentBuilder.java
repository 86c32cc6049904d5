package dev.autonomy.creator.build;

import dev.autonomy.creator.check.BytecodePolicy;
import dev.autonomy.creator.check.DeadlineWeaver;
import dev.autonomy.creator.check.BytecodePolicy.Violation;
import dev.autonomy.creator.pipeline.AgentCodeBase;
import dev.autonomy.creator.pipeline.AgentDesign;
import dev.autonomy.creator.pipeline.BuildSettings;
import dev.autonomy.creator.pipeline.CreationPipeline;
import dev.autonomy.foundation.api.tool.ToolInvoker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the gated build of one agent revision: generate → compile → check (allow-list) → weave (deadlines) → test
 * (the agent's own tests, against the compiled classes) → package. The first failing stage ends the build and is
 * named in the report with its reason; nothing is installed here.
 */
public final class AgentBuilder {

    /** Told when each stage starts, for progress reports. */
    public interface StageListener {
        void started(String stage, int index, int total);
    }

    public static final List<String> STAGES = List.of("generate", "compile", "check", "weave", "test", "package");

    /** How long one stage took. */
    public record StageTime(String stage, long micros) {
    }

    /**
     * What a build did.
     *
     * @param failedStage the stage that failed, empty on success
     * @param reason      why, in one line
     * @param details     compiler diagnostics, violations or failing tests, one per line
     */
    public record BuildReport(boolean success, String failedStage, String reason, List<String> details,
                              List<StageTime> stages, Optional<BundlePackager.Packaged> bundle,
                              Optional<AgentCodeBase> code) {
        public BuildReport {
            details = List.copyOf(details);
            stages = List.copyOf(stages);
        }
    }

    private final JavaSourceCompiler compiler;
    private final ClassLoader apiLoader;
    private final Map<String, String> importVersions;
    private final Map<String, String> templates;

    /**
     * @param apiLoader      a loader that sees the JDK and foundation-api (tests load the classes under it)
     * @param importVersions version ranges of foundation-api packages for the generated bundles' imports
     * @param templates      the creator's templates by name
     */
    public AgentBuilder(JavaSourceCompiler compiler, ClassLoader apiLoader, Map<String, String> importVersions,
                        Map<String, String> templates) {
        this.compiler = compiler;
        this.apiLoader = apiLoader;
        this.importVersions = Map.copyOf(importVersions);
        this.templates = Map.copyOf(templates);
    }

    public BuildReport build(AgentDesign design, int revision, BuildSettings settings, ToolInvoker testTools,
                             long testTimeoutMs, StageListener listener) {
        List<StageTime> times = new ArrayList<>();
        Run run = new Run(times, listener);
        AgentCodeBase code;
        try {
            run.start("generate");
            code = CreationPipeline.generateAgentCode(design, revision, settings, templates);
            run.end();
        } catch (RuntimeException e) {
            return run.fail("generate", "could not generate code: " + e.getMessage(), List.of(), null);
        }

        run.start("compile");
        // The support classes are the same for every agent: compiled once, then only renamed into its package.
        Map<String, byte[]> support = supportClasses(code);
        Map<String, String> sources = new java.util.LinkedHashMap<>(code.sources());
        if (!support.isEmpty()) {
            code.integrationCode().keySet().forEach(sources::remove);
        }
        JavaSourceCompiler.Result compiled = compiler.compile(sources, support);
        if (compiled.success() && !support.isEmpty()) {
            Map<String, byte[]> all = new java.util.LinkedHashMap<>(compiled.classes());
            all.putAll(support);
            compiled = new JavaSourceCompiler.Result(all, List.of(), compiled.warnings());
        }
        run.end();
        if (!compiled.success()) {
            List<String> lines = new ArrayList<>();
            compiled.errors().forEach(m -> lines.add(m.toString()));
            return run.fail("compile", compiled.errors().size() + " compile error(s); first: "
                    + compiled.errors().get(0), lines, code);
        }

        run.start("check");
        List<Violation> violations = BytecodePolicy.check(compiled.classes());
        run.end();
        if (!violations.isEmpty()) {
            List<String> lines = new ArrayList<>();
            violations.forEach(v -> lines.add(v.message()));
            return run.fail("check", "forbidden: " + violations.get(0).message(), lines, code);
        }

        run.start("weave");
        String guard = code.guardClass().replace('.', '/');
        Map<String, byte[]> woven = DeadlineWeaver.weave(compiled.classes(), guard,
                Set.of(code.componentName().replace('.', '/')));
        run.end();

        run.start("test");
        List<String> failures = runTestsBounded(code, woven, testTools, testTimeoutMs);
        run.end();
        if (!failures.isEmpty()) {
            return run.fail("test", failures.size() + " of " + code.tests().size() + " test(s) failed; first: "
                    + failures.get(0), failures, code);
        }

        run.start("package");
        BundlePackager.Packaged packaged;
        try {
            packaged = BundlePackager.packageBundle(code, woven, importVersions,
                    design.specification().version());
        } catch (Exception e) {
            return run.fail("package", "could not package the bundle: " + e.getMessage(), List.of(), code);
        }
        run.end();
        return new BuildReport(true, "", "", List.of(), times, Optional.of(packaged), Optional.of(code));
    }

    /**
     * Runs the tests on a thread of their own with a hard limit: the time guard stops agent code, but not a single
     * long call into the JDK. A thread that does not end is stopped where the runtime still allows it, and
     * abandoned otherwise; the build fails either way and frees the creator for the next build.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private List<String> runTestsBounded(AgentCodeBase code, Map<String, byte[]> classes, ToolInvoker tools,
                                         long testTimeoutMs) {
        java.util.concurrent.atomic.AtomicReference<List<String>> result = new java.util.concurrent.atomic
                .AtomicReference<>();
        Thread t = new Thread(() -> result.set(SpecTestRunner.run(code, classes, apiLoader, tools, testTimeoutMs)),
                "agent-tests-" + code.agentId());
        t.setDaemon(true);
        t.start();
        long limit = testTimeoutMs * (code.tests().size() + 2) + 1_000;
        try {
            t.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            try {
                t.stop();
            } catch (UnsupportedOperationException | SecurityException gone) {
                // newer runtimes cannot stop threads: it is abandoned (daemon) and the build fails
            }
            return List.of("the tests did not end within " + limit + " ms (a call into the JDK that does not "
                    + "return, e.g. a regular expression that backtracks without end?)");
        }
        List<String> r = result.get();
        return r == null ? List.of("the tests ended without a result") : r;
    }

    /** Support sources (the integration code) compiled in a template package, by their source text. */
    private final java.util.concurrent.ConcurrentHashMap<String, Map<String, byte[]>> supportCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final String TEMPLATE_PACKAGE = "dev.autonomy.generated.template.r0";

    /**
     * The compiled integration code of {@code code} (guard, step runtime), renamed into its package; empty when it
     * cannot be reused (then everything is compiled from source).
     */
    private Map<String, byte[]> supportClasses(AgentCodeBase code) {
        String pkg = code.packageName();
        Map<String, String> templated = new java.util.TreeMap<>();
        code.integrationCode().forEach((name, source) -> templated.put(
                TEMPLATE_PACKAGE + name.substring(pkg.length()), source.replace("package " + pkg + ";",
                        "package " + TEMPLATE_PACKAGE + ";")));
        if (templated.values().stream().anyMatch(src -> src.contains(pkg))) {
            return Map.of(); // the package name appears elsewhere in the text: do not guess
        }
        Map<String, byte[]> compiled = supportCache.computeIfAbsent(templated.toString(), k -> {
            JavaSourceCompiler.Result r = compiler.compile(templated);
            return r.success() ? r.classes() : Map.of();
        });
        if (compiled.isEmpty()) {
            return Map.of();
        }
        String from = TEMPLATE_PACKAGE.replace('.', '/') + "/";
        String to = pkg.replace('.', '/') + "/";
        Map<String, String> names = new java.util.HashMap<>();
        compiled.keySet().forEach(n -> names.put(n, to + n.substring(from.length())));
        org.objectweb.asm.commons.SimpleRemapper remapper = new org.objectweb.asm.commons.SimpleRemapper(names);
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        compiled.forEach((name, bytes) -> {
            org.objectweb.asm.ClassReader reader = new org.objectweb.asm.ClassReader(bytes);
            org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(0);
            reader.accept(new org.objectweb.asm.commons.ClassRemapper(writer, remapper), 0);
            out.put(names.get(name), writer.toByteArray());
        });
        return out;
    }

    private static final class Run {
        private final List<StageTime> times;
        private final StageListener listener;
        private String stage;
        private long started;

        Run(List<StageTime> times, StageListener listener) {
            this.times = times;
            this.listener = listener;
        }

        void start(String name) {
            stage = name;
            started = System.nanoTime();
            if (listener != null) {
                listener.started(name, STAGES.indexOf(name), STAGES.size());
            }
        }

        void end() {
            times.add(new StageTime(stage, (System.nanoTime() - started) / 1_000));
        }

        BuildReport fail(String failed, String reason, List<String> details, AgentCodeBase code) {
            if (times.isEmpty() || !times.get(times.size() - 1).stage().equals(failed)) {
                end();
            }
            return new BuildReport(false, failed, reason, details, times, Optional.empty(),
                    Optional.ofNullable(code));
        }
    }
}
