package dev.autonomy.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Starts the autonomy container: Apache Felix with the bundles of {@code bundle/}, configured by
 * {@code conf/config.properties}, with its state in the data folder. Run by {@code bin/autonomy}, which sets the
 * system property {@code autonomy.home} to the installation folder.
 *
 * <p>Exit codes: 0 when the framework stopped normally, 1 when it failed, 2 when the data folder is in use,
 * 64 for a bad command line.
 */
public final class Main {

    /** Framework property: true in {@code --stdio} mode; the foundation then serves MCP over stdin/stdout. */
    static final String STDIO_PROPERTY = "dev.autonomy.mcp.stdio";
    /** Felix HTTP (Jetty) property: false keeps the HTTP connector closed. */
    static final String HTTP_ENABLE_PROPERTY = "org.apache.felix.http.enable";
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    /** Gogo JLine reads its shell options here; {@code --nointeractive} runs no console. */
    static final String GOSH_ARGS_PROPERTY = "gosh.args";
    /** The bundle that puts the Gogo shell on the terminal; the launcher starts it in shell mode only. */
    static final String GOGO_CONSOLE_BUNDLE = "org.apache.felix.gogo.jline";
    /** JLine, whose class loader must be the context class loader when the console starts. */
    static final String JLINE_BUNDLE = "org.jline";
    /** Launcher property: start level of bundles in {@code bundle/} that {@code conf/startup.properties} omits. */
    static final String DEFAULT_START_LEVEL_PROPERTY = "autonomy.startlevel.bundle";
    /** How long a SIGTERM waits for bundles to stop, so that calls in flight can finish. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_IN_USE = 2;
    static final int EXIT_USAGE = 64;

    private volatile Framework framework;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new Main().run(args));
    }

    private int run(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("autonomy: " + e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return EXIT_OK;
        }
        if (options.mode() == Options.Mode.STDIO) {
            // stdout belongs to the MCP stream (the foundation writes to FileDescriptor.out): everything that
            // prints to System.out (Felix, bundles, console loggers) goes to stderr from here on.
            System.setOut(System.err);
        }
        try {
            return launch(options);
        } catch (IOException | BundleException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("autonomy: cannot start: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILED;
        }
    }

    private int launch(Options options) throws IOException, BundleException, InterruptedException {
        Path home = home();
        Path data = options.data().orElse(home.resolve("data")).toAbsolutePath().normalize();
        Files.createDirectories(data.resolve("log"));
        Path lockFile = data.resolve(".lock");
        Optional<DataLock> lock = DataLock.tryAcquire(lockFile);
        if (lock.isEmpty()) {
            System.err.println("autonomy: data folder " + data + " is in use by another process (pid "
                    + DataLock.owner(lockFile) + "); pick another with --data DIR");
            return EXIT_IN_USE;
        }
        // Logback reads its configuration file and ${autonomy.data} from system properties.
        System.setProperty("autonomy.home", home.toString());
        System.setProperty("autonomy.data", data.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", home.resolve("etc/logback.xml").toString());
        }
        // java.util.logging (SPI Fly, JLine): warnings only, on stderr.
        if (System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.config.file", home.resolve("conf/logging.properties").toString());
        }

        Map<String, String> props = FrameworkConfig.load(home.resolve("conf/config.properties"),
                Map.of("autonomy.home", home.toString(), "autonomy.data", data.toString()));
        applyMode(options, props);
        // What deploy/ holds now is "present at launch": the foundation answers clients once these are up too.
        props.put(DeployedAtLaunch.DEPLOYED_PROPERTY,
                String.join(",", DeployedAtLaunch.symbolicNames(home.resolve("deploy"))));
        Map<String, Integer> startLevels = startLevels(home.resolve("conf/startup.properties"));
        int defaultLevel = Integer.parseInt(props.getOrDefault(DEFAULT_START_LEVEL_PROPERTY, "30"));

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(lock.get()), "autonomy-shutdown"));
        FrameworkEvent stopped;
        do {
            props.put(DeployedAtLaunch.TIME_PROPERTY, Long.toString(System.currentTimeMillis()));
            Framework fw = factory.newFramework(props);
            fw.init();
            BundleSync sync = new BundleSync(fw.getBundleContext(), home.resolve("bundle"), startLevels, defaultLevel);
            List<Bundle> bundles = sync.sync();
            sync.markForStart(bundles, Set.of(GOGO_CONSOLE_BUNDLE));
            framework = fw;
            fw.start(); // returns once the beginning start level is reached: every bundle has been started
            if (options.mode() == Options.Mode.SHELL) {
                startConsole(bundles);
            } else {
                System.err.println("autonomy: started in " + sinceProcessStart() + " ms ("
                        + options.mode().name().toLowerCase() + ", data " + data + ")");
            }
            stopped = fw.waitForStop(0);
        } while (stopped.getType() == FrameworkEvent.STOPPED_UPDATE); // the system bundle was updated: restart
        if (stopped.getType() == FrameworkEvent.ERROR) {
            System.err.println("autonomy: the framework stopped with an error: " + stopped.getThrowable());
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    /** Sets the mode's framework properties. */
    private static void applyMode(Options options, Map<String, String> props) {
        options.port().ifPresent(port -> props.put(HTTP_PORT_PROPERTY, Integer.toString(port)));
        if (!options.httpEnabled()) {
            props.put(HTTP_ENABLE_PROPERTY, "false");
        }
        if (options.mode() == Options.Mode.STDIO) {
            props.put(STDIO_PROPERTY, "true");
        }
        if (options.mode() != Options.Mode.SHELL) {
            // No console (the launcher does not start Gogo JLine in these modes, see startConsole); should
            // someone start it from a remote shell, it must not take over this process's terminal either.
            props.put(GOSH_ARGS_PROPERTY, "--nointeractive");
        }
    }

