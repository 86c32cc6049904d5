/**
 * Test doubles of what the container provides: a map for ConfigAdmin. The governor is not faked: the tests use
 * autonomy-testkit's {@code TestGovernor}, the real governor's rules over an in-memory store.
 */
package ${package}.fakes;
