package dev.autonomy.benchmarks;

import java.util.function.BiConsumer;

/** What every benchmark program does around its measurement: options, process cleanup, one line on failure. */
final class BenchmarkMain {

    private BenchmarkMain() {
    }

    static void run(String figure, String[] args, BiConsumer<Settings, Launched> benchmark) {
        int status = 0;
        Settings settings = null;
        try (Launched launched = new Launched()) {
            settings = Settings.parse(args);
            benchmark.accept(settings, launched);
        } catch (RuntimeException e) {
            System.out.println(figure + " failed: " + e.getMessage()
                    + (settings != null ? " (logs in " + settings.logs() + ")" : ""));
            status = 1;
        }
        System.out.flush();
        // MCP clients leave non-daemon threads behind
        System.exit(status);
    }
}
