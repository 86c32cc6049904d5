/**
 * The agents bundle's functional core: records and pure functions (agent selection, routing distributions,
 * workflow planning, JSON Pointer, statistics). No OSGi, no I/O, no logging, no clock.
 */
package dev.autonomy.agents.core;
