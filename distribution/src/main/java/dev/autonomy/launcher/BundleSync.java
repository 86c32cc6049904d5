package dev.autonomy.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes the framework's installed bundles match the jars in {@code bundle/}, like Karaf does with its cache kept
 * across restarts: a jar is installed under the location {@code autonomy:bundle/<file name>}; a bundle whose jar's
 * content changed since its last install or update ({@link JarDigests}) is updated; a bundle whose jar is gone is
 * uninstalled. The location names no
 * absolute path, so an installation copied or moved together with its data folder still starts. Bundles installed from elsewhere (FileInstall's
 * {@code deploy/}, the shell) are left alone.
 *
 * <p>Then every non-fragment bundle gets its start level. A bundle installed by this sync is marked for start (so a
 * fresh installation comes up all Active); a bundle already in the cache keeps the start flag it has, so that one the
 * operator stopped ({@code autonomy:stop}, {@code stop} in the shell) stays stopped after a restart. Bundles in
 * {@code skip} are marked stopped (persistently, since the cache keeps the flag, so that the next launch in another
 * mode decides again). The framework starts the marked bundles level by level when it starts.
 */
final class BundleSync {

    private final BundleContext context;
    private final Path bundleDir;
    private final Map<String, Integer> startLevels;
    private final int defaultStartLevel;
    private final Set<Bundle> installed = new HashSet<>();

    /** What to do with a bundle's start flag at launch. */
    enum StartAction { START, STOP, KEEP, NONE }

    /**
     * The start decision: fragments are never started; bundles in {@code skip} are marked stopped; bundles new in
     * this sync are marked for start; any other bundle keeps its persisted flag (an operator may have stopped it).
     */
    static StartAction startAction(boolean fragment, boolean skipped, boolean newlyInstalled) {
        if (fragment) {
            return StartAction.NONE;
        }
        if (skipped) {
            return StartAction.STOP;
        }
        return newlyInstalled ? StartAction.START : StartAction.KEEP;
    }

    BundleSync(BundleContext context, Path bundleDir, Map<String, Integer> startLevels, int defaultStartLevel) {
        this.context = context;
        this.bundleDir = bundleDir;
        this.startLevels = startLevels;
        this.defaultStartLevel = defaultStartLevel;
    }

    /** Installs, updates and uninstalls; returns the bundles of {@code bundle/}, in file-name order. */
    List<Bundle> sync() throws IOException, BundleException {
        java.io.File area = context.getDataFile(DIGESTS);
        JarDigests digests = JarDigests.load(area == null ? null : area.toPath());
        Map<String, Path> jars = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(bundleDir, "*.jar")) {
            for (Path jar : dir) {
                jars.put(location(jar), jar);
            }
        }
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && b.getLocation().startsWith(LOCATION_PREFIX) && !jars.containsKey(b.getLocation())) {
                b.uninstall();
            }
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Map.Entry<String, Path> e : jars.entrySet()) {
            Bundle b = context.getBundle(e.getKey());
            Path jar = e.getValue();
            long size = Files.size(jar);
            long modified = Files.getLastModifiedTime(jar).toMillis();
            Optional<String> recorded = digests.recorded(e.getKey());
            if (b == null || !JarDigests.sameFile(recorded, size, modified)) { // else: as installed, not read again
                String sha = JarDigests.sha256(jar);
                if (b == null) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        b = context.installBundle(e.getKey(), in);
                    }
                    installed.add(b);
                } else if (JarDigests.changed(recorded, sha, modified, b.getLastModified())) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        b.update(in);
                    }
                }
                digests.record(e.getKey(), JarDigests.entry(size, modified, sha));
            }
            bundles.add(b);
        }
        digests.retainOnly(jars.keySet());
        digests.save();
        return bundles;
    }

    /**
     * Sets each bundle's start level and its start flag ({@link #startAction}): new bundles are marked started,
     * bundles in {@code skip} stopped, the others keep theirs.
     */
    void markForStart(List<Bundle> bundles, Set<String> skip) throws BundleException {
        for (Bundle b : bundles) {
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            StartAction action = startAction(fragment, skip.contains(b.getSymbolicName()), installed.contains(b));
            if (action == StartAction.NONE) {
                continue; // fragments attach to their host and are never started
            }
            b.adapt(BundleStartLevel.class)
                    .setStartLevel(startLevels.getOrDefault(b.getSymbolicName(), defaultStartLevel));
            if (action == StartAction.STOP) {
                b.stop();
            } else if (action == StartAction.START) {
                b.start();
            }
        }
    }

    static final String LOCATION_PREFIX = "autonomy:bundle/";
    /** The digest index, in the system bundle's data area (inside the framework cache under {@code data/}). */
    static final String DIGESTS = "bundle-digests.properties";

    static String location(Path jar) {
        return LOCATION_PREFIX + jar.getFileName();
    }
}
