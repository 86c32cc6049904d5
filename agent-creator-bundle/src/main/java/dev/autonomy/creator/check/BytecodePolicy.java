package dev.autonomy.creator.check;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The platform allow-list for generated (untrusted) classes. The classes handed in may use each other freely; every
 * other type and member they reference must be on the allow-list below. Annotations are not checked: without
 * reflection nothing can read them.
 */
public final class BytecodePolicy {

    /**
     * One thing a class may not use.
     *
     * @param className the offending class, dotted ({@code dev.x.Foo})
     * @param member    what it uses: a type ({@code java.io.File}), a member ({@code java.lang.Thread.start()},
     *                  {@code java.lang.System.out}) or a construct ({@code catch (java.lang.Throwable)})
     * @param reason    why that is not allowed
     */
    public record Violation(String className, String member, String reason) {

        public Violation {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(reason, "reason");
        }

        /** E.g. {@code dev.x.Foo uses java.lang.Thread.start(): threads and executors are not allowed}. */
        public String message() {
            return className + " uses " + member + ": " + reason;
        }
    }

    private static final String REFLECTION = "reflection is not allowed";
    private static final String THREADS = "threads and executors are not allowed";
    private static final String FILES = "files and streams are not allowed";
    private static final String NETWORK = "network access is not allowed";
    private static final String PROCESS = "process control is not allowed";
    private static final String CLASS_LOADING = "class loading is not allowed";
    private static final String FRAMEWORK = "framework access is not allowed";
    private static final String LOGGING = "logging is not allowed";
    private static final String INVOKE = "java.lang.invoke beyond the lambda/string-concat bootstraps is not allowed";
    private static final String ENVIRONMENT = "environment variables and system properties are not allowed";
    private static final String GLOBAL = "changing JVM-wide defaults is not allowed";
    private static final String NATIVE = "native code is not allowed";
    private static final String CATCH = "catching it without rethrowing would swallow the time limit";
    private static final String MONITORS = "monitors (synchronized) are not allowed: a lock held forever ends no "
            + "time limit";
    /** Platform classes agent code may extend: the rest have members no rule sees. */
    private static final Set<String> EXTENDABLE = Set.of("java/lang/Object", "java/lang/Record", "java/lang/Enum",
            "java/lang/Exception", "java/lang/RuntimeException", "java/lang/Error", "java/lang/IllegalArgumentException",
            "java/lang/IllegalStateException", "java/lang/UnsupportedOperationException",
            "java/util/AbstractMap", "java/util/AbstractList", "java/util/AbstractSet",
            "java/util/AbstractCollection");
    private static final String RESERVED = "defining classes in platform or framework packages is not allowed";
    private static final String NOT_ALLOWED = "not on the allow-list";

    /**
     * A type pattern and its verdict ({@code reason == null}: allowed); the first matching rule wins. Patterns:
     * {@code a/b/C} is that class and its nested classes, {@code a/b/*} a package's classes (and {@code a/b/C*} the
     * classes whose name starts so), {@code a/b/**} a package and its subpackages.
     */
    private record TypeRule(String pattern, String reason) {

        boolean matches(String name) {
            if (pattern.endsWith("/**")) {
                return name.startsWith(pattern.substring(0, pattern.length() - 2));
            }
            if (pattern.endsWith("*")) {
                String prefix = pattern.substring(0, pattern.length() - 1);
                return name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0;
            }
            return name.equals(pattern) || name.startsWith(pattern + "$");
        }
    }

    private static final List<TypeRule> TYPE_RULES = typeRules();

