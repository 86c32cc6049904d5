/** Gogo commands of scope {@code agent} for creation: create, generate, remove, rollback, history, source. */
package dev.autonomy.creator.command;
