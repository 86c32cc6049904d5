/**
 * Scenarios: "deploy X, drive N calls, propose or await an adaptation, act as the operator, expect it kept or
 * rolled back", written once ({@link dev.autonomy.testkit.scenario.Scenario}) and run by
 * {@link dev.autonomy.testkit.scenario.ScenarioRunner} against a container
 * ({@link dev.autonomy.testkit.scenario.ContainerTarget}, services through a bundle context) or a running
 * distribution ({@link dev.autonomy.testkit.scenario.DistributionTarget}, MCP over HTTP).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.testkit.scenario;
