/**
 * Learning's Declarative Services component and the plain classes it delegates to: {@link
 * dev.autonomy.learning.component.Learner} (events, cycles, the executor, routing advice, the context), the
 * persisted adaptations, and tool policies in ConfigurationAdmin.
 */
package dev.autonomy.learning.component;
