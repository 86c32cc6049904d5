/**
 * Crash tests: {@link dev.autonomy.testkit.crash.Acknowledgements} runs a child JVM that writes to a store and prints
 * what was acknowledged, kills it with SIGKILL and answers every number it printed, for the test to find in the
 * store opened again.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.testkit.crash;
