package dev.autonomy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

    /**
     * {@code jcmd <pid> GC.class_histogram} (a full GC first: live objects only), kept in {@code file}; bytes by
     * class name.
     */
    Map<String, Long> histogram(Path file) {
        List<String> lines = run(tool("jcmd"), Long.toString(pid), "GC.class_histogram");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        Map<String, Long> bytes = new HashMap<>();
        for (String line : lines) {
            // "   1:         12345        678901  java.lang.String (java.base@17)"
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
            }
        }
        return bytes;
    }

    /** The {@code top} classes whose live bytes grew most from {@code before} to {@code after}, as text. */
    static String grewMost(Map<String, Long> before, Map<String, Long> after, int top) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> e.getKey() + String.format(Locale.ROOT, " +%.0f KiB", e.getValue() / 1024.0))
                .collect(Collectors.joining(", "));
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
