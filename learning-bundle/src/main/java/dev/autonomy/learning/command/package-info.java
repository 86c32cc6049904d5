/** Gogo scope {@code learn}: status, patterns, adaptations, revert, evaluate, forget. */
package dev.autonomy.learning.command;
