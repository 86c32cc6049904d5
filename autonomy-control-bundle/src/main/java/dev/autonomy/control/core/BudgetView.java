package dev.autonomy.control.core;

/**
 * One budget as {@code autonomy:budget} shows it.
 *
 * @param name       e.g. {@code global}, {@code agents}, {@code experiments}, {@code learning.tool.policy}
 * @param used       actions counted now
 * @param limit      the limit
 * @param nextFreeAt epoch milliseconds when room frees up; the current time if there is room; {@code Long.MAX_VALUE}
 *                   when the limit is 0 (or, for experiments, until one closes)
 */
public record BudgetView(String name, int used, int limit, long nextFreeAt) {
}
