/** Gogo scope {@code agent}. */
package dev.autonomy.agents.command;
