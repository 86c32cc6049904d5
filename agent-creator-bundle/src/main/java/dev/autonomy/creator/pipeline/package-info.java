/**
 * The creation pipeline as pure functions over records: {@code analyzeCapabilityGaps} → {@code
 * designSpecializedAgent} → {@code generateAgentCode} → (deployment, in the shell) → {@code
 * validateAgentPerformance}. No OSGi, no I/O, no clock.
 */
package dev.autonomy.creator.pipeline;
