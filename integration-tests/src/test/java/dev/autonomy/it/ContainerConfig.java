package dev.autonomy.it;

import org.ops4j.pax.exam.Option;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
 * The container of the Pax Exam tests: Felix with exactly the bundles the distribution ships (its {@code bundle/}
 * folder), HTTP on a free loopback port, no interactive shell.
 */
final class ContainerConfig {

    private ContainerConfig() {
    }

    static Path home() {
        String home = System.getProperty("autonomy.home", "../distribution/target/autonomy");
        return Path.of(home).toAbsolutePath().normalize();
    }

    static File exampleJar() {
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

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options for a container with the distribution's bundles plus {@code extra}. */
    static Option[] options(Option... extra) {
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
    static Option[] optionsWithOwnData(String name, Option... extra) {
        try {
            String data = Files.createDirectories(home().resolve("../it-data/" + name + "-" + System.nanoTime()))
                    .toString();
            Option[] all = Arrays.copyOf(extra, extra.length + 1);
            all[extra.length] = frameworkProperty("autonomy.data").value(data);
            return options(all);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
