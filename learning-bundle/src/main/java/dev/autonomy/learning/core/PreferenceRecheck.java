package dev.autonomy.learning.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After a session is forgotten, the learned preferences its ratings supported are re-checked against the current
 * knowledge (the ratings left): one that still holds gets the current figures, one that no longer does is withdrawn
 * from its context adaptation.
 */
public final class PreferenceRecheck {

    private PreferenceRecheck() {
    }

    /** A context adaptation whose preferences changed: its new payload and how many preferences were withdrawn. */
    public record Change(String adaptationId, Map<String, Object> payload, int withdrawn) {
        public Change {
            payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload)); // (in order, as stored)
        }
    }

    /**
     * The changes to the context adaptations in force or proposed whose preferences name one of {@code providers}.
     *
     * @param adaptations the book's adaptations (others than open or kept context adaptations are left alone)
     * @param providers   providers rated in forgotten sessions
     * @param knowledge   the current knowledge
     */
    public static List<Change> recheck(List<Adaptation> adaptations, Set<String> providers,
                                       ActionableKnowledge knowledge) {
        if (providers.isEmpty()) {
            return List.of();
        }
        Map<String, Knowledge> current = new HashMap<>();
        for (Knowledge k : knowledge.all()) {
            if (k.insight() == Knowledge.Insight.PREFERRED_PROVIDER
                    || k.insight() == Knowledge.Insight.DISLIKED_PROVIDER) {
                current.put(k.target(), k);
            }
        }
        List<Change> out = new ArrayList<>();
        for (Adaptation a : adaptations) {
            if (a.kind() != Adaptation.Kind.CONTEXT || a.status().isDropped()
                    || !(a.payload().get("preferences") instanceof List)) {
                continue;
            }
            List<Object> kept = new ArrayList<>();
            int withdrawn = 0;
            boolean changed = false;
            for (Object o : (List<?>) a.payload().get("preferences")) {
                Object provider = o instanceof Map ? ((Map<?, ?>) o).get("provider") : null;
                if (!(provider instanceof String) || !providers.contains(provider)) {
                    kept.add(o);
                    continue;
                }
                changed = true;
                Map<?, ?> m = (Map<?, ?>) o;
                Knowledge k = current.get(provider);
                if (preference(k).equals(m.get("preference"))) {
                    Map<String, Object> refreshed = new LinkedHashMap<>();
                    m.forEach((x, v) -> refreshed.put(String.valueOf(x), v));
                    refreshed.put("meanRating", k.detail().get("meanRating"));
                    refreshed.put("ratings", k.detail().get("ratings"));
                    kept.add(refreshed);
                } else {
                    withdrawn++;
                }
            }
            if (changed) {
                Map<String, Object> payload = new LinkedHashMap<>(a.payload());
                payload.put("preferences", kept);
                out.add(new Change(a.id(), payload, withdrawn));
            }
        }
        return out;
    }

    /** What the knowledge says of a provider now: preferred, disliked, or nothing. */
    private static String preference(Knowledge k) {
        if (k == null) {
            return "";
        }
        return k.insight() == Knowledge.Insight.PREFERRED_PROVIDER ? "preferred" : "disliked";
    }
}
