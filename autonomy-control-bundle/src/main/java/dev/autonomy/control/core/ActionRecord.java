package dev.autonomy.control.core;

/**
 * One action counted against the budgets (applied or attempted): the budget history that survives restarts.
 *
 * @param time epoch milliseconds
 */
public record ActionRecord(long time, String capability, String kind) {
}
