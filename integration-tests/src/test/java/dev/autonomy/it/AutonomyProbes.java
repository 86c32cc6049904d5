package dev.autonomy.it;

import dev.autonomy.api.action.ActionExecutor;
import dev.autonomy.api.action.ExecutionResult;
import dev.autonomy.api.action.ProposedAction;
import dev.autonomy.api.governor.AutonomousCapability;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Test doubles and helpers for the governor's tests: an executor, a capability, the shell, a capability bundle. */
final class AutonomyProbes {

    private AutonomyProbes() {
    }

    /** An executor that records what it applied and rolled back. */
    static final class Executor implements ActionExecutor {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<String> rolledBack = new CopyOnWriteArrayList<>();

        @Override
        public ExecutionResult apply(ProposedAction action) {
            applied.add(action.id());
            return ExecutionResult.ok("applied " + action.kind() + " to " + action.target(), Map.of("previous", 1));
        }

        @Override
        public ExecutionResult rollback(ProposedAction action, ExecutionResult applied) {
            rolledBack.add(action.id());
            return ExecutionResult.ok("restored " + applied.effect().get("previous"), Map.of());
        }
    }

    /** A capability that counts halts and resumes. */
    static final class Capability implements AutonomousCapability {
        final String name;
        final AtomicInteger halts = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();

        Capability(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Map<String, Object> status() {
            return Map.of("halts", halts.get());
        }

        @Override
        public void halt() {
            halts.incrementAndGet();
        }

        @Override
        public void resume() {
            resumes.incrementAndGet();
        }
    }

    /** Waits for a service (it may come back after its bundle restarted) and returns it. */
    static <T> T service(BundleContext context, Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            if (s == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service within 10 s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /** Runs a Gogo command as an operator at the shell would, and returns what it printed or returned. */
    static String shell(BundleContext context, String command) throws Exception {
        CommandProcessor processor = service(context, CommandProcessor.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            Object result = session.execute(command);
            print.flush();
            return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
        } finally {
            session.close();
        }
    }

    /** A bundle with no code that declares a capability in its manifest, as a plugin bundle does. */
    static ByteArrayInputStream capabilityBundle(String symbolicName, String capability) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue(AutonomousCapability.BUNDLE_HEADER, capability);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.flush();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
