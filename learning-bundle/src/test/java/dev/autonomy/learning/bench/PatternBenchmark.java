package dev.autonomy.learning.bench;

import dev.autonomy.learning.core.AdaptiveLearning;
import dev.autonomy.learning.core.ExperienceKind;
import dev.autonomy.learning.core.InteractionPatterns;
import dev.autonomy.learning.core.LearningExperience;
import dev.autonomy.learning.core.LearningSettings;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code analyzeInteractionPatterns} over generated experiences (default 1,000,000: 20 tools, 2 capabilities of 3
 * agents, feedback, fingerprints, failures of several classes): time per analysis (3 warm-up runs, then 7 timed),
 * bytes allocated per analysis, and heap held by the experiences. Goal: ≤ 2 s. Arguments: [count]. Prints figures;
 * asserts nothing.
 */
public final class PatternBenchmark {

    private PatternBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long heapBefore = usedHeapAfterGc();
        List<LearningExperience> xs = generate(count, new SplittableRandom(1));
        long heapWithExperiences = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "PatternBenchmark: %,d experiences, %,.0f MB of heap for them (%.0f bytes "
                        + "each), max heap %,d MB, %d cores%n", count, (heapWithExperiences - heapBefore) / 1e6,
                (double) (heapWithExperiences - heapBefore) / count, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        InteractionPatterns p = null;
        for (int i = 0; i < 3; i++) {
            p = AdaptiveLearning.analyzeInteractionPatterns(xs, LearningSettings.DEFAULTS);
        }
        double[] millis = new double[7];
        long allocated = 0;
        for (int i = 0; i < millis.length; i++) {
            long a0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            p = AdaptiveLearning.analyzeInteractionPatterns(xs, LearningSettings.DEFAULTS);
            millis[i] = (System.nanoTime() - t0) / 1e6;
            allocated = threads.getThreadAllocatedBytes(tid) - a0;
        }
        long t0 = System.nanoTime();
        var knowledge = AdaptiveLearning.extractActionableKnowledge(p, LearningSettings.DEFAULTS);
        double knowledgeMillis = (System.nanoTime() - t0) / 1e6;
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "analyzeInteractionPatterns: median %.0f ms, min %.0f ms, max %.0f ms "
                        + "(goal <= 2000 ms: %s); %,.1f MB allocated per analysis%n", millis[millis.length / 2],
                millis[0], millis[millis.length - 1], millis[millis.length / 2] <= 2000 ? "met" : "NOT met",
                allocated / 1e6);
        System.out.printf(Locale.ROOT, "result: %d success rows, %d failure rows, %d trends, %d routing patterns, "
                        + "%d repetition rows, %d preferences; extractActionableKnowledge %.1f ms, %d insights%n",
                p.successIndicators().size(), p.failureIndicators().size(), p.performanceTrends().size(),
                p.routing().size(), p.repetition().size(), p.userPreferences().size(), knowledgeMillis,
                knowledge.all().size());
    }

    static List<LearningExperience> generate(int count, SplittableRandom r) {
        String[] tools = new String[20];
        for (int i = 0; i < tools.length; i++) {
            tools[i] = "tool_" + i;
        }
        String[] errorClasses = {"IOException", "IllegalStateException", "", "", ""};
        String[] outcomes = {"tool_error", "internal_error", "timeout", "busy", "invalid_arguments"};
        List<String> agentsA = List.of("summarizer-a", "summarizer-b", "summarizer-c");
        List<String> agentsB = List.of("translator-a", "translator-b", "translator-c");
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        List<LearningExperience> xs = new ArrayList<>(count);
        Map<String, Object> features = Map.of("attempts", 1L, "depth", 0L, "client", "bench");
        for (int i = 0; i < count; i++) {
            Instant t = t0.plusMillis(i * 10L);
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
                LearningExperience x = new LearningExperience(0, t, session, request, ExperienceKind.REQUEST,
                        "tool:" + tools[tool], "", ok ? "success" : outcomes[f],
                        ok ? "" : errorClasses[f].isEmpty() ? outcomes[f] : errorClasses[f], latency(r),
                        r.nextInt(20_000), tool < 3 ? 1 + r.nextInt(1000) : 0, features, 0, 0, List.of());
                xs.add(x);
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
