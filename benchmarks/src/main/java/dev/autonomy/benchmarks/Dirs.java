package dev.autonomy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Folder operations the JDK lacks. */
final class Dirs {

    private Dirs() {
    }

    /** Deletes {@code root} and everything below it, if it exists. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /**
     * Copies {@code from} to {@code to}, keeping file attributes (the launcher stays executable), leaving out the
     * top-level folders named in {@code skip}.
     */
    static void copyTree(Path from, Path to, Set<String> skip) {
        try (Stream<Path> files = Files.walk(from)) {
            List<Path> sources = files
                    .filter(p -> p.equals(from) || !skip.contains(from.relativize(p).getName(0).toString()))
                    .collect(Collectors.toList());
            for (Path source : sources) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }
}
