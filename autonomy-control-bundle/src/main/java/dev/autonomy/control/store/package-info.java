/**
 * The crash-safe store under {@code ${autonomy.data}/autonomy/}: one H2 MVStore file holding the audit journal
 * (with indexes by proposal, capability and target) and the governor's state. A journal append commits the store,
 * so the state written before it becomes durable with it.
 */
package dev.autonomy.control.store;
