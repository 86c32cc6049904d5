package dev.autonomy.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What each {@code bundle/} jar was when its bundle was last installed or updated — size, modification time and
 * SHA-256, as {@code size,mtime,sha256} — kept in a small file in the framework's data area, so that a replaced jar is
 * noticed by its content, also when its modification time is older than the install (a jar copied with its time
 * kept, an older build put back). A jar whose size and time are as recorded is not read again (start-up stays fast).
 */
final class JarDigests {

    private final Path file;
    private final Map<String, String> digests = new TreeMap<>();

    private JarDigests(Path file) {
        this.file = file;
    }

    /** The index in {@code file}; empty if there is none yet (or it cannot be read: then every jar counts as new). */
    static JarDigests load(Path file) {
        JarDigests d = new JarDigests(file);
        if (file != null && Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
                p.stringPropertyNames().forEach(k -> d.digests.put(k, p.getProperty(k)));
            } catch (IOException | IllegalArgumentException e) {
                d.digests.clear(); // a damaged index: fall back to the modification times once
            }
        }
        return d;
    }

    /** The record of {@code location} ({@code size,mtime,sha256}), if any. */
    Optional<String> recorded(String location) {
        return Optional.ofNullable(digests.get(location));
    }

    void record(String location, String entry) {
        digests.put(location, entry);
    }

    /** A record: {@code size,mtime,sha256}. */
    static String entry(long size, long modified, String sha256) {
        return size + "," + modified + "," + sha256;
    }

    /** Whether {@code recorded} is of a jar with this size and modification time (then its content is as recorded). */
    static boolean sameFile(Optional<String> recorded, long size, long modified) {
        return recorded.map(r -> r.startsWith(size + "," + modified + ",")).orElse(false);
    }

    void retainOnly(java.util.Set<String> locations) {
        digests.keySet().retainAll(locations);
    }

    /**
     * Whether the jar must be installed again: its SHA-256 differs from the one recorded; without a record (an
     * installation of an earlier release), when the jar is newer than the bundle's last install or update.
     */
    static boolean changed(Optional<String> recorded, String sha256, long jarModified, long bundleModified) {
        return recorded.map(r -> !r.endsWith("," + sha256)).orElse(jarModified > bundleModified);
    }

    /** Writes the index (atomically: a crash leaves the old one or the new one). */
    void save() throws IOException {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        p.putAll(digests);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "SHA-256 of the bundle/ jars as last installed");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(Path jar) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
