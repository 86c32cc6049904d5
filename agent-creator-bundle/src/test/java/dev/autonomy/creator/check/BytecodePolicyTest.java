package dev.autonomy.creator.check;

import dev.autonomy.creator.check.BytecodePolicy.Violation;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BytecodePolicyTest {

    private static final String ALLOWED = """
            package dev.autonomy.generated.ok;

            import dev.autonomy.foundation.api.tool.ToolResult;
            import java.math.BigDecimal;
            import java.math.RoundingMode;
            import java.time.Duration;
            import java.time.LocalDate;
            import java.util.*;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.function.Function;
            import java.util.regex.Matcher;
            import java.util.regex.Pattern;
            import java.util.stream.Collectors;
            import java.util.stream.IntStream;

            public class Ok {
                record Point(int x, int y) {}
                enum Color { RED, GREEN }
                interface Res extends AutoCloseable { void close(); }
                static final class Boom extends RuntimeException { Boom(String m) { super(m); } }

                private final ThreadLocal<StringBuilder> buffer = ThreadLocal.withInitial(StringBuilder::new);

                public ToolResult run(String input, Res res) {
                    Map<String, Integer> counts = new HashMap<>();
                    for (String w : input.split(" ")) {
                        counts.merge(w, 1, Integer::sum);
                    }
                    List<String> upper = counts.keySet().stream().map(String::toUpperCase).sorted()
                            .collect(Collectors.toList());
                    Matcher m = Pattern.compile("\\\\d+").matcher(input);
                    int digits = 0;
                    while (m.find()) {
                        digits++;
                    }
                    BigDecimal total = new BigDecimal("1.50").add(BigDecimal.ONE).setScale(1, RoundingMode.HALF_UP);
                    Duration d = Duration.ofSeconds(5);
                    LocalDate day = LocalDate.of(2024, 1, 1).plusDays(IntStream.range(0, 3).sum());
                    Point p = new Point(1, 2);
                    String s = "words=" + upper + " digits=" + digits + " total=" + total + " p=" + p + d + day;
                    Color c = Color.valueOf("RED");
                    switch (c) {
                        case RED: s += "r"; break;
                        default: s += "g";
                    }
                    int code = switch (c) { case RED -> 1; case GREEN -> 2; };
                    EnumMap<Color, String> names = new EnumMap<>(Color.class);
                    names.put(c, String.format("%s-%d", c.name().toLowerCase(Locale.ROOT), code));
                    try (res) {
                        s += res.hashCode();
                    }
                    try (Res a = res; Res b = res) {
                        s += a.equals(b);
                    } catch (IllegalStateException e) {
                        s += e.getMessage();
                    } finally {
                        s += ".";
                    }
                    try {
                        throw new Boom("x");
                    } catch (Boom | ArithmeticException e) {
                        s += e.getMessage();
                    }
                    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
                    seen.computeIfAbsent("k", k -> new AtomicInteger()).incrementAndGet();
                    Function<String, Integer> len = String::length;
                    Runnable clear = counts::clear;
                    clear.run();
                    long took = System.nanoTime() - System.currentTimeMillis();
                    try {
                        s += took > 0 ? "" : "-";
                    } finally {
                        s += ".";
                    }
                    buffer.get().setLength(0);
                    Optional<String> first = upper.stream().filter(w -> !w.isEmpty()).findFirst();
                    return ToolResult.text(s + len.apply(first.orElse("")) + names + seen + System.lineSeparator());
                }
            }
            """;

    @Test
    void allowedCodeHasNoViolations() {
        Map<String, byte[]> classes = TestCompiler.compile(Map.of("dev.autonomy.generated.ok.Ok", ALLOWED));

        assertThat(classes).containsKeys("dev/autonomy/generated/ok/Ok", "dev/autonomy/generated/ok/Ok$Point",
                "dev/autonomy/generated/ok/Ok$Color");
        assertThat(messages(BytecodePolicy.check(classes))).isEmpty();
    }

    @Test
    void theGuardTemplateIsAllowed() throws IOException {
        String source;
        try (InputStream in = getClass().getResourceAsStream("/dev/autonomy/creator/template/Guard.java.tmpl")) {
            assumeTrue(in != null, "no Guard template");
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assumeTrue(!source.replace("${package}", "").contains("${"), "template has other placeholders");
        source = source.replace("${package}", "dev.autonomy.generated.guard");

        Map<String, byte[]> classes = TestCompiler.compile(Map.of("dev.autonomy.generated.guard.Guard", source));

        assertThat(messages(BytecodePolicy.check(classes))).isEmpty();
    }

    @Test
    void classForNameIsClassLoading() {
        assertThat(violations("Class.forName(\"java.lang.Runtime\"); return null;"))
                .contains(new Violation(BAD, "java.lang.Class.forName()", "class loading is not allowed"));
    }

    @Test
    void getClassAndDeclaredMethodsAreReflection() {
        assertThat(violations("return getClass().getDeclaredMethods();"))
                .contains(new Violation(BAD, "java.lang.Object.getClass()", "reflection is not allowed"),
                        new Violation(BAD, "java.lang.Class.getDeclaredMethods()", "reflection is not allowed"),
                        new Violation(BAD, "java.lang.reflect.Method", "reflection is not allowed"));
    }

    @Test
    void threadsAreDenied() {
        assertThat(violations("new Thread(() -> {}).start(); return null;"))
                .contains(new Violation(BAD, "java.lang.Thread", "threads and executors are not allowed"),
                        new Violation(BAD, "java.lang.Thread.start()", "threads and executors are not allowed"));
    }

    @Test
    void executorsAreDenied() {
        assertThat(violations("return java.util.concurrent.Executors.newFixedThreadPool(2);"))
                .contains(new Violation(BAD, "java.util.concurrent.Executors.newFixedThreadPool()",
                        "threads and executors are not allowed"));
    }

    @Test
    void filesAreDenied() {
        assertThat(violations("""
                Object f = new java.io.File("x");
                return java.nio.file.Files.readString(java.nio.file.Path.of("x"));"""))
                .contains(new Violation(BAD, "java.io.File", "files and streams are not allowed"),
                        new Violation(BAD, "java.io.File.<init>()", "files and streams are not allowed"),
                        new Violation(BAD, "java.nio.file.Files.readString()", "files and streams are not allowed"));
    }

    @Test
    void socketsAreNetwork() {
        assertThat(violations("return new java.net.Socket();"))
                .contains(new Violation(BAD, "java.net.Socket.<init>()", "network access is not allowed"));
    }

    @Test
    void systemIsNarrowedToClockAndCopying() {
        assertThat(violations("System.exit(0); return null;"))
                .contains(new Violation(BAD, "java.lang.System.exit()", "process control is not allowed"));
        assertThat(violations("System.setOut(null); return null;"))
                .contains(new Violation(BAD, "java.lang.System.setOut()", "files and streams are not allowed"));
        assertThat(violations("return System.getenv();")).contains(new Violation(BAD, "java.lang.System.getenv()",
                "environment variables and system properties are not allowed"));
        assertThat(violations("System.out.println(); return null;"))
                .contains(new Violation(BAD, "java.lang.System.out", "files and streams are not allowed"));
        assertThat(violations("System.runFinalization(); return System.getSecurityManager();"))
                .contains(new Violation(BAD, "java.lang.System.getSecurityManager()", "not on the allow-list"));
        assertThat(violations("return System.nanoTime() + System.currentTimeMillis() + System.identityHashCode(list);"))
                .isEmpty();
    }

    @Test
    void methodHandlesAreInvoke() {
        assertThat(violations("return java.lang.invoke.MethodHandles.lookup();"))
                .contains(new Violation(BAD, "java.lang.invoke.MethodHandles.lookup()",
                        "java.lang.invoke beyond the lambda/string-concat bootstraps is not allowed"));
    }

    private static List<String> classViolations(String body) {
        return messages(BytecodePolicy.check(TestCompiler.compile(Map.of("dev.autonomy.generated.bad.Bad",
                "package dev.autonomy.generated.bad;\n" + body))));
    }

    @Test
    void monitorsAreDenied() {
        assertThat(classViolations("public class Bad { int f(String s) { synchronized (s) { return 1; } } }"))
                .anyMatch(m -> m.contains("uses synchronized: monitors"));
        assertThat(classViolations("public class Bad { synchronized int f() { return 1; } }"))
                .anyMatch(m -> m.contains("uses synchronized dev.autonomy.generated.bad.Bad.f()"));
    }

    @Test
    void aFinallyThatReturnsSwallowsTheTimeLimitAndIsDenied() {
        assertThat(classViolations("public class Bad { int f() { try { return g(); } finally { return 2; } }"
                + " int g() { return 1; } }")).anyMatch(m -> m.contains("uses finally: catching it without "
                + "rethrowing would swallow the time limit"));
        assertThat(classViolations("public class Bad { int f(StringBuilder b) { try { return g(); } finally {"
                + " if (b.length() > 2) { b.append('x'); } else { b.setLength(0); } } } int g() { return 1; } }"))
                .isEmpty();
    }

    @Test
    void platformClassesCannotBeExtendedAndDefaultsNotChanged() {
        assertThat(classViolations("public class Bad extends java.util.SimpleTimeZone { Bad() { super(0, \"x\"); } }"))
                .anyMatch(m -> m.contains("uses java.util.SimpleTimeZone: extending this platform class"));
        assertThat(classViolations("public class Bad { void f() { java.util.SimpleTimeZone.setDefault(null); } }"))
                .anyMatch(m -> m.contains("setDefault"));
        assertThat(classViolations("public class Bad { static class N { volatile int v; } Object f() { return "
                + "java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(N.class, \"v\"); } }"))
                .anyMatch(m -> m.contains("newUpdater") && m.contains("reflection"));
        assertThat(classViolations("public class Bad extends java.util.AbstractList<String> {"
                + " public String get(int i) { return \"\"; } public int size() { return 0; } }")).isEmpty();
    }

    @Test
    void nativeMethodsAreDenied() {
        List<Violation> found = BytecodePolicy.check(TestCompiler.compile(Map.of("dev.autonomy.generated.bad.Bad", """
                package dev.autonomy.generated.bad;
                public class Bad { public native void nap(); }
                """)));

        assertThat(found).containsExactly(new Violation(BAD, "dev.autonomy.generated.bad.Bad.nap()",
                "native code is not allowed"));
        assertThat(found.get(0).message())
                .isEqualTo("dev.autonomy.generated.bad.Bad uses dev.autonomy.generated.bad.Bad.nap(): "
                        + "native code is not allowed");
    }

    @Test
    void parallelStreamsAreThreads() {
        assertThat(violations("return list.parallelStream().count();"))
                .containsExactly(new Violation(BAD, "java.util.List.parallelStream()",
                        "threads and executors are not allowed"));
        assertThat(violations("return java.util.stream.IntStream.range(0, 3).parallel().sum();"))
                .containsExactly(new Violation(BAD, "java.util.stream.IntStream.parallel()",
                        "threads and executors are not allowed"));
    }

    @Test
    void swallowingThrowableOrErrorIsDenied() {
        assertThat(violations("try { list.clear(); } catch (Throwable t) { return 1; } return 0;"))
                .containsExactly(new Violation(BAD, "catch (java.lang.Throwable)",
                        "catching it without rethrowing would swallow the time limit"));
        assertThat(violations("try { list.clear(); } catch (Error e) { return 1; } return 0;"))
                .containsExactly(new Violation(BAD, "catch (java.lang.Error)",
                        "catching it without rethrowing would swallow the time limit"));
        // Rethrowing is fine (that is also what javac's try-with-resources does).
        assertThat(violations("try { list.clear(); } catch (Throwable t) { list.size(); throw t; } return 0;"))
                .isEmpty();
    }

    @Test
    void catchingTheGuardsCutoffIsDenied() {
        Map<String, byte[]> classes = TestCompiler.compile(Map.of(
                "dev.autonomy.generated.bad.Guard", """
                        package dev.autonomy.generated.bad;
                        public final class Guard {
                            public static final class Cutoff extends Error {}
                            public static void check() {}
                        }
                        """,
                "dev.autonomy.generated.bad.Bad", """
                        package dev.autonomy.generated.bad;
                        public class Bad {
                            int run() { try { Guard.check(); } catch (Guard.Cutoff c) { return 1; } return 0; }
                        }
                        """));

        assertThat(BytecodePolicy.check(classes)).containsExactly(new Violation(BAD,
                "catch (dev.autonomy.generated.bad.Guard$Cutoff)",
                "catching it without rethrowing would swallow the time limit"));
    }

    @Test
    void osgiIsFrameworkAccess() {
        assertThat(violations("return org.osgi.framework.FrameworkUtil.getBundle(Bad.class);"))
                .contains(new Violation(BAD, "org.osgi.framework.FrameworkUtil.getBundle()",
                        "framework access is not allowed"),
                        new Violation(BAD, "org.osgi.framework.Bundle", "framework access is not allowed"));
    }

    @Test
    void serviceLoaderIsClassLoading() {
        assertThat(violations("return java.util.ServiceLoader.load(Runnable.class);"))
                .contains(new Violation(BAD, "java.util.ServiceLoader.load()", "class loading is not allowed"));
    }

    @Test
    void inheritedMembersAreCheckedOnThePlatformTypeThatDeclaresThem() {
        Map<String, byte[]> classes = TestCompiler.compile(Map.of("dev.autonomy.generated.bad.Bad", """
                package dev.autonomy.generated.bad;
                public class Bad {
                    static final class Oops extends IllegalStateException {
                        @Override public String getMessage() { return "oops"; }
                    }
                    Object run() {
                        Oops o = new Oops();
                        o.printStackTrace();
                        return o.getMessage() + o.getLocalizedMessage();
                    }
                }
                """));

        assertThat(BytecodePolicy.check(classes)).containsExactly(new Violation(BAD,
                "java.lang.IllegalStateException.printStackTrace()", "files and streams are not allowed"));
    }

    @Test
    void methodReferencesAreCheckedLikeCalls() {
        assertThat(violations("java.util.function.Supplier<Thread> s = Thread::new; return s;"))
                .contains(new Violation(BAD, "java.lang.Thread.<init>()", "threads and executors are not allowed"));
        assertThat(violations("Runnable r = System::gc; return r;"))
                .containsExactly(new Violation(BAD, "java.lang.System.gc()", "process control is not allowed"));
    }

    @Test
    void systemPropertiesThroughBoxesAreDenied() {
        assertThat(violations("return Integer.getInteger(\"x\");"))
                .containsExactly(new Violation(BAD, "java.lang.Integer.getInteger()",
                        "environment variables and system properties are not allowed"));
    }

    @Test
    void eachViolationIsReportedOnceInOrder() {
        assertThat(violations("""
                Class.forName("a");
                Class.forName("b");
                return java.util.concurrent.Executors.newSingleThreadExecutor();"""))
                .containsExactly(
                        new Violation(BAD, "java.lang.Class.forName()", "class loading is not allowed"),
                        new Violation(BAD, "java.util.concurrent.Executors.newSingleThreadExecutor()",
                                "threads and executors are not allowed"),
                        new Violation(BAD, "java.util.concurrent.ExecutorService",
                                "threads and executors are not allowed"));
    }

    @Test
    void classesInPlatformPackagesAreNotTrusted() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "java/util/Helper", null, "java/lang/Object", null);
        cw.visitEnd();

        assertThat(BytecodePolicy.check(Map.of("java/util/Helper", cw.toByteArray()))).containsExactly(
                new Violation("java.util.Helper", "java.util.Helper",
                        "defining classes in platform or framework packages is not allowed"));
    }

    @Test
    void unreadableBytesAreAViolation() {
        assertThat(BytecodePolicy.check(Map.of("dev/x/Junk", new byte[] {1, 2, 3})))
                .singleElement().satisfies(v -> assertThat(v.reason()).startsWith("unreadable class file"));
    }

    private static final String BAD = "dev.autonomy.generated.bad.Bad";

    /** Violations of a class whose method {@code Object run(List<String> list) throws Throwable} has this body. */
    private static List<Violation> violations(String body) {
        String source = "package dev.autonomy.generated.bad;\n"
                + "public class Bad {\n"
                + "    public Object run(java.util.List<String> list) throws Throwable {\n"
                + body + "\n"
                + "    }\n"
                + "}\n";
        return BytecodePolicy.check(TestCompiler.compile(Map.of(BAD, source)));
    }

    private static List<String> messages(List<Violation> violations) {
        return violations.stream().map(Violation::message).toList();
    }
}
