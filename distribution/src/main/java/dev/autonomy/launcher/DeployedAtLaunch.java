package dev.autonomy.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What {@code deploy/} holds when the launcher starts: the symbolic names of its bundles. FileInstall installs them
 * on its own thread, after the framework has started; the foundation waits for them before it answers clients
 * (framework properties {@value #DEPLOYED_PROPERTY} and {@value #TIME_PROPERTY}).
 */
final class DeployedAtLaunch {

    /** Framework property: symbolic names of the bundles in {@code deploy/} at launch, comma-separated. */
    static final String DEPLOYED_PROPERTY = "dev.autonomy.launch.deployed";
    /** Framework property: when the launcher started the framework (epoch milliseconds). */
    static final String TIME_PROPERTY = "dev.autonomy.launch.time";

    private DeployedAtLaunch() {
    }

    /** The symbolic names of the bundle jars in {@code dir}; files that are no bundle (or unreadable) are left out. */
    static Set<String> symbolicNames(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Manifest m = file.getManifest();
                    if (m != null) {
                        symbolicName(m.getMainAttributes().getValue("Bundle-SymbolicName")).ifPresent(names::add);
                    }
                } catch (IOException notAJar) {
                    // FileInstall will not install it either
                }
            }
        }
        return names;
    }

    /** The name in a {@code Bundle-SymbolicName} header, without its directives ({@code ;singleton:=true}). */
    static Optional<String> symbolicName(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int semicolon = header.indexOf(';');
        String name = (semicolon >= 0 ? header.substring(0, semicolon) : header).trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
