/** Pure functions and records of the foundation: no OSGi, no I/O, no clock. */
package dev.autonomy.mcp.core;
