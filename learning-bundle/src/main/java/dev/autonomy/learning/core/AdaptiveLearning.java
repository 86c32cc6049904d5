package dev.autonomy.learning.core;

import dev.autonomy.foundation.api.session.SessionEvent;

import java.time.Instant;
import java.util.List;

/**
 * The seed's learning pipeline in one place, each stage a pure function:
 * <pre>
 *   interaction_data
 *   |&gt; collectLearningExperiences      events (+ feedback)    → experiences        ({@link ExperienceCollector})
 *   |&gt; analyzeInteractionPatterns      experiences            → patterns           ({@link PatternAnalyzer})
 *   |&gt; extractActionableKnowledge      patterns               → knowledge          ({@link KnowledgeExtractor})
 *   |&gt; adaptSystemBehavior             knowledge + state      → adaptations        ({@link BehaviorAdapter})
 *   |&gt; validateLearningEffectiveness   adaptation + its arms  → keep/revert/continue ({@link EffectivenessValidator})
 * </pre>
 */
public final class AdaptiveLearning {

    private AdaptiveLearning() {
    }

    public static List<LearningExperience> collectLearningExperiences(List<SessionEvent> events) {
        return ExperienceCollector.collectLearningExperiences(events);
    }

    public static List<LearningExperience> collectLearningExperiences(List<SessionEvent> events,
                                                                      List<Feedback> feedback) {
        return ExperienceCollector.collectLearningExperiences(events, feedback);
    }

    public static InteractionPatterns analyzeInteractionPatterns(List<LearningExperience> experiences) {
        return PatternAnalyzer.analyzeInteractionPatterns(experiences);
    }

    public static InteractionPatterns analyzeInteractionPatterns(List<LearningExperience> experiences,
                                                                 LearningSettings settings) {
        return PatternAnalyzer.analyzeInteractionPatterns(experiences, settings);
    }

    public static ActionableKnowledge extractActionableKnowledge(InteractionPatterns patterns,
                                                                 LearningSettings settings) {
        return KnowledgeExtractor.extractActionableKnowledge(patterns, settings);
    }

    public static List<Adaptation> adaptSystemBehavior(ActionableKnowledge knowledge, List<Adaptation> current,
                                                       SystemFacts facts, Instant now, LearningSettings settings) {
        return BehaviorAdapter.adaptSystemBehavior(knowledge, current, facts, now, settings);
    }

    public static EffectivenessReport validateLearningEffectiveness(Adaptation adaptation, ArmStats treatment,
                                                                    ArmStats holdout, Instant now,
                                                                    LearningSettings settings) {
        return EffectivenessValidator.validateLearningEffectiveness(adaptation, treatment, holdout, now, settings);
    }
}
