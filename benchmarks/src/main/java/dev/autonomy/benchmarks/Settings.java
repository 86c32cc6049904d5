package dev.autonomy.benchmarks;

import java.nio.file.Path;

/**
 * The command line shared by the benchmark programs (run.sh passes it).
 *
 * @param distribution the built distribution ({@code distribution/target/autonomy}); it is copied, never changed
 * @param work         scratch folder for the copy, data folders and logs ({@code benchmarks/target/bench})
 * @param quick        short warm-up and measurement, for smoke checks; the figures are then only indicative
 * @param selfTest     throughput: measure a second bare SDK server in place of the container (checks the harness)
 * @param extrasGlob   throughput: jars of the distribution's examples/ deployed besides the tool bundle (default:
 *                     the example with one ContextAdapter and one Plugin, so the request pipeline has work to do)
 * @param runs         repetitions of a start or deploy measurement
 */
record Settings(Path distribution, Path work, boolean quick, boolean selfTest, String extrasGlob, int runs) {

    static final String USAGE = "options: --dist DIR --work DIR [--quick] [--self-test] [--extras GLOB] [--runs N]";

    Settings {
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("runs must be 1..100, was " + runs);
        }
    }

    static Settings parse(String[] args) {
        Path distribution = Path.of("../distribution/target/autonomy");
        Path work = Path.of("target/bench");
        boolean quick = false;
        boolean selfTest = false;
        String extras = "pipeline-example-bundle-*.jar";
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dist": distribution = Path.of(value(args, ++i)); break;
                case "--work": work = Path.of(value(args, ++i)); break;
                case "--quick": quick = true; break;
                case "--self-test": selfTest = true; break;
                case "--extras": extras = value(args, ++i); break;
                case "--runs": runs = Integer.parseInt(value(args, ++i)); break;
                default: throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new Settings(distribution.toAbsolutePath().normalize(), work.toAbsolutePath().normalize(), quick,
                selfTest, extras, runs);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }

    long warmupCalls() {
        return quick ? 2_000 : 20_000;
    }

    int measureSeconds() {
        return quick ? 5 : 20;
    }

    Path logs() {
        return work.resolve("logs");
    }
}
