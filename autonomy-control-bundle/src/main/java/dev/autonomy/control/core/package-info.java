/**
 * The governor's rules as records and pure functions: key matching, modes, settings, rate windows, leases,
 * runaway detection and the reasons people read. No OSGi, no I/O, no clock: time comes in as an argument.
 */
package dev.autonomy.control.core;
