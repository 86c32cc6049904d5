package dev.autonomy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Heap and class figures of another JVM, the way an operator reads them: {@code jcmd <pid> GC.run} for a full
 * collection, {@code jstat -gc} for the used heap (survivors + eden + old, after that collection) and metaspace,
 * {@code jstat -class} for the classes loaded now (loaded minus unloaded). The tools of the JDK running this code
 * are used, else those on the PATH.
 */
final class JvmStats {

    /** One reading. Sizes in KiB, as jstat prints them. */
    record Reading(double heapUsedKiB, double metaspaceUsedKiB, long classesLoaded, long classesUnloaded) {
        long classesNow() {
            return classesLoaded - classesUnloaded;
        }
    }

    private final long pid;

    JvmStats(long pid) {
        this.pid = pid;
    }

    /** Full GCs ({@code System.gc()} in the target: class unloading included), then a reading. */
    Reading afterFullGc(int collections) {
        for (int i = 0; i < collections; i++) {
            run(tool("jcmd"), Long.toString(pid), "GC.run");
        }
        Sleep.millis(500);
        List<String> gc = run(tool("jstat"), "-gc", Long.toString(pid));
        List<String> cls = run(tool("jstat"), "-class", Long.toString(pid));
        double heap = column(gc, "S0U") + column(gc, "S1U") + column(gc, "EU") + column(gc, "OU");
        return new Reading(heap, column(gc, "MU"), (long) column(cls, "Loaded"), (long) column(cls, "Unloaded"));
    }

    /** The value under {@code name} in jstat's two-line output (header, values). */
    private static double column(List<String> lines, String name) {
        List<String> rows = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                rows.add(l.trim());
            }
        }
        if (rows.size() < 2) {
            throw new IllegalStateException("unexpected jstat output: " + lines);
        }
        String[] header = rows.get(0).split("\\s+");
        String[] values = rows.get(rows.size() - 1).split("\\s+");
        for (int i = 0; i < header.length && i < values.length; i++) {
            if (header[i].equals(name)) {
                return Double.parseDouble(values[i].equals("-") ? "0" : values[i]);
            }
        }
        throw new IllegalStateException("no column " + name + " in jstat output: " + lines);
    }

    private static String tool(String name) {
        Path own = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(own) ? own.toString() : name;
    }

    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.trim());
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