    private static List<TypeRule> typeRules() {
        List<TypeRule> rules = new ArrayList<>();
        // java.lang: System.Logger/LoggerFinder would log; System itself is narrowed by SYSTEM_MEMBERS.
        rules.add(new TypeRule("java/lang/System$*", LOGGING));
        for (String name : List.of("Object", "String", "StringBuilder", "StringBuffer", "CharSequence", "Character",
                "Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double", "Number", "Math", "StrictMath",
                "Comparable", "Iterable", "AutoCloseable", "Enum", "Record", "Void", "Override", "Deprecated",
                "SuppressWarnings", "FunctionalInterface", "SafeVarargs", "ThreadLocal", "Runnable", "Appendable",
                "Cloneable", "System",
                // Standard exceptions. Error and Throwable may be made, extended and thrown (catching is checked).
                "Throwable", "Error", "Exception", "RuntimeException", "IllegalArgumentException",
                "IllegalStateException", "NullPointerException", "ArithmeticException",
                "ArrayIndexOutOfBoundsException", "IndexOutOfBoundsException", "StringIndexOutOfBoundsException",
                "ClassCastException", "NumberFormatException", "UnsupportedOperationException",
                "CloneNotSupportedException", "NegativeArraySizeException", "ArrayStoreException",
                // javac emits these: assert/switch defaults, enum switch maps, exhaustive enum switch expressions.
                "AssertionError", "NoSuchFieldError", "IncompatibleClassChangeError")) {
            rules.add(new TypeRule("java/lang/" + name, null));
        }
        rules.add(new TypeRule("java/lang/Thread*", THREADS));
        rules.add(new TypeRule("java/lang/Class", REFLECTION));
        rules.add(new TypeRule("java/lang/ClassValue", REFLECTION));
        rules.add(new TypeRule("java/lang/Package", REFLECTION));
        rules.add(new TypeRule("java/lang/StackWalker", REFLECTION));
        rules.add(new TypeRule("java/lang/StackTraceElement", REFLECTION));
        rules.add(new TypeRule("java/lang/reflect/**", REFLECTION));
        rules.add(new TypeRule("java/lang/constant/**", REFLECTION));
        rules.add(new TypeRule("java/lang/ClassLoader", CLASS_LOADING));
        rules.add(new TypeRule("java/lang/Module*", CLASS_LOADING));
        rules.add(new TypeRule("java/lang/instrument/**", CLASS_LOADING));
        rules.add(new TypeRule("java/lang/Runtime*", PROCESS));
        rules.add(new TypeRule("java/lang/Process*", PROCESS));
        rules.add(new TypeRule("java/lang/management/**", PROCESS));
        rules.add(new TypeRule("java/lang/invoke/**", INVOKE));
        rules.add(new TypeRule("java/lang/runtime/**", INVOKE));
        rules.add(new TypeRule("java/lang/**", NOT_ALLOWED));
        // java.util: collections and helpers, minus what starts threads, loads classes or reads streams.
        rules.add(new TypeRule("java/util/Timer*", THREADS));
        rules.add(new TypeRule("java/util/ServiceLoader", CLASS_LOADING));
        rules.add(new TypeRule("java/util/ResourceBundle", CLASS_LOADING));
        rules.add(new TypeRule("java/util/ListResourceBundle", CLASS_LOADING));
        rules.add(new TypeRule("java/util/PropertyResourceBundle", CLASS_LOADING));
        rules.add(new TypeRule("java/util/Scanner", FILES));
        for (String name : List.of("ConcurrentHashMap", "ConcurrentMap", "ConcurrentNavigableMap",
                "ConcurrentLinkedQueue", "ConcurrentSkipListMap", "CopyOnWriteArrayList", "atomic/*")) {
            rules.add(new TypeRule("java/util/concurrent/" + name, null));
        }
        rules.add(new TypeRule("java/util/concurrent/**", THREADS));
        rules.add(new TypeRule("java/util/stream/StreamSupport", THREADS)); // its boolean makes parallel streams
        rules.add(new TypeRule("java/util/function/*", null));
        rules.add(new TypeRule("java/util/stream/*", null));
        rules.add(new TypeRule("java/util/regex/*", null));
        rules.add(new TypeRule("java/util/*", null));
        rules.add(new TypeRule("java/util/logging/**", LOGGING));
        rules.add(new TypeRule("java/util/zip/**", FILES));
        rules.add(new TypeRule("java/util/jar/**", FILES));
        rules.add(new TypeRule("java/util/prefs/**", FILES));
        rules.add(new TypeRule("java/util/spi/**", CLASS_LOADING));
        rules.add(new TypeRule("java/util/**", NOT_ALLOWED));
        // Time, numbers and formatting.
        rules.add(new TypeRule("java/time/zone/ZoneRulesProvider", GLOBAL));
        rules.add(new TypeRule("java/time/**", null));
        rules.add(new TypeRule("java/math/**", null));
        rules.add(new TypeRule("java/text/**", null));
        // The rest of the platform.
        rules.add(new TypeRule("java/io/**", FILES));
        rules.add(new TypeRule("java/nio/**", FILES));
        rules.add(new TypeRule("java/net/**", NETWORK));
        rules.add(new TypeRule("java/rmi/**", NETWORK));
        rules.add(new TypeRule("javax/net/**", NETWORK));
        rules.add(new TypeRule("java/beans/**", REFLECTION));
        rules.add(new TypeRule("java/**", NOT_ALLOWED));
        rules.add(new TypeRule("javax/**", NOT_ALLOWED));
        rules.add(new TypeRule("jdk/**", NOT_ALLOWED));
        rules.add(new TypeRule("sun/**", NOT_ALLOWED));
        rules.add(new TypeRule("com/sun/**", NOT_ALLOWED));
        rules.add(new TypeRule("org/w3c/**", NOT_ALLOWED));
        rules.add(new TypeRule("org/xml/**", NOT_ALLOWED));
        rules.add(new TypeRule("org/ietf/**", NOT_ALLOWED));
        // The framework and the product.
        rules.add(new TypeRule("org/osgi/**", FRAMEWORK));
        rules.add(new TypeRule("org/apache/felix/**", FRAMEWORK));
        rules.add(new TypeRule("org/slf4j/**", LOGGING));
        rules.add(new TypeRule("dev/autonomy/foundation/api/**", null));
        return List.copyOf(rules);
    }

