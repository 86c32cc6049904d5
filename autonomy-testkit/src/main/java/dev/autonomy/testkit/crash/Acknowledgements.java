package dev.autonomy.testkit.crash;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The kill -9 harness of "acknowledged means durable" tests.
 *
 * <p>A child JVM runs a {@code main} class on this JVM's class path. It writes to the store under test forever and,
 * each time the store acknowledges a write, prints the write's number on a line of its standard output (flushed
 * after the acknowledgement, never before). {@link #untilKilled} reads those numbers, kills the child with SIGKILL
 * once at least {@code atLeast} were read, and then reads what the child printed before it died too: those,
 * acknowledged in the last moment, are the ones most at risk. A line the kill cut short is not an acknowledgement and
 * is left out. The test then opens the store again and checks that every number answered is in it.
 *
 * <pre>{@code
 * List<Long> acknowledged = Acknowledgements.untilKilled(MyStoreChild.class, 1000, storeDir.toString());
 * try (MyStore store = MyStore.open(storeDir)) {
 *     assertThat(store.sequences()).containsAll(acknowledged);
 * }
 * }</pre>
 */
public final class Acknowledgements {

    private static final long DEATH_LIMIT_SECONDS = 30;

    private Acknowledgements() {
    }

    /**
     * The numbers {@code main} printed, in order, until it was killed after at least {@code atLeast} of them.
     *
     * @throws IllegalStateException the child ended by itself (before {@code atLeast} numbers or before the kill),
     *                               printed a line that is not a number, or did not die; the message carries its
     *                               standard error
     */
    public static List<Long> untilKilled(Class<?> main, int atLeast, String... args)
            throws IOException, InterruptedException {
        if (atLeast < 1) {
            throw new IllegalArgumentException("atLeast must be 1 or more, was " + atLeast);
        }
        Path errors = Files.createTempFile("crash-child-", ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try (InputStream out = new BufferedInputStream(child.getInputStream())) {
            List<Long> acknowledged = new ArrayList<>();
            while (acknowledged.size() < atLeast) {
                Optional<String> line = nextLine(out);
                if (line.isEmpty()) {
                    throw failure("the child ended after " + acknowledged.size() + " acknowledgements", errors);
                }
                acknowledged.add(number(line.get(), errors));
            }
            // SIGKILL through the handle: Process.destroyForcibly() sends the same signal but also closes our end
            // of the pipe, and what was printed just before the kill must still be read.
            boolean killed = child.toHandle().destroyForcibly();
            if (!child.waitFor(DEATH_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw failure("the child did not die within " + DEATH_LIMIT_SECONDS + " s of SIGKILL", errors);
            }
            if (!killed || child.exitValue() == 0) {
                throw failure("the child ended by itself before the kill, with status " + child.exitValue(), errors);
            }
            for (Optional<String> line = nextLine(out); line.isPresent(); line = nextLine(out)) {
                acknowledged.add(number(line.get(), errors));
            }
            return List.copyOf(acknowledged);
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(errors);
        }
    }

    /** The next line ended by {@code \n}, without it; empty at the end, also when a last line was cut short. */
    static Optional<String> nextLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return Optional.of(line.toString());
            }
            line.append((char) b);
        }
        return Optional.empty();
    }

    private static long number(String line, Path errors) throws IOException {
        try {
            return Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
            throw failure("the child printed '" + line + "', not an acknowledged number", errors);
        }
    }

    private static IllegalStateException failure(String what, Path errors) throws IOException {
        return new IllegalStateException(what + "; its standard error:\n"
                + new String(Files.readAllBytes(errors), StandardCharsets.UTF_8));
    }
}
