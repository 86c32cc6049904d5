package dev.autonomy.benchmarks.learning;

import dev.autonomy.learning.core.ActionableKnowledge;
import dev.autonomy.learning.core.AdaptiveLearning;
import dev.autonomy.learning.core.ExperienceKind;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.learning.core.LearningSettings;
import dev.autonomy.learning.core.PatternAnalyzer;
import dev.autonomy.learning.store.ExperienceStore;
import dev.autonomy.learning.store.StoreSettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Pattern analysis over generated experiences (20 tools, two capabilities of three agents each, ratings,
 * fingerprints, failures of several classes; their times spread over the last hours, inside the default analysis
 * window of 24 h), two ways:
 * <ul>
 *   <li>from the store, as {@code Learner.runCycle} does it: {@link ExperienceStore#forEach} over the analysis
 *       window into a {@link PatternAnalyzer.Accumulator}, then {@link PatternAnalyzer.Accumulator#result};</li>
 *   <li>in memory: {@link AdaptiveLearning#analyzeInteractionPatterns} over a {@code List}.</li>
 * </ul>
 * Each: warm-up runs, then timed runs (time, bytes allocated by the analysing thread); the heap the experiences
 * hold as a list, and the heap held with the store open, after a full GC.
 *
 * <p>Moved here from the learning bundle's tests; prints nothing, {@code LearningBenchmark} prints the figures.
 */
public final class PatternBenchmark {

    /** The Learner's default analysis window (analysisWindowMinutes = 1440). */
    private static final Duration WINDOW = Duration.ofHours(24);
    /** Experiences are this far apart: a million span 2.8 hours. */
    private static final long SPACING_MILLIS = 10;

    private PatternBenchmark() {
    }

    /**
     * @param millis          each timed run
     * @param allocatedBytes  by the analysing thread, last timed run
     */
    public record Runs(double[] millis, long allocatedBytes) {
        public double median() {
            double[] s = millis.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(millis).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(millis).max().orElse(Double.NaN);
        }
    }

    /**
     * @param listHeapBytes  heap held by the experiences as a list (after a full GC)
     * @param storeHeapBytes heap in use with the store open (filled in this JVM) and the list gone, over the heap
     *                       before anything was made, each after a full GC
     * @param fillMillis     appending the experiences to the store (not a figure of the goal: sync off, to save time)
     */
    public record Result(int count, Runs fromStore, Runs inMemory, long listHeapBytes, long storeHeapBytes,
                         long storeFileBytes, double fillMillis, InteractionPatterns patterns,
                         double knowledgeMillis, int insights, long analysed) {
    }

    public static Result measure(Path dir, int count, int warmUps, int runs, Consumer<String> progress)
            throws IOException {
        long heapBefore = usedHeapAfterGc();
        progress.accept("generating " + count + " experiences");
        Instant first = Instant.now().minusMillis(count * SPACING_MILLIS);
        List<LearningExperience> xs = generate(count, first, new SplittableRandom(1));
        long listHeap = usedHeapAfterGc() - heapBefore;
        Files.createDirectories(dir);
        // Filling is no figure: the commits need not be forced to disk
        StoreSettings settings = StoreSettings.DEFAULTS.withSync(false);
        try (ExperienceStore store = ExperienceStore.open(dir, settings, Clock.systemUTC())) {
            progress.accept("filling the store");
            long f0 = System.nanoTime();
            CompletableFuture<Long> last = null;
            for (LearningExperience x : xs) {
                last = store.append(x);
            }
            if (last != null) {
                last.join();
            }
            double fillMillis = (System.nanoTime() - f0) / 1e6;

            progress.accept("in-memory analysis: " + warmUps + " warm-up and " + runs + " timed runs");
            Runs inMemory = time(warmUps, runs,
                    () -> AdaptiveLearning.analyzeInteractionPatterns(xs, LearningSettings.DEFAULTS));
            xs.clear();
            ((ArrayList<LearningExperience>) xs).trimToSize();

            progress.accept("analysis from the store: " + warmUps + " warm-up and " + runs + " timed runs");
            InteractionPatterns[] last2 = new InteractionPatterns[1];
            Runs fromStore = time(warmUps, runs, () -> {
                last2[0] = fromStore(store);
                return last2[0];
            });
            long storeHeap = usedHeapAfterGc() - heapBefore;
            InteractionPatterns p = last2[0];
            long k0 = System.nanoTime();
            ActionableKnowledge knowledge = AdaptiveLearning.extractActionableKnowledge(p, LearningSettings.DEFAULTS);
            double knowledgeMillis = (System.nanoTime() - k0) / 1e6;
            return new Result(count, fromStore, inMemory, listHeap, storeHeap, store.stats().fileBytes(),
                    fillMillis, p, knowledgeMillis, knowledge.all().size(), p.experiences());
        }
    }

    /** What {@code Learner.runCycle} does with the store (without the experiments' tallies). */
    private static InteractionPatterns fromStore(ExperienceStore store) {
        Instant windowStart = Instant.now().minus(WINDOW);
        PatternAnalyzer.Accumulator acc = new PatternAnalyzer.Accumulator(LearningSettings.DEFAULTS);
        store.forEach(windowStart, acc::add);
        return acc.result();
    }

    private static Runs time(int warmUps, int runs, java.util.function.Supplier<InteractionPatterns> analysis) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < warmUps; i++) {
            analysis.get();
        }
        double[] millis = new double[runs];
        long allocated = 0;
        for (int i = 0; i < runs; i++) {
            long a0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            analysis.get();
            millis[i] = (System.nanoTime() - t0) / 1e6;
            allocated = threads.getThreadAllocatedBytes(tid) - a0;
        }
        return new Runs(millis, allocated);
    }

    static List<LearningExperience> generate(int count, Instant t0, SplittableRandom r) {
        String[] tools = new String[20];
        for (int i = 0; i < tools.length; i++) {
            tools[i] = "tool_" + i;
        }
        String[] errorClasses = {"IOException", "IllegalStateException", "", "", ""};
        String[] outcomes = {"tool_error", "internal_error", "timeout", "busy", "invalid_arguments"};
        List<String> agentsA = List.of("summarizer-a", "summarizer-b", "summarizer-c");
        List<String> agentsB = List.of("translator-a", "translator-b", "translator-c");
        List<LearningExperience> xs = new ArrayList<>(count);
        Map<String, Object> features = Map.of("attempts", 1L, "depth", 0L, "client", "bench");
        for (int i = 0; i < count; i++) {
            Instant t = t0.plusMillis(i * SPACING_MILLIS);
            String session = "session-" + (i % 1000);
            String request = "request-" + i;
            double u = r.nextDouble();
            if (u < 0.10) {
                boolean a = r.nextBoolean();
                List<String> agents = a ? agentsA : agentsB;
                int k = r.nextInt(3);
                boolean ok = r.nextDouble() > 0.05 + 0.1 * k;
                xs.add(LearningExperience.routing(t, session, request, a ? "summarize" : "translate", agents.get(k),
                        agents, 1.0 / 3, ok ? "success" : "tool_error", latency(r)));
            } else if (u < 0.11) {
                xs.add(LearningExperience.feedback(t, session, request, "tool:" + tools[r.nextInt(tools.length)],
                        1 + r.nextInt(5), ""));
            } else {
                int tool = r.nextInt(tools.length);
                boolean ok = r.nextDouble() > 0.05;
                int f = r.nextInt(outcomes.length);
                xs.add(new LearningExperience(0, t, session, request, ExperienceKind.REQUEST,
                        "tool:" + tools[tool], "", ok ? "success" : outcomes[f],
                        ok ? "" : errorClasses[f].isEmpty() ? outcomes[f] : errorClasses[f], latency(r),
                        r.nextInt(20_000), tool < 3 ? 1 + r.nextInt(1000) : 0, features, 0, 0, List.of()));
            }
        }
        return xs;
    }

    private static long latency(SplittableRandom r) {
        return (long) Math.exp(7 + 1.2 * r.nextGaussian()); // log-normal around 1 ms
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
