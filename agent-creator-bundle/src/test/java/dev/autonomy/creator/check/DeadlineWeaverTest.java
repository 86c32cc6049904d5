package dev.autonomy.creator.check;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineWeaverTest {

    private static final String GUARD = "dev/autonomy/creator/check/CountingGuard";
    private static final String LOOPS = "dev/autonomy/generated/loops/Loops";
    private static final String BUILT = "dev/autonomy/generated/loops/Built";
    private static final String INIT = "dev/autonomy/generated/loops/Init";

    private static final Map<String, String> SOURCES = Map.of(
            "dev.autonomy.generated.loops.Loops", """
                    package dev.autonomy.generated.loops;

                    public class Loops {
                        public static void spin() {
                            while (true) {
                            }
                        }

                        public static int tenTimes() {
                            int s = 0;
                            for (int i = 0; i < 10; i++) {
                                s += i;
                            }
                            return s;
                        }

                        public static int fact(int n) {
                            return n <= 1 ? 1 : n * fact(n - 1);
                        }

                        public static int lambdas() {
                            int[] sum = {0};
                            java.util.stream.IntStream.range(0, 5).forEach(i -> sum[0] += i);
                            return sum[0];
                        }

                        public static int tryLoop() {
                            int s = 0;
                            for (int i = 0; i < 3; i++) {
                                try {
                                    s += 10 / (i - 1);
                                } catch (ArithmeticException e) {
                                    s += 100;
                                }
                            }
                            return s;
                        }

                        public static int straight(int a) {
                            return a + 1;
                        }
                    }
                    """,
            "dev.autonomy.generated.loops.Built", """
                    package dev.autonomy.generated.loops;

                    public class Built {
                        public final int x;

                        public Built() {
                            this(5);
                        }

                        public Built(int x) {
                            super();
                            this.x = x;
                        }
                    }
                    """,
            "dev.autonomy.generated.loops.Init", """
                    package dev.autonomy.generated.loops;

                    public class Init {
                        static final java.util.List<String> NAMES = new java.util.ArrayList<>();

                        public static int size() {
                            return NAMES.size();
                        }
                    }
                    """,
            "dev.autonomy.generated.loops.Guard", """
                    package dev.autonomy.generated.loops;

                    public final class Guard {
                        public static final class Cutoff extends Error {
                        }

                        public static void check() {
                            for (int i = 0; i < 3; i++) {
                            }
                        }
                    }
                    """);

    private static final Map<String, byte[]> COMPILED = TestCompiler.compile(SOURCES);

    @BeforeEach
    void unlimited() {
        CountingGuard.reset(Integer.MAX_VALUE);
    }

    @Test
    void aStraightMethodChecksOnceOnEntry() throws Throwable {
        assertThat(call(LOOPS, "straight", 1)).isEqualTo(2);
        assertThat(CountingGuard.calls).isEqualTo(1);
    }

    @Test
    void aLoopOfTenChecksOnEntryAndOnEveryBackEdge() throws Throwable {
        // javac: the condition is tested at the top (forward jump out), the body ends with a goto back: 10 gotos.
        assertThat(call(LOOPS, "tenTimes")).isEqualTo(45);
        assertThat(CountingGuard.calls).isEqualTo(1 + 10);
    }

    @Test
    void aLoopWithATryBlockStillHasOneBackEdgePerIteration() throws Throwable {
        // i=0: 10/-1 = -10; i=1: 10/0 -> caught, +100; i=2: 10/1 = 10.
        assertThat(call(LOOPS, "tryLoop")).isEqualTo(100);
        assertThat(CountingGuard.calls).isEqualTo(1 + 3);
    }

    @Test
    void recursionChecksOnEveryCall() throws Throwable {
        // fact(5) -> fact(4) -> ... -> fact(1): five entries, no loops.
        assertThat(call(LOOPS, "fact", 5)).isEqualTo(120);
        assertThat(CountingGuard.calls).isEqualTo(5);
    }

    @Test
    void lambdaBodiesAreCheckedWhenTheStreamCallsThem() throws Throwable {
        // lambdas() once, its synthetic lambda$lambdas$0 five times; the JDK's stream code is not woven.
        assertThat(call(LOOPS, "lambdas")).isEqualTo(0 + 1 + 2 + 3 + 4);
        assertThat(CountingGuard.calls).isEqualTo(1 + 5);
    }

    @Test
    void constructorsCheckOnEntryBeforeSuper() throws Throwable {
        Class<?> built = Class.forName(BUILT.replace('/', '.'), true, TestCompiler.loader(woven()));
        CountingGuard.reset(Integer.MAX_VALUE);

        Object b = built.getConstructor().newInstance();

        assertThat(built.getField("x").get(b)).isEqualTo(5);
        assertThat(CountingGuard.calls).isEqualTo(2); // Built() and Built(int); Object() is not ours
    }

    @Test
    void staticInitializersAreWovenToo() throws Throwable {
        assertThat(call(INIT, "size")).isEqualTo(0);
        assertThat(CountingGuard.calls).isEqualTo(2); // <clinit>, then size()
    }

    @Test
    void anEndlessLoopEndsWithTheGuardsError() {
        CountingGuard.reset(1000);

        assertThatThrownBy(() -> call(LOOPS, "spin")).isInstanceOf(CountingGuard.Stop.class);
        assertThat(CountingGuard.calls).isEqualTo(1001); // entry + 999 back edges pass, the 1001st call throws
    }

    @Test
    void switchesWithABackwardTargetCheckBeforeSwitching() throws Throwable {
        for (boolean table : new boolean[] {true, false}) {
            Map<String, byte[]> woven = DeadlineWeaver.weave(Map.of("dev/x/Countdown", countdown(table)), GUARD,
                    Set.of());
            Method m = TestCompiler.loader(woven).loadClass("dev.x.Countdown").getMethod("countdown", int.class);
            CountingGuard.reset(Integer.MAX_VALUE);

            assertThat(m.invoke(null, 3)).isEqualTo(0);
            // 3 -> 2 (default: back), 2 -> 1 (back), 1 -> 0 (case 0: forward); the check precedes all 3 switches.
            assertThat(CountingGuard.calls).as("tableswitch=" + table).isEqualTo(1 + 3);
        }
    }

    @Test
    void exemptClassesAndTheGuardAreReturnedUnchanged() {
        String guard = "dev/autonomy/generated/loops/Guard";

        Map<String, byte[]> woven = DeadlineWeaver.weave(COMPILED, guard, Set.of(BUILT));

        assertThat(woven).containsOnlyKeys(COMPILED.keySet());
        assertThat(woven.get(BUILT)).isSameAs(COMPILED.get(BUILT));
        assertThat(woven.get(guard)).isSameAs(COMPILED.get(guard));
        assertThat(woven.get(guard + "$Cutoff")).isSameAs(COMPILED.get(guard + "$Cutoff"));
        assertThat(woven.get(LOOPS)).isNotEqualTo(COMPILED.get(LOOPS));
        assertThat(woven.get(INIT)).isNotEqualTo(COMPILED.get(INIT));
    }

    @Test
    void wovenCodeStaysWithinThePolicy() {
        // The inserted calls go to the guard, which is one of the checked classes.
        Map<String, byte[]> woven = DeadlineWeaver.weave(COMPILED, "dev/autonomy/generated/loops/Guard", Set.of());

        assertThat(BytecodePolicy.check(woven)).isEmpty();
    }

    private static Map<String, byte[]> woven() {
        return DeadlineWeaver.weave(COMPILED, GUARD, Set.of());
    }

    /** Calls a static int-or-void method of a freshly loaded woven class; rethrows what the method threw. */
    private static Object call(String className, String method, int... args) throws Throwable {
        Class<?> type = Class.forName(className.replace('/', '.'), false, TestCompiler.loader(woven()));
        Class<?>[] params = new Class<?>[args.length];
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = int.class;
            values[i] = args[i];
        }
        try {
            return type.getMethod(method, params).invoke(null, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * {@code static int countdown(int n)}: {@code top: n--; switch (n) { case 0: return n; default: goto top; }},
     * as a tableswitch or a lookupswitch (javac never jumps backward from a switch).
     */
    private static byte[] countdown(boolean table) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "dev/x/Countdown", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "countdown", "(I)I", null, null);
        mv.visitCode();
        Label top = new Label();
        Label done = new Label();
        mv.visitLabel(top);
        mv.visitIincInsn(0, -1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        if (table) {
            mv.visitTableSwitchInsn(0, 0, top, done);
        } else {
            mv.visitLookupSwitchInsn(top, new int[] {0}, new Label[] {done});
        }
        mv.visitLabel(done);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
