/**
 * Test doubles of the autonomy services: a map for ConfigAdmin and a small governor.
 * TODO(test kit): replace {@link ${package}.fakes.FakeGovernor} with autonomy-testkit's TestGovernor (the real
 * governor's rules over an in-memory store) once dev.autonomy:autonomy-testkit is released.
 */
package ${package}.fakes;
