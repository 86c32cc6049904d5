package dev.autonomy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starting more JVMs like this one, and picking ports for them. */
final class Jvm {

    private Jvm() {
    }

    /** {@code java -cp <this classpath> main args...}, with the JVM running this code and its default options. */
    static List<String> command(Class<?> main, List<String> args) {
        return command(List.of(), main, args);
    }

    /** {@code java options... -cp <this classpath> main args...}. */
    static List<String> command(List<String> options, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /** A TCP port free on 127.0.0.1 right now. */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
