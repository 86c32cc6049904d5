package dev.autonomy.learning.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code adaptive_learning_context} extension, as the seed describes it: learning history, current adaptations,
 * learning opportunities and learning effectiveness — plus the preferences that a kept CONTEXT adaptation
 * publishes. A bounded JSON object, built once per analysis and shared by every request.
 */
public final class LearningContext {

    private LearningContext() {
    }

    /**
     * The extension's value.
     *
     * @param maxItems the most opportunities, adaptations and reports listed (the rest are counted)
     */
    public static Map<String, Object> extension(InteractionPatterns patterns, ActionableKnowledge knowledge,
                                                List<Adaptation> adaptations, List<EffectivenessReport> reports,
                                                int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, was " + maxItems);
        }
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("experiences", patterns.experiences());
        if (patterns.from() != null) {
            history.put("from", patterns.from().toString());
            history.put("to", patterns.to().toString());
        }
        history.put("providers", patterns.performanceTrends().size());
        history.put("droppedEvents", patterns.droppedEvents());

        List<Object> current = new ArrayList<>();
        List<Object> preferences = new ArrayList<>();
        long kept = 0;
        long reverted = 0;
        long rejected = 0;
        long active = 0;
        Set<String> acted = new HashSet<>();
        for (Adaptation a : adaptations) {
            acted.add(a.target());
            switch (a.status()) {
                case KEPT -> kept++;
                case REVERTED -> reverted++;
                case REJECTED -> rejected++;
                case ACTIVE -> active++;
                case PROPOSED -> {
                    // waiting for the governor
                }
                default -> throw new AssertionError(a.status());
            }
            if (a.status() == Adaptation.Status.KEPT && a.kind() == Adaptation.Kind.CONTEXT
                    && a.payload().get("preferences") instanceof List) {
                preferences.addAll((List<?>) a.payload().get("preferences"));
            }
            if (!a.status().isDropped() && current.size() < maxItems) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", a.id());
                m.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
                m.put("target", a.target());
                m.put("status", a.status().name().toLowerCase(Locale.ROOT));
                m.put("rationale", a.rationale());
                current.add(m);
            }
        }
        List<Object> opportunities = new ArrayList<>();
        long moreOpportunities = 0;
        for (Knowledge k : knowledge.all()) {
            if (acted.contains(k.target())) {
                continue;
            }
            if (opportunities.size() < maxItems) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("insight", k.insight().name().toLowerCase(Locale.ROOT));
                m.put("target", k.target());
                m.put("summary", k.summary());
                m.put("evidence", k.evidence().toJson());
                opportunities.add(m);
            } else {
                moreOpportunities++;
            }
        }
        Map<String, Object> effectiveness = new LinkedHashMap<>();
        effectiveness.put("kept", kept);
        effectiveness.put("reverted", reverted);
        effectiveness.put("rejected", rejected);
        effectiveness.put("active", active);
        long decided = kept + reverted;
        effectiveness.put("keepRate", decided == 0 ? 0.0 : (double) kept / decided);
        List<Object> recent = new ArrayList<>();
        for (int i = reports.size() - 1; i >= 0 && recent.size() < maxItems; i--) {
            EffectivenessReport r = reports.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("adaptationId", r.adaptationId());
            m.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            m.put("reason", r.reason());
            m.put("evidence", r.evidence().toJson());
            recent.add(m);
        }
        effectiveness.put("recent", recent);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("learning_history", history);
        out.put("current_adaptations", current);
        out.put("learning_opportunities", opportunities);
        if (moreOpportunities > 0) {
            out.put("more_opportunities", moreOpportunities);
        }
        out.put("learning_effectiveness", effectiveness);
        out.put("preferences", preferences);
        return out;
    }
}