    /**
     * Types that may be held and passed (class literals for {@code Enum.valueOf}, {@code EnumMap}, records) but whose
     * own members may not be used.
     */
    private static final Set<String> VALUE_ONLY = Set.of("java/lang/Class");

    /**
     * Members denied on an otherwise allowed (or value-only) owner; owner {@code *} is any platform owner, name
     * {@code *} any member, and the descriptor must start with {@code descPrefix}.
     */
    private record MemberRule(String owner, String name, String descPrefix, String reason) {

        MemberRule(String owner, String name, String reason) {
            this(owner, name, "", reason);
        }

        boolean matches(String o, String n, String desc) {
            return (owner.equals("*") || owner.equals(o)) && (name.equals("*") || name.equals(n))
                    && desc.startsWith(descPrefix);
        }
    }

    private static final List<MemberRule> MEMBER_RULES = List.of(
            // Inherited by every type: monitors coordinate threads, getClass() opens reflection.
            new MemberRule("*", "wait", THREADS),
            new MemberRule("*", "notify", THREADS),
            new MemberRule("*", "notifyAll", THREADS),
            new MemberRule("*", "getClass", REFLECTION),
            // Throwable's stack trace: printing writes to System.err, the frames expose the caller's code.
            new MemberRule("*", "printStackTrace", FILES),
            new MemberRule("*", "getStackTrace", REFLECTION),
            new MemberRule("*", "setStackTrace", REFLECTION),
            // Parallel streams and array operations run on the common fork/join pool, outside the deadline.
            new MemberRule("*", "parallel", THREADS),
            new MemberRule("*", "parallelStream", THREADS),
            new MemberRule("*", "parallelSort", THREADS),
            new MemberRule("*", "parallelPrefix", THREADS),
            new MemberRule("*", "parallelSetAll", THREADS),
            new MemberRule("java/util/concurrent/ConcurrentHashMap", "*", "(J", THREADS), // bulk ops, same pool
            new MemberRule("java/lang/Class", "forName", CLASS_LOADING),
            new MemberRule("java/lang/Class", "getClassLoader", CLASS_LOADING),
            new MemberRule("java/lang/Integer", "getInteger", ENVIRONMENT),
            new MemberRule("java/lang/Long", "getLong", ENVIRONMENT),
            new MemberRule("java/lang/Boolean", "getBoolean", ENVIRONMENT),
            // JVM-wide defaults, on any owner (TimeZone's subclasses inherit setDefault)
            new MemberRule("*", "setDefault", GLOBAL),
            // field updaters take a Class and a field name: reflection by another name
            new MemberRule("*", "newUpdater", REFLECTION),
            new MemberRule("java/util/Formatter", "<init>", "(Ljava/lang/String;", FILES), // Formatter(fileName, ..)
            // System: the reasons for the common denials; SYSTEM_MEMBERS rejects the rest.
            new MemberRule("java/lang/System", "exit", PROCESS),
            new MemberRule("java/lang/System", "gc", PROCESS),
            new MemberRule("java/lang/System", "runFinalization", PROCESS),
            new MemberRule("java/lang/System", "in", FILES),
            new MemberRule("java/lang/System", "out", FILES),
            new MemberRule("java/lang/System", "err", FILES),
            new MemberRule("java/lang/System", "setIn", FILES),
            new MemberRule("java/lang/System", "setOut", FILES),
            new MemberRule("java/lang/System", "setErr", FILES),
            new MemberRule("java/lang/System", "console", FILES),
            new MemberRule("java/lang/System", "inheritedChannel", FILES),
            new MemberRule("java/lang/System", "getenv", ENVIRONMENT),
            new MemberRule("java/lang/System", "getProperty", ENVIRONMENT),
            new MemberRule("java/lang/System", "getProperties", ENVIRONMENT),
            new MemberRule("java/lang/System", "setProperty", ENVIRONMENT),
            new MemberRule("java/lang/System", "setProperties", ENVIRONMENT),
            new MemberRule("java/lang/System", "clearProperty", ENVIRONMENT),
            new MemberRule("java/lang/System", "load", NATIVE),
            new MemberRule("java/lang/System", "loadLibrary", NATIVE),
            new MemberRule("java/lang/System", "mapLibraryName", NATIVE),
            new MemberRule("java/lang/System", "getLogger", LOGGING));

