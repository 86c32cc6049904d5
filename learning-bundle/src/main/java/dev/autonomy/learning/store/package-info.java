/**
 * The crash-safe experience store: one H2 MVStore file, {@code <dir>/experiences.mv.db}, written by a single
 * thread with group commit. An append is acknowledged only after the commit that contains it returned and the file
 * was forced to disk, so acknowledged experiences survive {@code kill -9} (and a power loss).
 */
package dev.autonomy.learning.store;
