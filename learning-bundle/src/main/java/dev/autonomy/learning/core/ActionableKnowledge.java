package dev.autonomy.learning.core;

import java.util.ArrayList;
import java.util.List;

/** Stage 3's output, {@code ActionableKnowledgeList}: knowledge by its four kinds, strongest evidence first. */
public record ActionableKnowledge(List<Knowledge> optimizations, List<Knowledge> userAdaptations,
                                  List<Knowledge> failurePrevention, List<Knowledge> successAmplification) {

    public static final ActionableKnowledge EMPTY = new ActionableKnowledge(List.of(), List.of(), List.of(),
            List.of());

    public ActionableKnowledge {
        optimizations = List.copyOf(optimizations);
        userAdaptations = List.copyOf(userAdaptations);
        failurePrevention = List.copyOf(failurePrevention);
        successAmplification = List.copyOf(successAmplification);
    }

    /** Knowledge sorted into its kinds, keeping the given order within each. */
    public static ActionableKnowledge of(List<Knowledge> all) {
        List<Knowledge> o = new ArrayList<>();
        List<Knowledge> u = new ArrayList<>();
        List<Knowledge> f = new ArrayList<>();
        List<Knowledge> s = new ArrayList<>();
        for (Knowledge k : all) {
            switch (k.category()) {
                case OPTIMIZATION -> o.add(k);
                case USER_ADAPTATION -> u.add(k);
                case FAILURE_PREVENTION -> f.add(k);
                case SUCCESS_AMPLIFICATION -> s.add(k);
                default -> throw new AssertionError(k.category());
            }
        }
        return new ActionableKnowledge(o, u, f, s);
    }

    /** Every piece, kind by kind. */
    public List<Knowledge> all() {
        List<Knowledge> out = new ArrayList<>(optimizations);
        out.addAll(userAdaptations);
        out.addAll(failurePrevention);
        out.addAll(successAmplification);
        return List.copyOf(out);
    }

    /** The pieces with this insight. */
    public List<Knowledge> with(Knowledge.Insight insight) {
        return all().stream().filter(k -> k.insight() == insight).toList();
    }
}
