package dev.autonomy.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP ports a process tree listens on, read from {@code /proc}: whatever a benchmark starts must listen on the
 * loopback interface only.
 */
final class ListeningSockets {

    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Prints a warning to stderr for every listening socket of {@code tree} that is not bound to loopback. */
    static void warnIfNotLoopback(String label, ProcessTree tree) {
        for (String address : notLoopback(tree)) {
            System.err.println("WARNING: " + label + " listens on " + address + ", not only on 127.0.0.1");
        }
    }

    static List<String> notLoopback(ProcessTree tree) {
        Set<String> inodes = new HashSet<>();
        for (ProcessHandle p : tree.members()) {
            inodes.addAll(socketInodes(p.pid()));
        }
        List<String> found = new ArrayList<>();
        found.addAll(scan(Path.of("/proc/net/tcp"), inodes));
        found.addAll(scan(Path.of("/proc/net/tcp6"), inodes));
        return found;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // not a socket any more
                }
            }
        } catch (IOException gone) {
            // the process exited
        }
        return inodes;
    }

    /** Lines: {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...}. */
    private static List<String> scan(Path table, Set<String> inodes) {
        List<String> found = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return found;
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[3].equals(TCP_LISTEN) && inodes.contains(f[9])) {
                String[] hostPort = f[1].split(":");
                if (!isLoopback(hostPort[0])) {
                    found.add(hostPort[0] + ":" + Integer.parseInt(hostPort[1], 16));
                }
            }
        }
        return found;
    }

    /**
     * Addresses in /proc are hex in host byte order per 32-bit word: 127.x.x.x is {@code ......7F}; ::1 is
     * {@code 00000000000000000000000001000000}; ::ffff:127.x.x.x ends in {@code 0000FFFF......7F}.
     */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }
}
