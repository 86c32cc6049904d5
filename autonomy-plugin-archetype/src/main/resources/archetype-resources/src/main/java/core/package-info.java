/**
 * The functional core of ${capability}: records and pure pipeline stages — observe tool latencies from request
 * events, find the slow tools, plan a time limit for each — with no OSGi, no clock, no I/O and no logging, so that
 * plain unit tests cover every rule.
 */
package ${package}.core;
