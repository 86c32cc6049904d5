package dev.autonomy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A process with its descendants: the unit the benchmarks measure (CPU time) and stop (a launcher script and the
 * JVM it starts are one server).
 */
final class ProcessTree {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final ProcessHandle root;
    private final boolean includeRoot;

    private ProcessTree(ProcessHandle root, boolean includeRoot) {
        this.root = root;
        this.includeRoot = includeRoot;
    }

    /** The process and everything it started. */
    static ProcessTree of(ProcessHandle root) {
        return new ProcessTree(root, true);
    }

    /** Only what this JVM started (a stdio server is the child of its client). */
    static ProcessTree childrenOfThisJvm() {
        return new ProcessTree(ProcessHandle.current(), false);
    }

    /** The processes of the tree now alive. Collect them before stopping anything: orphans leave the tree. */
    List<ProcessHandle> members() {
        List<ProcessHandle> all = new ArrayList<>();
        if (includeRoot && root.isAlive()) {
            all.add(root);
        }
        root.descendants().forEach(all::add);
        return all;
    }

    /** User plus system CPU time of the tree's live processes, from {@code /proc/<pid>/stat}. */
    Duration cpuTime() {
        return cpuTimeOf(members().stream());
    }

    /** CPU time of this JVM alone (the load generator's own cost). */
    static Duration cpuTimeOfThisJvm() {
        return cpuTimeOf(Stream.of(ProcessHandle.current()));
    }

    private static Duration cpuTimeOf(Stream<ProcessHandle> processes) {
        long ticks = processes.mapToLong(p -> ticks(p.pid())).sum();
        return Duration.ofNanos(ticks * TimeUnit.SECONDS.toNanos(1) / ClockTicks.PER_SECOND);
    }

    /** utime + stime (fields 14 and 15) of {@code /proc/<pid>/stat}; 0 when the process is gone. */
    private static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return 0;
        }
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Stops the tree: SIGTERM to every member, then SIGKILL to those still alive after a grace period.
     *
     * @return how long the members took to exit after SIGTERM, and whether any had to be killed
     */
    Stopped stop() {
        List<ProcessHandle> members = members();
        long start = System.nanoTime();
        members.forEach(ProcessHandle::destroy);
        long deadline = start + GRACE.toNanos();
        for (ProcessHandle p : members) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still alive: killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<ProcessHandle> survivors = members.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
        survivors.forEach(ProcessHandle::destroyForcibly);
        return new Stopped(took, !survivors.isEmpty());
    }

    /** The outcome of {@link #stop()}. */
    record Stopped(Duration took, boolean killed) {
    }

    boolean isAlive() {
        return root.isAlive();
    }

    /** Waits for the root process to exit; false on timeout. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        try {
            root.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return root.pid();
    }

    /** Clock ticks per second of {@code /proc} CPU times ({@code getconf CLK_TCK}; 100 on Linux in practice). */
    private static final class ClockTicks {
        static final long PER_SECOND = read();

        private static long read() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                return p.waitFor() == 0 ? Long.parseLong(out) : 100;
            } catch (IOException | NumberFormatException e) {
                return 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 100;
            }
        }
    }
}
