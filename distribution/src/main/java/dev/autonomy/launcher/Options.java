package dev.autonomy.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code bin/autonomy}.
 *
 * @param mode        how the container talks to the outside world
 * @param httpInStdio {@code --http}: keep HTTP on in stdio mode
 * @param data        {@code --data DIR}, else {@code $AUTONOMY_DATA}, else empty (meaning {@code <home>/data})
 * @param port        {@code --port N}: the HTTP port, overriding {@code conf/config.properties}
 * @param help        {@code --help}
 */
record Options(Mode mode, boolean httpInStdio, Optional<Path> data, Optional<Integer> port, boolean help) {

    /** How the container runs. */
    enum Mode {
        /** Gogo shell on the terminal, MCP over HTTP. */
        SHELL,
        /** MCP over HTTP, no shell. */
        HEADLESS,
        /** MCP over stdin/stdout, nothing else on stdout, no shell, HTTP only with {@code --http}. */
        STDIO
    }

    static final String USAGE = String.join("\n",
            "Usage: autonomy [--headless | --stdio [--http]] [--data DIR] [--port N]",
            "",
            "  (no option)   Gogo shell on this terminal, MCP over HTTP (http://127.0.0.1:8765/mcp)",
            "  --headless    MCP over HTTP only, no shell (for services and containers)",
            "  --stdio       MCP over stdin/stdout, for clients that launch their servers;",
            "                stdout carries nothing but the protocol; exits when stdin closes",
            "  --http        with --stdio: serve MCP over HTTP as well",
            "  --data DIR    state folder (default: <install>/data, or $AUTONOMY_DATA);",
            "                one process per data folder",
            "  --port N      HTTP port (default: org.osgi.service.http.port in conf/config.properties)",
            "  --help        this text",
            "",
            "Environment: AUTONOMY_DATA (data folder), JAVA_HOME, JAVA_OPTS (extra JVM options).",
            "");

    /**
     * Parses {@code args}; {@code env} supplies {@code AUTONOMY_DATA}.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad argument
     */
    static Options parse(List<String> args, Map<String, String> env) {
        boolean headless = false;
        boolean stdio = false;
        boolean http = false;
        boolean help = false;
        Optional<Path> data = Optional.ofNullable(env.get("AUTONOMY_DATA")).filter(s -> !s.isBlank()).map(Path::of);
        Optional<Integer> port = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--headless" -> headless = true;
                case "--stdio" -> stdio = true;
                case "--http" -> http = true;
                case "--help", "-h" -> help = true;
                case "--data" -> data = Optional.of(Path.of(value(args, ++i, arg)));
                case "--port" -> port = Optional.of(port(value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (headless && stdio) {
            throw new IllegalArgumentException("--headless and --stdio exclude each other");
        }
        if (http && !stdio) {
            throw new IllegalArgumentException("--http only goes with --stdio (HTTP is on in the other modes)");
        }
        Mode mode = stdio ? Mode.STDIO : headless ? Mode.HEADLESS : Mode.SHELL;
        return new Options(mode, http, data, port, help);
    }

    /** Whether the HTTP connector runs. */
    boolean httpEnabled() {
        return mode != Mode.STDIO || httpInStdio;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be 1..65535, was " + text);
    }
}
