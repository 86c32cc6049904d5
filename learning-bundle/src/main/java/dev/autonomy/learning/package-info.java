/**
 * Plugin 4, adaptive learning: learns from every request and from user feedback, and adapts routing, tool policies
 * and context, keeping only what measurably helps. {@code core} holds the records and pure functions of the seed's
 * pipeline ({@code collectLearningExperiences |> analyzeInteractionPatterns |> extractActionableKnowledge |>
 * adaptSystemBehavior |> validateLearningEffectiveness}); {@code store} the crash-safe experience store;
 * {@code component} the Declarative Services component (capability, executor, event handler, plugin, context
 * adapter) and the plain {@code Learner} it delegates to; {@code tool} the MCP tools {@code learn_*};
 * {@code command} the Gogo scope {@code learn}.
 */
package dev.autonomy.learning;
