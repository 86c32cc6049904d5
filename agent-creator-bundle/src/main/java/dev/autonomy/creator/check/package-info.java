/**
 * Checks and rewrites of generated agent bytecode: the platform allow-list and the deadline weaving. Pure functions
 * over class bytes; no OSGi, no I/O, no logging.
 */
package dev.autonomy.creator.check;