    /**
     * Starts the Gogo console, once everything else has started, so that its prompt comes last. Only in shell mode:
     * without a console Gogo JLine would still open the system terminal (taking stdin and Ctrl-C) and fail in its
     * login profile; Gogo's runtime and commands run in every mode, so commands stay callable as services.
     *
     * <p>JLine finds its terminal providers through the thread context class loader, which inside OSGi sees
     * nothing of JLine: without this, the shell falls back to a "dumb" terminal (no line editing, no completion).
     * So the console starts (transiently: the launcher decides again at every launch) on this thread with the
     * JLine bundle's class loader as context class loader; the shell thread it creates inherits it.
     */
    private static void startConsole(List<Bundle> bundles) throws BundleException {
        Optional<Bundle> console = bySymbolicName(bundles, GOGO_CONSOLE_BUNDLE);
        if (console.isEmpty()) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        bySymbolicName(bundles, JLINE_BUNDLE)
                .map(b -> b.adapt(BundleWiring.class))
                .map(BundleWiring::getClassLoader)
                .ifPresent(thread::setContextClassLoader);
        try {
            console.get().start(Bundle.START_TRANSIENT);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Optional<Bundle> bySymbolicName(List<Bundle> bundles, String bsn) {
        return bundles.stream().filter(b -> bsn.equals(b.getSymbolicName())).findFirst();
    }

    /** On SIGTERM/SIGINT (and on exit): stop the framework and give bundles time to drain calls in flight. */
    private void stopGracefully(DataLock lock) {
        Framework fw = framework;
        try {
            if (fw != null) {
                if ((fw.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                    fw.stop();
                }
                FrameworkEvent e = fw.waitForStop(STOP_TIMEOUT.toMillis());
                if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    System.err.println("autonomy: bundles did not stop within " + STOP_TIMEOUT.toSeconds()
                            + " s; exiting anyway");
                }
            }
        } catch (BundleException | InterruptedException e) {
            System.err.println("autonomy: stopping failed: " + e.getMessage());
        } finally {
            lock.close();
        }
    }

    /** {@code conf/startup.properties}: bundle symbolic name = start level. */
    private static Map<String, Integer> startLevels(Path file) throws IOException {
        Map<String, Integer> levels = new HashMap<>();
        if (!Files.exists(file)) {
            return levels;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        for (String bsn : p.stringPropertyNames()) {
            try {
                levels.put(bsn, Integer.parseInt(p.getProperty(bsn).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": start level of " + bsn + " must be a number, was "
                        + p.getProperty(bsn));
            }
        }
        return levels;
    }

    /** The installation folder: {@code -Dautonomy.home}, else the parent of the folder holding this jar. */
    private static Path home() {
        String prop = System.getProperty("autonomy.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the installation folder; set -Dautonomy.home", e);
        }
    }

    private static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
    }
}
