package dev.autonomy.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The processes a benchmark started. Each is stopped with its descendants when the benchmark says so, and at the
 * latest when this JVM exits (normally, on SIGTERM or on Ctrl-C), so no server outlives its benchmark.
 */
final class Launched implements AutoCloseable {

    private final List<ProcessTree> running = new CopyOnWriteArrayList<>();
    private boolean closed;

    Launched() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-launched-processes"));
    }

    /** Starts a server: stdin from /dev/null, stdout and stderr appended to {@code log}. */
    ProcessTree start(List<String> command, Path workingDirectory, Path log) {
        return start(command, workingDirectory, log, false);
    }

    /**
     * Starts a process: stdin from /dev/null, stdout appended to {@code log}; stderr too, unless
     * {@code stderrToConsole} (progress messages).
     */
    synchronized ProcessTree start(List<String> command, Path workingDirectory, Path log, boolean stderrToConsole) {
        if (closed) {
            // the JVM is shutting down while the benchmark thread goes on: start nothing the hook would miss
            throw new IllegalStateException("shutting down");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workingDirectory);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (stderrToConsole) {
                builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            } else {
                builder.redirectErrorStream(true);
            }
            ProcessTree tree = ProcessTree.of(builder.start().toHandle());
            running.add(tree);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** A process whose stdin and stdout belong to the benchmark (a stdio server), with its tree. */
    record Piped(Process process, ProcessTree tree) {
    }

    /** Starts a process with stdin and stdout as pipes to this JVM, stderr appended to {@code log}. */
    synchronized Piped startPiped(List<String> command, Path workingDirectory, Path log) {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ProcessTree tree = ProcessTree.of(process.toHandle());
            running.add(tree);
            return new Piped(process, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Stops the process and its descendants (SIGTERM, then SIGKILL after a grace period) and waits for them. */
    ProcessTree.Stopped stop(ProcessTree tree) {
        running.remove(tree);
        return tree.stop();
    }

    /** Forgets a process that ended by itself. */
    void exited(ProcessTree tree) {
        running.remove(tree);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        running.forEach(this::stop);
    }
}
