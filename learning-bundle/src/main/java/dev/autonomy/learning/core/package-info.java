/**
 * The learning bundle's functional core: records and pure functions. No OSGi, no I/O, no logging, no clock (time
 * comes in as an argument), no hidden randomness (a seeded {@link java.util.SplittableRandom} comes in as an
 * argument), no mutable statics.
 *
 * <p>The pipeline, in the seed's words: {@link dev.autonomy.learning.core.AdaptiveLearning#collectLearningExperiences}
 * (session events and feedback to {@link dev.autonomy.learning.core.LearningExperience}s, shape only) →
 * {@link dev.autonomy.learning.core.AdaptiveLearning#analyzeInteractionPatterns} (one pass, primitive accumulators)
 * → {@link dev.autonomy.learning.core.AdaptiveLearning#extractActionableKnowledge} (insights with evidence) →
 * {@link dev.autonomy.learning.core.AdaptiveLearning#adaptSystemBehavior} (proposed, reversible
 * {@link dev.autonomy.learning.core.Adaptation}s with a holdout) →
 * {@link dev.autonomy.learning.core.AdaptiveLearning#validateLearningEffectiveness} (keep, revert or continue, by an
 * always-valid sequential test), then {@link dev.autonomy.learning.core.Verdicts} (what is done with a verdict).
 * Beside it: {@link dev.autonomy.learning.core.AdaptationState} (where an adaptation stands) and
 * {@link dev.autonomy.learning.core.PreferenceRecheck} (preferences re-checked after a session is forgotten).
 */
package dev.autonomy.learning.core;
