/**
 * For Pax Exam tests: the container's options ({@link dev.autonomy.testkit.container.Containers}, host side), and
 * what runs inside it — polling ({@link dev.autonomy.testkit.container.Await}), services and registrations, the
 * Gogo shell and the operator through it, configurations, and bundles generated in memory for test executors,
 * capabilities and agents.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.testkit.container;
