package dev.autonomy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the figures come from: its cores, and whether something else keeps them busy. */
final class Machine {

    private Machine() {
    }

    /** A note line when the 1-minute load average exceeds half the cores (figures then mean little). */
    static void printNoteIfBusy() {
        int cores = Runtime.getRuntime().availableProcessors();
        double load = loadAverage();
        if (load > cores / 2.0) {
            System.out.println(String.format(Locale.ROOT, "  note: the machine is busy (load average %.1f on %d"
                    + " cores) before the benchmark starts: expect noisy figures", load, cores));
        }
    }

    /** "load average 1.45, 2.60, 3.24 (1, 5, 15 min) on 2 cores", or "load average unknown". */
    static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + f[0] + ", " + f[1] + ", " + f[2] + " (1, 5, 15 min) on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
