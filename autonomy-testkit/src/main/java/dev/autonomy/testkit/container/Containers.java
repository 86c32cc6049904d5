package dev.autonomy.testkit.container;

import org.ops4j.pax.exam.Option;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

/**
 * The Pax Exam container (host side): Felix with exactly the bundles the built distribution ships (its
 * {@code bundle/} folder, found through the system property {@code autonomy.home}), plus this kit, HTTP on a free
 * loopback port, no interactive shell.
 */
public final class Containers {

    private Containers() {
    }

    /** The built distribution: {@code autonomy.home}, by default {@code ../distribution/target/autonomy}. */
    public static Path home() {
        String home = System.getProperty("autonomy.home", "../distribution/target/autonomy");
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** The built {@code examples/text-tools-bundle} jar (its folder through {@code examples.dir}). */
    public static File exampleJar() {
        Path dir = Path.of(System.getProperty("examples.dir", "../examples")).resolve("text-tools-bundle/target");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("text-tools-bundle-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("build examples/text-tools-bundle first"))
                    .toFile();
        } catch (IOException e) {
            throw new IllegalStateException("build examples/text-tools-bundle first", e);
        }
    }

    /** The one jar named {@code <name>-*.jar} in the distribution's {@code examples/}. */
    public static File example(String name) {
        File[] jars = home().resolve("examples").toFile()
                .listFiles((d, n) -> n.startsWith(name + "-") && n.endsWith(".jar"));
        if (jars == null || jars.length != 1) {
            throw new IllegalStateException("the distribution ships no single " + name + " in "
                    + home().resolve("examples") + ": " + (jars == null ? "none" : Arrays.toString(jars)));
        }
        return jars[0];
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This kit as a bundle: its jar, or its classes folder (with the manifest bnd wrote) by reference. */
    public static Option kitBundle() {
        try {
            Path where = Path.of(Containers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(where) ? bundle("reference:" + where.toUri()) : bundle(where.toUri().toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options for a container with the distribution's bundles, this kit, plus {@code extra}. */
    public static Option[] options(Option... extra) {
        List<Option> options = new ArrayList<>();
        Path bundles = home().resolve("bundle");
        File[] jars = bundles.toFile().listFiles((d, n) -> n.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No bundles in " + bundles + ": build the distribution first");
        }
        Arrays.sort(jars, Comparator.comparing(File::getName));
        for (File jar : jars) {
            // The console shell is not wanted in tests; the Gogo runtime stays for command tests.
            if (jar.getName().contains("gogo.jline") || jar.getName().startsWith("jline")) {
                continue;
            }
            options.add(bundle(jar.toURI().toString()));
        }
        options.add(kitBundle());
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(frameworkProperty("org.osgi.service.http.port").value(String.valueOf(freePort())));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("gosh.args").value("--nointeractive"));
        options.add(systemProperty("logback.configurationFile").value(home().resolve("etc/logback.xml").toString()));
        options.add(systemProperty("autonomy.data").value(home().resolve("../it-data").normalize().toString()));
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }

    /** As {@link #options}, with a data folder of its own: the journal and the governor's state start empty. */
    public static Option[] optionsWithOwnData(String name, Option... extra) {
        try {
            String data = Files.createDirectories(home().resolve("../it-data/" + name + "-" + System.nanoTime()))
                    .toString();
            Option[] all = Arrays.copyOf(extra, extra.length + 1);
            all[extra.length] = frameworkProperty("autonomy.data").value(data);
            return options(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
