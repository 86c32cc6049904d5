package dev.autonomy.testkit.container;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The Gogo shell, as an operator at the console uses it. */
public final class Shell {

    private Shell() {
    }

    /** Runs a command and returns what it printed and returned; a failing command throws. */
    public static String run(BundleContext context, String command) throws Exception {
        CommandProcessor processor = Services.service(context, CommandProcessor.class);
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

    /** As {@link #run}, a failing command being a test failure naming it. */
    public static String call(BundleContext context, String command) {
        try {
            return run(context, command);
        } catch (Exception e) {
            throw new AssertionError(command + ": " + e, e);
        }
    }
}