    /** Owners of which only these members may be used. */
    private static final Map<String, Set<String>> MEMBER_ALLOW_LISTS = Map.of(
            "java/lang/System", Set.of("nanoTime", "currentTimeMillis", "arraycopy", "identityHashCode",
                    "lineSeparator"));

    /** The bootstrap methods javac emits for lambdas, string concatenation and records (all invokestatic). */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat",
            "java/lang/runtime/ObjectMethods.bootstrap");

    /** Catching these (or {@code ...Guard$Cutoff}) is allowed only by handlers that always rethrow. */
    private static final Set<String> DEADLINE_CATCHERS = Set.of("java/lang/Throwable", "java/lang/Error");
    private static final String CUTOFF_SIMPLE_NAME = "Guard$Cutoff";

    /** How far the rethrow check follows a handler before giving up (javac's handlers take about ten steps). */
    private static final int RETHROW_BUDGET = 256;

    private BytecodePolicy() {
    }

    /**
     * Checks classes against the allow-list.
     *
     * @param classes class bytes by internal name ({@code dev/autonomy/generated/shout/v1/Behaviour})
     * @return each distinct violation once, by class name and then in the order met; empty when all is allowed
     */
    public static List<Violation> check(Map<String, byte[]> classes) {
        Objects.requireNonNull(classes, "classes");
        Map<String, ClassReader> readers = new TreeMap<>();
        Set<Violation> found = new LinkedHashSet<>();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(classes).entrySet()) {
            try {
                readers.put(e.getKey(), new ClassReader(e.getValue()));
            } catch (RuntimeException ex) {
                found.add(new Violation(dotted(e.getKey()), dotted(e.getKey()), "unreadable class file: " + ex));
            }
        }
        Map<String, LocalClass> locals = new HashMap<>();
        readers.values().forEach(r -> index(r, locals));
        // A class named like a platform type would not shadow it at run time; don't let its name vouch for it.
        for (String name : List.copyOf(locals.keySet())) {
            if (rule(name) != null) {
                locals.remove(name);
                found.add(new Violation(dotted(name), dotted(name), RESERVED));
            }
        }
        for (Map.Entry<String, ClassReader> e : readers.entrySet()) {
            Checker checker = new Checker(locals, found);
            try {
                e.getValue().accept(checker, 0);
            } catch (RuntimeException ex) {
                found.add(new Violation(dotted(e.getKey()), dotted(e.getKey()), "unreadable class file: " + ex));
            }
        }
        return List.copyOf(found);
    }

    /** What a class in the checked set declares, for resolving members that it inherits from the platform. */
    private record LocalClass(String superName, List<String> interfaces, Set<String> members) {
    }

    private static void index(ClassReader reader, Map<String, LocalClass> locals) {
        Set<String> members = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                members.add(name + desc);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                members.add(name + desc);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        locals.put(reader.getClassName(), new LocalClass(reader.getSuperName(),
                List.of(reader.getInterfaces()), Set.copyOf(members)));
    }

    /** The first matching rule for a platform type (outside the checked set), or null if none matches. */
    private static TypeRule rule(String name) {
        for (TypeRule r : TYPE_RULES) {
            if (r.matches(name)) {
                return r;
            }
        }
        return null;
    }

    /** Why a platform type may not be used, or null if it may. */
    private static String typeReason(String name) {
        TypeRule r = rule(name);
        return r == null ? NOT_ALLOWED : r.reason();
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String memberLabel(String owner, String name, boolean field) {
        return dotted(owner) + "." + name + (field ? "" : "()");
    }

    /** One straight instruction of a method, kept for the rethrow check of handlers. */
    private record Insn(int opcode, int var, Label target, String method) {
    }

    /** Checks one class; collects into the shared set. */
    private static final class Checker extends ClassVisitor {

        private final Map<String, LocalClass> locals;
        private final Set<Violation> found;
        private String className = "?";

        Checker(Map<String, LocalClass> locals, Set<Violation> found) {
            super(Opcodes.ASM9);
            this.locals = locals;
            this.found = found;
        }

        private void add(String member, String reason) {
            found.add(new Violation(dotted(className), member, reason));
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            className = name;
            if (superName != null) {
                type(superName);
                if (!locals.containsKey(superName) && !EXTENDABLE.contains(superName)) {
                    // a subclass of a platform class inherits (and may override) members no rule sees
                    add(dotted(superName), "extending this platform class is not allowed");
                }
            }
            for (String i : interfaces) {
                type(i);
            }
            classSignature(signature);
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String name, String desc, String signature) {
            descriptor(desc);
            typeSignature(signature);
            return null;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
            descriptor(desc);
            typeSignature(signature);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                         String[] exceptions) {
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                add(memberLabel(className, name, false), NATIVE);
            }
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                add("synchronized " + memberLabel(className, name, false), MONITORS);
            }
            descriptor(desc);
            classSignature(signature); // method signatures parse like class signatures
            if (exceptions != null) {
                for (String e : exceptions) {
                    type(e);
                }
            }
            return new Code();
        }

        // --- types ---------------------------------------------------------------------------------------------

        /** A type used as a type (not as a member's owner): an internal name or an array descriptor. */
        private void type(String nameOrArray) {
            if (nameOrArray.startsWith("[")) {
                type(Type.getType(nameOrArray));
                return;
            }
            if (locals.containsKey(nameOrArray) || VALUE_ONLY.contains(nameOrArray)) {
                return;
            }
            String reason = typeReason(nameOrArray);
            if (reason != null) {
                add(dotted(nameOrArray), reason);
            }
        }

        private void type(Type t) {
            Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
            if (element.getSort() == Type.OBJECT) {
                type(element.getInternalName());
            }
        }

        private void descriptor(String desc) {
            if (desc.startsWith("(")) {
                Type m = Type.getMethodType(desc);
                for (Type a : m.getArgumentTypes()) {
                    type(a);
                }
                type(m.getReturnType());
            } else {
                type(Type.getType(desc));
            }
        }

        private void classSignature(String signature) {
            if (signature != null) {
                new SignatureReader(signature).accept(new SignatureTypes());
            }
        }

        private void typeSignature(String signature) {
            if (signature != null) {
                new SignatureReader(signature).acceptType(new SignatureTypes());
            }
        }

        /** Every class type in a generic signature; nested types arrive as outer + inner simple name. */
        private final class SignatureTypes extends SignatureVisitor {
            private final Deque<String> open = new ArrayDeque<>();

            SignatureTypes() {
                super(Opcodes.ASM9);
            }

            @Override
            public void visitClassType(String name) {
                open.push(name);
                type(name);
            }

            @Override
            public void visitInnerClassType(String name) {
                String inner = open.pop() + "$" + name;
                open.push(inner);
                type(inner);
            }

            @Override
            public void visitEnd() {
                open.pop();
            }
        }

        // --- members -------------------------------------------------------------------------------------------

        private void member(String owner, String name, String desc, boolean field) {
            if (owner.startsWith("[")) {
                type(owner); // arrays: clone() and Object's members
                platformMember("java/lang/Object", name, desc, field);
            } else if (locals.containsKey(owner)) {
                for (String ancestor : inheritedFrom(owner, name + desc)) {
                    platformMember(ancestor, name, desc, field);
                }
            } else {
                platformMember(owner, name, desc, field);
            }
            descriptor(desc);
        }

        /**
         * The first platform types up the hierarchy of a checked class that could declare the member; none if a
         * checked class declares it.
         */
        private List<String> inheritedFrom(String owner, String key) {
            List<String> platform = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(owner));
            while (!todo.isEmpty()) {
                String c = todo.poll();
                if (!seen.add(c)) {
                    continue;
                }
                LocalClass local = locals.get(c);
                if (local == null) {
                    platform.add(c);
                    continue;
                }
                if (local.members().contains(key)) {
                    return List.of();
                }
                if (local.superName() != null) {
                    todo.add(local.superName());
                }
                todo.addAll(local.interfaces());
            }
            return platform;
        }

        private void platformMember(String owner, String name, String desc, boolean field) {
            String reason = null;
            for (MemberRule r : MEMBER_RULES) {
                if (r.matches(owner, name, desc)) {
                    reason = r.reason();
                    break;
                }
            }
            if (reason == null) {
                reason = typeReason(owner); // value-only types land here too: their members are denied
            }
            if (reason == null && MEMBER_ALLOW_LISTS.containsKey(owner)
                    && !MEMBER_ALLOW_LISTS.get(owner).contains(name)) {
                reason = NOT_ALLOWED;
            }
            if (reason != null) {
                add(memberLabel(owner, name, field), reason);
            }
        }

        private void handle(Handle h) {
            member(h.getOwner(), h.getName(), h.getDesc(), h.getTag() <= Opcodes.H_PUTSTATIC);
        }

        private void bootstrap(Handle bsm, Object[] args) {
            if (bsm.getTag() != Opcodes.H_INVOKESTATIC || !BOOTSTRAPS.contains(bsm.getOwner() + "." + bsm.getName())) {
                add(memberLabel(bsm.getOwner(), bsm.getName(), false), INVOKE);
            }
            // The bootstrap's own descriptor (Lookup, MethodType, ...) is the JDK's; its arguments are ours.
            for (Object arg : args) {
                constant(arg, false);
            }
        }

        private void constant(Object value, boolean ldc) {
            if (value instanceof Type t) {
                if (t.getSort() == Type.METHOD) {
                    if (ldc) {
                        add("java.lang.invoke.MethodType", INVOKE);
                    }
                    descriptor(t.getDescriptor());
                } else {
                    type(t);
                }
            } else if (value instanceof Handle h) {
                if (ldc) {
                    add("java.lang.invoke.MethodHandle", INVOKE);
                }
                handle(h);
            } else if (value instanceof ConstantDynamic c) {
                // javac emits no dynamic constants; none of the allowed bootstraps makes one.
                Handle bsm = c.getBootstrapMethod();
                add(memberLabel(bsm.getOwner(), bsm.getName(), false), INVOKE);
                descriptor(c.getDescriptor());
                for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                    constant(c.getBootstrapMethodArgument(i), false);
                }
            }
        }

        // --- code ----------------------------------------------------------------------------------------------

        private final class Code extends MethodVisitor {
            private final List<Object> code = new ArrayList<>(); // Insn or Label
            private final Map<Label, Integer> at = new HashMap<>();
            private final Map<Label, String> catchers = new HashMap<>(); // handler -> first deadline type caught

            Code() {
                super(Opcodes.ASM9);
            }

            private void insn(int opcode) {
                code.add(new Insn(opcode, -1, null, null));
            }

            @Override
            public void visitLabel(Label label) {
                at.put(label, code.size());
                code.add(label);
            }

            @Override
            public void visitInsn(int opcode) {
                insn(opcode);
                if (opcode == Opcodes.MONITORENTER) {
                    add("synchronized", MONITORS);
                }
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                insn(opcode);
            }

            @Override
            public void visitVarInsn(int opcode, int var) {
                code.add(new Insn(opcode, var, null, null));
            }

            @Override
            public void visitIincInsn(int var, int increment) {
                insn(Opcodes.IINC);
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                code.add(new Insn(opcode, -1, label, null));
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                insn(Opcodes.TABLESWITCH);
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                insn(Opcodes.LOOKUPSWITCH);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                insn(opcode);
                type(type);
            }

            @Override
            public void visitMultiANewArrayInsn(String desc, int dims) {
                insn(Opcodes.MULTIANEWARRAY);
                descriptor(desc);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                insn(opcode);
                member(owner, name, desc, true);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                code.add(new Insn(opcode, -1, null, owner + "." + name + desc));
                member(owner, name, desc, false);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
                insn(Opcodes.INVOKEDYNAMIC);
                descriptor(desc);
                bootstrap(bsm, args);
            }

            @Override
            public void visitLdcInsn(Object value) {
                insn(Opcodes.LDC);
                constant(value, true);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type == null) {
                    // finally: javac's catch-all rethrows, unless the finally block returns (which swallows)
                    catchers.putIfAbsent(handler, "finally");
                    return;
                }
                type(type);
                String simpleName = type.substring(type.lastIndexOf('/') + 1);
                if (DEADLINE_CATCHERS.contains(type) || simpleName.equals(CUTOFF_SIMPLE_NAME)) {
                    catchers.putIfAbsent(handler, type);
                }
            }

            @Override
            public void visitEnd() {
                catchers.forEach((handler, type) -> {
                    if ("finally".equals(type) ? !neverReturns(handler) : !rethrows(handler)) {
                        add("finally".equals(type) ? "finally" : "catch (" + dotted(type) + ")", CATCH);
                    }
                });
            }

            /**
             * Whether the handler ends, on every path, by throwing what it caught, directly or as a suppressed
             * exception of one it rethrows. That is javac's try-with-resources, which catches Throwable:
             * {@code astore t; [aload r; ifnull L;] aload r; invoke close; goto L; ... L: aload t; athrow}, and the
             * close handler {@code astore x; aload t; aload x; invokevirtual addSuppressed; aload t; athrow}.
             */
            private boolean rethrows(Label handler) {
                Integer start = at.get(handler);
                int first = start == null ? -1 : next(start);
                if (first < 0 || ((Insn) code.get(first)).opcode() != Opcodes.ASTORE) {
                    return false;
                }
                return rethrows(first + 1, Set.of(((Insn) code.get(first)).var()), new int[] {RETHROW_BUDGET});
            }

            /**
             * Whether no path from a catch-all handler (a finally block) returns normally: javac's finally ends by
             * rethrowing, while a {@code return}, {@code break} or {@code continue} in it swallows the exception
             * and sooner or later reaches a return. Switches are not followed: treated as returning.
             */
            private boolean neverReturns(Label handler) {
                java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
                Set<Integer> seen = new HashSet<>();
                todo.add(at.get(handler));
                while (!todo.isEmpty()) {
                    int pos = todo.poll();
                    while (pos < code.size() && seen.add(pos)) {
                        Object o = code.get(pos);
                        if (o instanceof Label) {
                            pos++;
                            continue;
                        }
                        Insn insn = (Insn) o;
                        int op = insn.opcode();
                        if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN || op == Opcodes.TABLESWITCH
                                || op == Opcodes.LOOKUPSWITCH) {
                            return false;
                        }
                        if (op == Opcodes.ATHROW) {
                            break;
                        }
                        if (insn.target() != null) {
                            todo.add(at.get(insn.target()));
                            if (op == Opcodes.GOTO) {
                                break;
                            }
                        }
                        pos++;
                    }
                }
                return true;
            }

            private boolean rethrows(int from, Set<Integer> carriers, int[] budget) {
                int pos = next(from);
                while (pos >= 0 && budget[0]-- > 0) {
                    Insn insn = (Insn) code.get(pos);
                    switch (insn.opcode()) {
                        case Opcodes.ALOAD -> {
                            int second = next(pos + 1);
                            Insn load2 = second < 0 ? null : (Insn) code.get(second);
                            if (load2 != null && load2.opcode() == Opcodes.ATHROW) {
                                return carriers.contains(insn.var());
                            }
                            int third = second < 0 ? -1 : next(second + 1);
                            if (load2 != null && load2.opcode() == Opcodes.ALOAD && carriers.contains(load2.var())
                                    && third >= 0 && "java/lang/Throwable.addSuppressed(Ljava/lang/Throwable;)V"
                                    .equals(((Insn) code.get(third)).method())) {
                                Set<Integer> more = new HashSet<>(carriers);
                                more.add(insn.var());
                                carriers = more;
                                pos = next(third + 1);
                            } else {
                                pos = next(pos + 1);
                            }
                        }
                        case Opcodes.IFNULL, Opcodes.IFNONNULL -> {
                            return rethrows(at.get(insn.target()), carriers, budget)
                                    && rethrows(pos + 1, carriers, budget);
                        }
                        case Opcodes.GOTO -> pos = next(at.get(insn.target()));
                        case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE, Opcodes.INVOKESTATIC,
                                Opcodes.INVOKESPECIAL, Opcodes.POP -> pos = next(pos + 1);
                        default -> {
                            return false;
                        }
                    }
                }
                return false;
            }

            /** The index of the first instruction at or after {@code from}, skipping labels; -1 at the end. */
            private int next(int from) {
                for (int i = from; i < code.size(); i++) {
                    if (code.get(i) instanceof Insn) {
                        return i;
                    }
                }
                return -1;
            }
        }
    }
}
