/**
 * The governor's state and decisions, free of OSGi: the DS components in {@code component} feed it services and
 * configuration; unit tests and benchmarks drive it directly with an injectable clock.
 */
package dev.autonomy.control.engine;
