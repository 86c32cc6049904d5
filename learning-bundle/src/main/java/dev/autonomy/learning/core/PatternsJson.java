package dev.autonomy.learning.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Patterns and knowledge as JSON, for the {@code learn_patterns} tool and the shell: the all-sizes rows of each
 * provider (the per-size rows are detail the knowledge already draws on), trends, preferences, routing and
 * repetition, then the actionable knowledge. Rates and intervals are rounded to 4 decimals.
 */
public final class PatternsJson {

    private PatternsJson() {
    }

    /** The patterns and the knowledge drawn from them. */
    public static Map<String, Object> of(InteractionPatterns p, ActionableKnowledge k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiences", p.experiences());
        if (p.from() != null) {
            m.put("from", p.from().toString());
            m.put("to", p.to().toString());
        }
        m.put("droppedEvents", p.droppedEvents());
        List<Object> providers = new ArrayList<>();
        Map<String, InteractionPatterns.PerformanceTrend> trends = new LinkedHashMap<>();
        p.performanceTrends().forEach(t -> trends.put(t.provider(), t));
        for (InteractionPatterns.SuccessIndicator s : p.successIndicators()) {
            if (!InputFeatures.ALL.equals(s.sizeClass())) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("provider", s.provider());
            row.put("calls", s.calls());
            row.put("successes", s.successes());
            row.put("successRate", round(s.rate()));
            row.put("successInterval", interval(s.successRate()));
            row.put("retriedSuccesses", s.retriedSuccesses());
            InteractionPatterns.PerformanceTrend t = trends.get(s.provider());
            if (t != null) {
                row.put("p50Micros", t.p50Micros());
                row.put("p95Micros", t.p95Micros());
                row.put("p99Micros", t.p99Micros());
                row.put("timeouts", t.timeouts());
                row.put("ewmaFailureRate", round(t.ewmaFailureRate()));
                t.latencyChange().ifPresent(c -> row.put("latencyChange", change(c)));
                t.failureChange().ifPresent(c -> row.put("failureChange", change(c)));
            }
            List<Object> failures = new ArrayList<>();
            for (InteractionPatterns.FailureIndicator f : p.failureIndicators()) {
                if (f.provider().equals(s.provider()) && InputFeatures.ALL.equals(f.sizeClass())) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("errorClass", f.errorClass());
                    fm.put("failures", f.failures());
                    fm.put("rate", round(f.rate()));
                    fm.put("transient", f.transientFailure());
                    fm.put("retryable", f.retryable());
                    failures.add(fm);
                }
            }
            row.put("failures", failures);
            providers.add(row);
        }
        m.put("providers", providers);
        List<Object> preferences = new ArrayList<>();
        for (InteractionPatterns.UserPreference u : p.userPreferences()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("provider", u.provider());
            row.put("ratings", u.ratings());
            row.put("meanRating", round(u.meanRating()));
            row.put("positive", u.positive());
            row.put("negative", u.negative());
            preferences.add(row);
        }
        m.put("preferences", preferences);
        List<Object> routing = new ArrayList<>();
        for (InteractionPatterns.RoutingPattern r : p.routing()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("capability", r.capability());
            row.put("decisions", r.decisions());
            row.put("withOutcome", r.withOutcome());
            List<Object> arms = new ArrayList<>();
            for (InteractionPatterns.ArmPattern a : r.arms()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("agent", a.agent());
                am.put("routed", a.routed());
                am.put("successes", a.successes());
                am.put("failures", a.failures());
                am.put("successInterval", interval(a.successRate()));
                arms.add(am);
            }
            row.put("arms", arms);
            routing.add(row);
        }
        m.put("routing", routing);
        List<Object> repetition = new ArrayList<>();
        for (InteractionPatterns.RepetitionPattern r : p.repetition()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("provider", r.provider());
            row.put("fingerprinted", r.fingerprinted());
            row.put("repeats", r.repeats());
            row.put("repeatInterval", interval(r.repeatRate()));
            repetition.add(row);
        }
        m.put("repetition", repetition);
        List<Object> knowledge = new ArrayList<>();
        k.all().forEach(x -> knowledge.add(x.toJson()));
        m.put("knowledge", knowledge);
        return m;
    }

    private static Map<String, Object> change(InteractionPatterns.ChangePoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", c.time().toString());
        m.put("before", round(c.before()));
        m.put("after", round(c.after()));
        m.put("confidence", round(c.confidence()));
        return m;
    }

    private static List<Object> interval(Interval i) {
        return List.of(round(i.lower()), round(i.upper()));
    }

    static double round(double d) {
        if (!Double.isFinite(d)) {
            return 0;
        }
        return Math.round(d * 10_000) / 10_000.0;
    }
}
