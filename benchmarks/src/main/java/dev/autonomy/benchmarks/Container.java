package dev.autonomy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private copy of the built distribution, installed under the benchmarks' work folder: the benchmarks fill its
 * {@code deploy/} and give it their own data folder and HTTP port, so the distribution a user runs from
 * {@code distribution/target/autonomy} is never touched and may even run at the same time.
 */
final class Container {

    static final String TOOL_BUNDLE = "text-tools-bundle";

    private final Path home;

    private Container(Path home) {
        this.home = home;
    }

    /** Copies the distribution to {@code into} (replacing an earlier copy); empty when it is not built. */
    static Optional<Container> install(Path distribution, Path into) {
        if (!Files.isExecutable(distribution.resolve("bin/autonomy"))) {
            return Optional.empty();
        }
        Dirs.deleteTree(into);
        // not the state of whoever ran the distribution in place: the benchmarks give every run its data folder
        Dirs.copyTree(distribution, into, Set.of("data"));
        return Optional.of(new Container(into));
    }

    /** {@code bin/autonomy --headless}: MCP over HTTP on 127.0.0.1:{@code port}. */
    List<String> headless(Path data, int port) {
        return List.of(launcher(), "--headless", "--data", data.toString(), "--port", Integer.toString(port));
    }

    /** {@code bin/autonomy --stdio}: MCP over stdin/stdout, no HTTP. */
    List<String> stdio(Path data) {
        return List.of(launcher(), "--stdio", "--data", data.toString());
    }

    static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    Path home() {
        return home;
    }

    /** The example tool bundle shipped in {@code examples/}. */
    Optional<Path> toolBundle() {
        return examples("glob:" + TOOL_BUNDLE + "-*.jar").stream().findFirst();
    }

    /** Jars of {@code examples/} whose file name matches {@code glob}. */
    List<Path> examples(String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher(glob.startsWith("glob:") ? glob : "glob:" + glob);
        Path examples = home.resolve("examples");
        if (!Files.isDirectory(examples)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(examples)) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops a jar into {@code deploy/} the way a careful user does: copied next to it first, then renamed, so
     * FileInstall never sees half a file.
     */
    void deploy(Path jar) {
        Path staging = home.resolve("deploy-staging");
        try {
            Files.createDirectories(staging);
            Path staged = Files.copy(jar, staging.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, deployed(jar), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deploy " + jar, e);
        }
    }

    void undeploy(Path jar) {
        try {
            Files.deleteIfExists(deployed(jar));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot undeploy " + jar, e);
        }
    }

    /** Empties {@code deploy/} of jars. */
    void clearDeploy() {
        try (Stream<Path> files = Files.list(Files.createDirectories(home.resolve("deploy")))) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).collect(Collectors.toList())) {
                Files.delete(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes from {@code bundle/} the jars whose file name starts with one of {@code names} and a dash. */
    void removeBundles(List<String> names) {
        try (Stream<Path> files = Files.list(home.resolve("bundle"))) {
            for (Path jar : files.filter(f -> names.stream().anyMatch(n -> f.getFileName().toString()
                    .startsWith(n + "-"))).collect(Collectors.toList())) {
                Files.delete(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path deployed(Path jar) {
        return home.resolve("deploy").resolve(jar.getFileName());
    }

    private String launcher() {
        return home.resolve("bin/autonomy").toString();
    }
}
