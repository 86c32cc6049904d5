/**
 * The kit's core for unit tests outside OSGi: a {@link dev.autonomy.testkit.MutableClock}, the real governor in
 * memory ({@link dev.autonomy.testkit.TestGovernor}) with its journal, the {@link dev.autonomy.testkit.Operator}
 * handle a test uses to act as the operator, and recording test doubles for executors and capabilities.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.testkit;
