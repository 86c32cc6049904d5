package dev.autonomy.learning.component;

import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.learning.core.Adaptation;
import dev.autonomy.learning.store.ExperienceStore;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code learn_status}, {@code learn:status} and {@code autonomy:capabilities} show, gathered from the parts of
 * the learner. Errors appear as a short class name and a reference ({@code IOException (ref 1a2b3c4d)}), never as an
 * exception's text or a path: the detail is in the log under the same reference.
 */
final class LearnerStatus {

    /** The cycle's own figures, kept by the learner, and when the next cycle starts (empty before the start). */
    record Cycles(boolean halted, long failures, String lastError, Optional<Instant> next, Instant now) {
    }

    private final ExperienceStore store;
    private final AdaptationBook book;
    private final LearningEnvironment env;
    private final Intake intake;
    private final Ratings ratings;
    private final Publication publication;
    private final ExperimentLifecycle lifecycle;
    private final ErrorRefs errors = new ErrorRefs();

    LearnerStatus(ExperienceStore store, AdaptationBook book, LearningEnvironment env, Intake intake, Ratings ratings,
                  Publication publication, ExperimentLifecycle lifecycle) {
        this.store = store;
        this.book = book;
        this.env = env;
        this.intake = intake;
        this.ratings = ratings;
        this.publication = publication;
        this.lifecycle = lifecycle;
    }

    /** Figures for {@code autonomy:capabilities}: flat JSON scalars. */
    Map<String, Object> capability(boolean halted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halted", halted);
        m.putAll(countsByStatus());
        m.put("experiences", intake.experiences());
        m.put("cycles", publication.snapshot().cycles());
        return m;
    }

    private Map<String, Object> countsByStatus() {
        Map<Adaptation.Status, Long> counts = book.counts();
        Map<String, Object> m = new LinkedHashMap<>();
        for (Adaptation.Status s : Adaptation.Status.values()) {
            m.put(s.name().toLowerCase(Locale.ROOT), counts.getOrDefault(s, 0L));
        }
        return m;
    }

    /**
     * When the next cycle starts: {@code nextCycle}, an instant ("" before the start), and {@code nextCycleIn},
     * "in 42 s" (seconds rounded up; "in 0 s" while one runs; "not scheduled" before the start).
     */
    static Map<String, Object> nextCycle(Optional<Instant> next, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nextCycle", next.map(Instant::toString).orElse(""));
        m.put("nextCycleIn", next.map(t -> {
            long millis = Math.max(0, Duration.between(now, t).toMillis());
            return "in " + (millis + 999) / 1000 + " s";
        }).orElse("not scheduled"));
        return m;
    }

    /** Everything {@code learn_status} and {@code learn:status} show. */
    Map<String, Object> full(LearningOptions o, Cycles c) {
        Learner.Snapshot s = publication.snapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halted", c.halted());
        Optional<AutonomyGovernor> g = env.governor();
        m.put("governor", g.isPresent());
        if (g.isPresent()) {
            Map<String, Object> modes = new LinkedHashMap<>();
            for (Adaptation.Kind k : Adaptation.Kind.values()) {
                try {
                    modes.put(k.actionKind(), g.get().mode(Learner.CAPABILITY, k.actionKind()).toString());
                } catch (RuntimeException e) {
                    modes.put(k.actionKind(), "unknown");
                }
            }
            m.put("modes", modes);
        }
        m.put("cycleSeconds", o.cycle().toSeconds());
        m.put("holdoutShare", o.learning().holdoutShare());
        m.put("alpha", o.learning().alpha());
        m.put("maxExperimentUnits", o.learning().maxExperimentUnits());
        m.put("maxExperimentSeconds", o.learning().maxExperimentDuration().toSeconds());
        m.put("cycles", s.cycles());
        m.put("lastCycle", s.at() == null ? "" : s.at().toString());
        m.put("lastCycleMillis", s.millis());
        m.putAll(nextCycle(c.next(), c.now()));
        m.put("cycleFailures", c.failures());
        if (!c.lastError().isEmpty()) {
            m.put("lastCycleError", c.lastError());
        }
        m.put("eventsHandled", intake.events());
        m.put("experiencesRecorded", intake.experiences());
        m.put("appendFailures", intake.appendFailures());
        m.put("feedback", ratings.feedbacks());
        m.put("routingDecisionsWaiting", intake.routingDecisionsWaiting());
        m.put("routingDecisionsDropped", intake.routingDecisionsDropped());
        ExperienceStore.StoreStats st = store.stats();
        Map<String, Object> storeMap = new LinkedHashMap<>();
        storeMap.put("experiences", st.size());
        storeMap.put("fileBytes", st.fileBytes());
        storeMap.put("commits", st.commits());
        storeMap.put("deletedByRetention", st.deletedByRetention());
        if (!st.lastError().isEmpty()) {
            storeMap.put("lastError", errors.brief("the experience store failed", null, st.lastError()));
        }
        m.put("store", storeMap);
        m.put("analyzedExperiences", s.patterns().experiences());
        m.put("knowledge", s.knowledge().all().size());
        m.put("adaptations", countsByStatus());
        m.put("proposals", lifecycle.proposals());
        m.put("routingAdvice", publication.routingAdvice());
        if (!book.lastError().isEmpty()) {
            m.put("adaptationsError", errors.brief("the adaptations", book.lastErrorClass(), book.lastError()));
        }
        return m;
    }
}
