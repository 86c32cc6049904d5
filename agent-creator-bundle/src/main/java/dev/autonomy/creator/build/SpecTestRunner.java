package dev.autonomy.creator.build;

import dev.autonomy.creator.codegen.SpecTests;
import dev.autonomy.creator.pipeline.AgentCodeBase;
import dev.autonomy.creator.spec.SpecTest;
import dev.autonomy.foundation.api.agent.Agent;
import dev.autonomy.foundation.api.tool.ToolInvoker;
import dev.autonomy.foundation.api.tool.ToolResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an agent's own tests against its compiled (and woven) classes, loaded in a throwaway class loader that
 * sees only the JDK and what {@code apiLoader} sees. The agent is built through the creator's component template,
 * exactly as the bundle will build it, so activation failures and time limits show here first.
 */
public final class SpecTestRunner {

    private SpecTestRunner() {
    }

    /** The failures, one line each; empty when every test passed. */
    public static List<String> run(AgentCodeBase code, Map<String, byte[]> classes, ClassLoader apiLoader,
                                   ToolInvoker tools, long timeoutMs) {
        MemoryClassLoader loader = new MemoryClassLoader(classes, apiLoader);
        Agent agent;
        try {
            agent = (Agent) loader.loadClass(code.componentName()).getConstructor(ToolInvoker.class)
                    .newInstance(tools);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return List.of("activation failed: " + describe(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return List.of("activation failed: " + describe(e));
        }
        List<String> failures = new ArrayList<>();
        for (SpecTest test : code.tests()) {
            Optional<String> failure = runOne(agent, test, timeoutMs);
            failure.ifPresent(failures::add);
        }
        return failures;
    }

    /** Runs one test against an agent (also used to probe the live service). */
    public static Optional<String> runOne(Agent agent, SpecTest test, long timeoutMs) {
        ToolResult result;
        try {
            result = agent.call(test.capability(), test.input(), TestCall.of(test, timeoutMs));
        } catch (Throwable t) { // generated code: any failure, including its time limit, fails the test
            if ("Cutoff".equals(t.getClass().getSimpleName())) { // a time limit fails even an error-expecting test
                return Optional.of("test '" + test.name() + "': the agent ran past its time limit of " + timeoutMs
                        + " ms (a loop that does not end?)");
            }
            if (test.expectError()) {
                return Optional.empty();
            }
            return Optional.of("test '" + test.name() + "': " + describe(t));
        }
        if (result == null) {
            return Optional.of("test '" + test.name() + "': the agent returned no result");
        }
        return SpecTests.failure(test, result);
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        String name = t.getClass().getSimpleName();
        if (t instanceof StackOverflowError) {
            return "stack overflow (unbounded recursion?)";
        }
        if (t.getClass().getClassLoader() instanceof MemoryClassLoader && !"Cutoff".equals(name)) {
            return name; // the agent's own exception: its getMessage() is agent code, never run outside a guard
        }
        String message;
        try {
            message = t.getMessage(); // a platform exception's message may still embed agent text: keep it short
        } catch (RuntimeException | Error e) {
            return name;
        }
        if (message == null) {
            return name;
        }
        return name + ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    /** Defines the generated classes; everything else comes from the parent. */
    static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name.replace('.', '/'));
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
