/**
 * Plugin 4, adaptive learning: learns from every request and from user feedback, and adapts routing, tool policies
 * and context, keeping only what measurably helps. {@code core} holds the records and pure functions of the seed's
 * pipeline ({@code collectLearningExperiences |> analyzeInteractionPatterns |> extractActionableKnowledge |>
 * adaptSystemBehavior |> validateLearningEffectiveness}); {@code store} the crash-safe experience store.
 */
package dev.autonomy.learning;
